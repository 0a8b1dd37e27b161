# bash completion for hl-log, hl-route, hl-escalate and hl-report
# -*- shell-script -*-
#
# Installed once a tool name (bash-completion loads a command's file
# when it is first completed). Needs nothing of bash-completion itself:
# the words come from `hl-log --complete KIND` (hl-log(1), COMPLETION),
# which reads the configuration and the journal the line names (-C, -f)
# or the environment does, and writes nothing.

# The hl-log beside the tool typed (a path typed, a path used), else
# the one on PATH.
_hl_log_cmd()
{
	case ${COMP_WORDS[0]} in
	*/*) printf '%s\n' "${COMP_WORDS[0]%/*}/hl-log" ;;
	*) printf 'hl-log\n' ;;
	esac
}

# COMPREPLY: the lines of hl-log --complete ARGS... that begin with
# $cur, quoted for the command line when they hold a shell's special
# character. Not compgen -W: it would expand the words, and a name in
# the configuration is data, never run.
_hl_complete_words()
{
	local w
	COMPREPLY=()
	while IFS= read -r w; do
		[[ $w == "$cur"* ]] || continue
		if [[ $w == *[[:space:]\'\"\\\$\`\;\&\|\<\>\(\)\*\?\[\]\#\~\{\}\!]* ]]; then
			printf -v w '%q' "$w"
		fi
		COMPREPLY+=("$w")
	done < <("$(_hl_log_cmd)" "${_hl_where[@]}" --complete "$@" 2>/dev/null)
}

# COMPREPLY: the words given that begin with $cur (fixed words: no
# expansion to fear).
_hl_fixed()
{
	local w
	COMPREPLY=()
	for w; do
		[[ $w == "$cur"* ]] && COMPREPLY+=("$w")
	done
}

_hl_files()
{
	local IFS=$'\n'
	compopt -o filenames 2>/dev/null
	COMPREPLY=($(compgen -f -- "$cur"))
}

# cur and prev; "--dept=" and "--dept=工" are three words (COMP_WORDBREAKS
# has '='), prev then the option.
_hl_setup()
{
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	if [[ $cur == = ]]; then
		cur=
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	fi
}

# _hl_where: the -f and -C (and --file=, --config=) the line names,
# for hl-log --complete to read what the command will.
_hl_scan_where()
{
	local i w
	_hl_where=()
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		-f | --file | -C | --config)
			local v=${COMP_WORDS[i + 1]}
			[[ $v == = ]] && v=${COMP_WORDS[i + 2]}
			[[ $v == "~/"* ]] && v=$HOME/${v#"~/"}
			[[ -n $v ]] && _hl_where+=("$w" "$v")
			;;
		--file=?* | --config=?*) _hl_where+=("$w") ;;
		esac
	done
}

# The options of hl-log that take a value (before or after the verb).
_hl_log_takes_value()
{
	case $1 in
	-[cpmntldafCo] | --category | --priority | --channel | --caller | --phone | \
		--place | --dept | --assignee | --verdict | --score | --reason | \
		--result | --clock | --file | --config | --at | --by | --wait | \
		--output | --encoding | --complete) return 0 ;;
	esac
	return 1
}

_hl_log()
{
	local cur prev verb= i w nargs=0 _hl_where
	_hl_setup
	_hl_scan_where
	# the verb: the first word not an option or an option's value; then
	# the operands after it
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w == = ]]; then
			((i++))
		elif [[ $w == -* ]]; then
			[[ $w != *=* ]] && _hl_log_takes_value "$w" &&
				[[ ${COMP_WORDS[i + 1]} != = ]] && ((i++))
		elif [[ -z $verb ]]; then
			verb=$w
		else
			((nargs++))
		fi
	done

	# an option's value
	case $prev in
	-c | --category) _hl_complete_words categories; return ;;
	-p | --priority) _hl_complete_words priorities; return ;;
	-m | --channel) _hl_complete_words channels; return ;;
	-d | --dept) _hl_complete_words depts; return ;;
	-a | --assignee) _hl_complete_words people; return ;;
	--verdict) _hl_complete_words verdicts; return ;;
	--result) _hl_complete_words results; return ;;
	--clock) _hl_complete_words clocks; return ;;
	--score) _hl_fixed 1 2 3 4 5; return ;;
	--by)
		# extend's --by is the time asked for, not a person
		[[ $verb == extend ]] && { COMPREPLY=(); return; }
		_hl_complete_words people
		return
		;;
	-o | --output)
		[[ $verb == export ]] && _hl_fixed csv yaml xlsx
		return
		;;
	-f | --file | -C | --config) _hl_files; return ;;
	-n | -t | -l | --caller | --phone | --place | --reason | --at | --wait | --encoding)
		COMPREPLY=()
		return
		;;
	esac

	if [[ $cur == -* ]]; then
		if [[ -n $verb ]]; then
			_hl_complete_words options "$verb"
		else
			_hl_complete_words options
		fi
		return
	fi
	case $verb in
	'') _hl_complete_words verbs ;;
	open | missed | init) COMPREPLY=() ;;
	append | import) _hl_files ;;
	export) _hl_complete_words tickets ;;
	*)
		# a verb about a ticket: the ticket, then free text
		if ((nargs == 0)); then
			_hl_complete_words tickets
		else
			COMPREPLY=()
		fi
		;;
	esac
}

_hl_route()
{
	local cur prev _hl_where
	_hl_setup
	_hl_scan_where
	case $prev in
	-o | --output) _hl_fixed csv yaml; return ;;
	--lang) _hl_fixed zh en; return ;;
	-C | --config) _hl_files; return ;;
	--now) COMPREPLY=(); return ;;
	esac
	if [[ $cur == -* ]]; then
		_hl_fixed -C --config --now --explain --lang -o --output --help --version
	else
		_hl_files
	fi
}

_hl_escalate()
{
	local cur prev _hl_where
	_hl_setup
	_hl_scan_where
	case $prev in
	-o | --output) _hl_fixed csv yaml text notify xlsx; return ;;
	--lang) _hl_fixed zh en; return ;;
	--explain) _hl_complete_words tickets; return ;;
	-C | --config) _hl_files; return ;;
	--now) COMPREPLY=(); return ;;
	esac
	if [[ $cur == -* ]]; then
		_hl_fixed -C --config --now --explain -o --output --lang --help --version
	else
		_hl_files
	fi
}

_hl_report()
{
	local cur prev report= i w _hl_where
	_hl_setup
	_hl_scan_where
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		=) ((i++)) ;;
		--*=*) ;;
		-o | -C | --month | --week | --from | --to | --by | --output | --config | --dept | \
			--category | --now | --assignee | --place | --grep | --caller | --phone | \
			--state | --columns | --lang)
			[[ ${COMP_WORDS[i + 1]} != = ]] && ((i++))
			;;
		-*) ;;
		*) [[ -z $report ]] && report=$w ;;
		esac
	done
	case $prev in
	-o | --output)
		if [[ $report == todo ]]; then
			_hl_fixed text csv yaml html xlsx notify
		else
			_hl_fixed text csv yaml html xlsx
		fi
		return
		;;
	--dept) _hl_complete_words depts; return ;;
	--category) _hl_complete_words categories; return ;;
	--assignee) _hl_complete_words people; return ;;
	--by)
		# todo's --by is a person; the count reports' are keys
		if [[ $report == todo ]]; then
			_hl_complete_words people
		else
			_hl_fixed dept category channel assignee place day week month
		fi
		return
		;;
	--state) _hl_fixed open assigned acked resolved closed missed called-back void; return ;;
	--lang) _hl_fixed zh en; return ;;
	-C | --config) _hl_files; return ;;
	--month | --week | --from | --to | --now | --place | --grep | --caller | --phone | --columns)
		COMPREPLY=()
		return
		;;
	esac
	if [[ $cur == -* ]]; then
		_hl_fixed --month --week --from --to --by -o --output --columns --lang --bom --no-bom \
			--reveal-phones -C --config --now --open --dept --category --assignee --state \
			--place --grep --caller --phone --help --version
	elif [[ -z $report ]]; then
		_hl_fixed monthly weekly staff tickets caller calls todo
	else
		_hl_files
	fi
}

complete -F _hl_log hl-log
complete -F _hl_route hl-route
complete -F _hl_escalate hl-escalate
complete -F _hl_report hl-report
