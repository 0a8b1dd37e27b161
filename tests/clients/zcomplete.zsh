#!/usr/bin/env zsh -f
# tests/clients/zcomplete.zsh COMPDIR LINE - the matches zsh's completion
# system offers for LINE typed and then TAB, one a line: an interactive
# zsh in a pseudo-terminal, compinit with COMPDIR first in fpath, the
# line typed for real; compadd is wrapped only to print the matches the
# builtin itself computes (-O) before it adds them.
zmodload zsh/zpty || exit 2
compdir=$1 line=$2
zpty hlz zsh -f -i || exit 2
setup=(
  "PS1='' RPS1='' PROMPT_EOL_MARK=''"
  "unsetopt beep"
  "fpath=(${(q)compdir} \$fpath)"
  "autoload -Uz compinit && compinit -u -d ${(q)TMPDIR:-/tmp}/hlz-compdump-\$\$"
  "compadd() { local -a hlz_hits; if (( \${@[(I)-[OAD]]} == 0 )); then builtin compadd -O hlz_hits \"\$@\"; (( \$#hlz_hits )) && printf '\\n\\x3chit>%s' \"\${hlz_hits[@]}\"; fi; builtin compadd \"\$@\"; }"
  "hlz_tab() { _main_complete; print -rn -- \$'\\n\\x3cend>\\n'; }"
  "zle -C hlz-tab complete-word hlz_tab"
  "bindkey '^I' hlz-tab"
  "print '<rea''dy>'"
)
for s in $setup; do zpty -w hlz $s; done
# wait for the shell to have read it all
out=
zpty -r -m hlz out '*<ready>*' || { zpty -d hlz; exit 2; }
zpty -w -n hlz "$line"$'\t'
out=
zpty -r -m hlz out '*<end>*' || { zpty -d hlz; exit 2; }
zpty -d hlz
# the hits, each on its own line after the marker
print -r -- ${(F)${(M)${(f)out//$'\r'/}:#<hit>*}#<hit>}
