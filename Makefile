# hl - a service-hotline toolkit of composable Unix filters
.SUFFIXES:

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
SHAREDIR ?= $(PREFIX)/share/hl
LOCALEDIR ?= $(PREFIX)/share/locale
# the shells' completion: bash-completion loads a command's file by its
# name when it is first completed; zsh reads the #compdef of _hl
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/vendor-completions
DESTDIR  ?=

CC       ?= cc
CFLAGS   ?= -O2 -g
PKG_CONFIG ?= pkg-config
# libyaml ships a .pc file; Debian's libcsv does not.
YAML_CFLAGS := $(shell $(PKG_CONFIG) --cflags yaml-0.1 2>/dev/null)
YAML_LIBS   := $(shell $(PKG_CONFIG) --libs yaml-0.1 2>/dev/null || echo -lyaml)
XLSX_CFLAGS := $(shell $(PKG_CONFIG) --cflags xlsxwriter 2>/dev/null)
XLSX_LIBS   := $(shell $(PKG_CONFIG) --libs xlsxwriter 2>/dev/null || echo -lxlsxwriter -lz)
WARN     = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wvla
DEFS     = -D_GNU_SOURCE -DHL_LOCALEDIR='"$(LOCALEDIR)"'
ALL_CFLAGS = $(WARN) $(DEFS) -Iinclude -Ilib $(YAML_CFLAGS) $(XLSX_CFLAGS) $(CFLAGS)
LIBS     = -lcsv $(YAML_LIBS) $(XLSX_LIBS) -pthread
SAN      = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all

CMDS     = hl-log hl-route hl-escalate hl-report
LIB_SRC  = $(wildcard lib/*/*.c)
HDRS     = $(wildcard include/hl/*.h lib/*/*.h)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
# the reports' message catalogues (GNU gettext), one a language
LANGS    = zh_CN
MSGFMT   ?= msgfmt
XGETTEXT ?= xgettext

