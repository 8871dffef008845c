# What runtimes need at start-up (tests/e2e/rt_*), from tests/programs/rt/: the thread functions and the
# DLLs Go's runtime loads by name (winmm, advapi32, ws2_32), and the Go programs of tests/e2e/runtimes_go*
# (rt/GODIR/ -> rt/GODIR.exe), cross-built with Debian's golang-go when it is installed (scripts/deps.sh test
# installs it).
RT_PROG_NAMES := $(basename $(notdir $(wildcard tests/programs/rt/*.c)))
RT_PROGRAMS := $(RT_PROG_NAMES:%=$(PROG_DIR)/rt/%.exe)

$(PROG_DIR)/rt/%.exe: tests/programs/rt/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

GO ?= go
ifneq ($(shell command -v $(GO) 2>/dev/null),)
RT_PROGRAMS += $(addprefix $(PROG_DIR)/rt/,gort.exe gopreempt.exe goexec.exe gobreadth.exe gopanic.exe gohttp.exe gonet.exe)
$(PROG_DIR)/rt/%.exe: tests/programs/rt/%/main.go tests/programs/rt/%/go.mod
	@mkdir -p $(dir $@)
	cd tests/programs/rt/$* && GOOS=windows GOARCH=amd64 GOFLAGS=-mod=mod GOCACHE=$(abspath build/tests/go-cache) \
	    $(GO) build -trimpath -o $(abspath $@) .
endif

ALL_PROGRAMS += $(RT_PROGRAMS)
