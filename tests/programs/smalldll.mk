# version, psapi, userenv, powrprof and winmm (tests/e2e/smalldll_*), from tests/programs/smalldll/. A program
# with a NAME.rc beside it links its compiled resources (version_info has a VERSIONINFO resource).
SMALLDLL_PROG_NAMES := $(basename $(notdir $(wildcard tests/programs/smalldll/*.c)))
SMALLDLL_PROGRAMS := $(SMALLDLL_PROG_NAMES:%=$(PROG_DIR)/smalldll/%.exe)
MINGW_WINDRES ?= x86_64-w64-mingw32-windres

$(PROG_DIR)/smalldll/%.res.o: tests/programs/smalldll/%.rc
	@mkdir -p $(dir $@)
	$(MINGW_WINDRES) -O coff -o $@ $<

$(PROG_DIR)/smalldll/version_info.exe: $(PROG_DIR)/smalldll/version_info.res.o

$(PROG_DIR)/smalldll/%.exe: tests/programs/smalldll/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< $(filter %.res.o,$^) -lversion -lpsapi -luserenv -lpowrprof -lwinmm

# The same psapi program with PSAPI_VERSION 2: it imports K32EnumProcessModules & co. from kernel32.
$(PROG_DIR)/smalldll/k32/psapi_mods.exe: tests/programs/smalldll/psapi_mods.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -DPSAPI_VERSION=2 -o $@ $<

ALL_PROGRAMS += $(SMALLDLL_PROGRAMS) $(PROG_DIR)/smalldll/k32/psapi_mods.exe