# V=1 shows the commands
Q = $(if $(V),,@)
# O: the build directory; the sanitizer build lives beside the normal one.
O ?= build
LIB_OBJ  = $(LIB_SRC:lib/%.c=$(O)/lib/%.o)
BINS     = $(CMDS:%=$(O)/bin/%)
UNITS    = $(UNIT_SRC:tests/unit/%.c=$(O)/tests/%)
HELPERS  = $(patsubst tests/helpers/%.c,$(O)/helpers/%,$(filter-out tests/helpers/fault.c,$(wildcard tests/helpers/*.c))) \
	   $(O)/helpers/fault.so

MOS      = $(LANGS:%=$(O)/locale/%/LC_MESSAGES/hl.mo)

# the catalogues sit at ../locale beside the programs, where they find
# them before they are installed (hl-report(1), LANGUAGE)
all: $(BINS) $(MOS)

$(O)/locale/%/LC_MESSAGES/hl.mo: po/%.po
	@mkdir -p $(@D)
	@$(if $(Q),echo "  MSGFMT  $@")
	$(Q)$(MSGFMT) --check -o $@ $<

# the template of labels to translate, from the sources
pot:
	$(XGETTEXT) --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=NC_:1c,2 \
	  --package-name=hl --add-comments=TRANSLATORS: --sort-by-file --no-wrap \
	  -o po/hl.pot $(LIB_SRC) cmd/*.c

$(O)/lib/%.o: lib/%.c $(HDRS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(O)/libhl.a: $(LIB_OBJ)
	@rm -f $@
	$(Q)$(AR) rcs $@ $(LIB_OBJ)

$(O)/bin/%: cmd/%.c $(O)/libhl.a $(HDRS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libhl.a $(LIBS)

$(O)/tests/%: tests/unit/%.c tests/unit/tap.h $(O)/libhl.a $(HDRS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(O)/libhl.a $(LIBS)

# programs the black-box tests drive (not tests themselves)
$(O)/helpers/%: tests/helpers/%.c $(O)/libhl.a $(HDRS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libhl.a $(LIBS)

# preloaded into the tools: no sanitizer of its own (theirs comes first)
$(O)/helpers/fault.so: tests/helpers/fault.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(WARN) $(DEFS) -O1 -g -fPIC -shared -o $@ $< -ldl

units: $(UNITS) $(HELPERS)

# Every test under AddressSanitizer and UndefinedBehaviorSanitizer, after
# tests/layers has checked that lib/ calls no layer above its own. The
# clocks' property test also gets the optimised tools (HL_FAST_BIN): its
# budget then covers many times the calendars. Then the build without
# SIMD (-DHL_NO_SIMD: the CSV split eight bytes at a time in a word, no
# SSE2) through the unit tests and the black-box tests of reading
# (NOSIMD_TESTS: the whole suite again would double the time), and an
# install and uninstall into a scratch DESTDIR.
NOSIMD_TESTS = $(UNIT_SRC:tests/unit/%.c=%) bad badfiles ahead torn log append report
check:
	$(Q)$(MAKE) --no-print-directory O=build/san CFLAGS="$(SAN)" LDFLAGS="$(SAN)" all units
	$(Q)$(MAKE) --no-print-directory O=build all
	$(Q)tests/layers build/san
	$(Q)$(MAKE) --no-print-directory check-install
	$(Q)$(MAKE) --no-print-directory O=build/nosimd CFLAGS="$(SAN) -DHL_NO_SIMD" LDFLAGS="$(SAN)" all units
	$(Q)echo "-- without SIMD (-DHL_NO_SIMD):"
	$(Q)ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  HL_TESTS="$(NOSIMD_TESTS)" tests/run build/nosimd
	$(Q)echo "-- every test:"
	$(Q)ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  HL_FAST_BIN="$(CURDIR)/build/bin" tests/run build/san

# The same tests with every binary under valgrind (memcheck): slow, so the
# concurrency, crash and load tests, made of thousands of runs, sit out.
VG_TESTS = test_calendar test_config test_fold test_records test_time \
	   log bad badfiles append torn route escalate report docs
check-valgrind: all units
	$(Q)rm -rf build/vg && mkdir -p build/vg/bin build/vg/tests
	$(Q)for f in $(BINS) $(UNITS); do \
	  d=build/vg/$$(basename $$(dirname $$f)); \
	  printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite "%s" "$$@"\n' \
	    "$$(pwd)/$$f" > $$d/$$(basename $$f) && chmod +x $$d/$$(basename $$f); done
	$(Q)HL_TESTS="$(VG_TESTS)" tests/run build/vg

# libFuzzer: each target for FUZZTIME seconds, from a corpus seeded by
# the tests; a crash leaves its input in build/fuzz/ (make it a test).
CLANG    ?= clang
FUZZTIME ?= 60
FUZZERS = csv yaml config time calls split
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(LIB_SRC) $(HDRS)
	@mkdir -p $(@D)
	$(Q)$(CLANG) $(WARN) -Wno-unused-command-line-argument $(DEFS) -Iinclude -Ilib $(YAML_CFLAGS) $(XLSX_CFLAGS) $(FUZZ_FLAGS) \
	  -Itests/fuzz -o $@ $< $(LIB_SRC) $(LIBS)

fuzz: $(FUZZERS:%=build/fuzz/fuzz_%)
	$(Q)sh tests/fuzz/run $(FUZZTIME) $(FUZZERS)

# The reports through LibreOffice and headless Chromium (see tests/clients).
check-clients: all
	$(Q)sh tests/clients/run $(O)/bin

demo: all
	$(Q)sh examples/demo.sh $(O)/bin

# The tools, their manuals and the example configurations (the man pages
# name them under $(EXDIR)); uninstall removes exactly these.
EXDIR    = $(SHAREDIR)/examples
EXAMPLES = crontab notify-mail demo.sh $(patsubst examples/%,%,$(wildcard examples/*/*))
EXSUBDIRS = $(sort $(patsubst examples/%/,%,$(dir $(wildcard examples/*/*))))
MAN1     = $(wildcard man/*.1)
MAN5     = $(wildcard man/*.5)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -d $(EXSUBDIRS:%=$(DESTDIR)$(EXDIR)/%)
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5
	for f in $(EXAMPLES); do \
	  m=644; [ -x examples/$$f ] && m=755; \
	  install -m $$m examples/$$f $(DESTDIR)$(EXDIR)/$$f || exit; done
	for l in $(LANGS); do install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	  install -m 644 $(O)/locale/$$l/LC_MESSAGES/hl.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/ || exit; done
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 644 completion/hl.bash $(DESTDIR)$(BASHCOMPDIR)/hl-log
	for c in $(filter-out hl-log,$(CMDS)); do \
	  ln -sf hl-log $(DESTDIR)$(BASHCOMPDIR)/$$c || exit; done
	install -m 644 completion/_hl $(DESTDIR)$(ZSHCOMPDIR)/_hl

uninstall:
	rm -f $(CMDS:%=$(DESTDIR)$(BINDIR)/%)
	rm -f $(MAN1:man/%=$(DESTDIR)$(MANDIR)/man1/%) $(MAN5:man/%=$(DESTDIR)$(MANDIR)/man5/%)
	rm -f $(EXAMPLES:%=$(DESTDIR)$(EXDIR)/%)
	rm -f $(LANGS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/hl.mo)
	rm -f $(CMDS:%=$(DESTDIR)$(BASHCOMPDIR)/%) $(DESTDIR)$(ZSHCOMPDIR)/_hl
	-rmdir $(EXSUBDIRS:%=$(DESTDIR)$(EXDIR)/%) $(DESTDIR)$(EXDIR) $(DESTDIR)$(SHAREDIR) 2>/dev/null

# install and uninstall into a scratch DESTDIR: every file there, then
# none left
check-install:
	$(Q)rm -rf build/dest
	$(Q)$(MAKE) --no-print-directory -s O=build DESTDIR=$(CURDIR)/build/dest install >/dev/null
	$(Q)for f in $(CMDS:%=$(BINDIR)/%) $(MAN1:man/%=$(MANDIR)/man1/%) $(MAN5:man/%=$(MANDIR)/man5/%) \
	  $(EXAMPLES:%=$(EXDIR)/%) $(LANGS:%=$(LOCALEDIR)/%/LC_MESSAGES/hl.mo); do test -f build/dest$$f || { echo "install: $$f missing"; exit 1; }; done
	$(Q)test -x build/dest$(EXDIR)/notify-mail
	$(Q)for c in $(CMDS); do cmp -s completion/hl.bash build/dest$(BASHCOMPDIR)/$$c || \
	  { echo "install: no bash completion for $$c"; exit 1; }; done
	$(Q)cmp -s completion/_hl build/dest$(ZSHCOMPDIR)/_hl || { echo "install: no zsh completion"; exit 1; }
	$(Q)$(MAKE) --no-print-directory -s O=build DESTDIR=$(CURDIR)/build/dest uninstall >/dev/null
	$(Q)left=$$(find build/dest ! -type d); [ -z "$$left" ] || { echo "uninstall left: $$left"; exit 1; }
	$(Q)test ! -d build/dest$(SHAREDIR) || { echo "uninstall left $(SHAREDIR)"; exit 1; }
	$(Q)echo "install: $$(echo $(CMDS) $(MAN1) $(MAN5) $(EXAMPLES) $(LANGS) $(CMDS) _hl | wc -w) files installed into a DESTDIR and removed"

# the generator and the bare-libcsv baseline, optimized like the tools
build/bench/%: bench/%.c
	@mkdir -p $(@D)
	$(Q)$(CC) -O2 -Wall -Wextra -Werror -o $@ $< $(LIBS)

bench: all build/bench/genjournal build/bench/csvparse
	$(Q)sh bench/run $(O)/bin build/bench

clean:
	rm -rf build

.PHONY: all pot units check check-install check-clients check-valgrind fuzz demo install uninstall bench clean
