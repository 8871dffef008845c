# shell32, shlwapi, comctl32 and setupapi (tests/e2e/shell_*), from tests/programs/shell/: one program per DLL
# family, each printing results and last errors.
SHELL_PROG_NAMES := $(basename $(notdir $(wildcard tests/programs/shell/*.c)))
SHELL_PROGRAMS := $(SHELL_PROG_NAMES:%=$(PROG_DIR)/shell/%.exe)

$(PROG_DIR)/shell/%.exe: tests/programs/shell/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -municode -o $@ $< -lshlwapi -lshell32 -lcomctl32 -lsetupapi -lole32 -luuid

ALL_PROGRAMS += $(SHELL_PROGRAMS)
