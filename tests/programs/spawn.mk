# Process-creation details of the Win32 layer (tests/e2e/spawn_*), from tests/programs/spawn/: console control
# events across a process tree (GenerateConsoleCtrlEvent, CREATE_NEW_PROCESS_GROUP) and SearchPath.
SPAWN_PROG_NAMES := $(basename $(notdir $(wildcard tests/programs/spawn/*.c)))
SPAWN_PROGRAMS := $(SPAWN_PROG_NAMES:%=$(PROG_DIR)/spawn/%.exe)

$(PROG_DIR)/spawn/%.exe: tests/programs/spawn/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

ALL_PROGRAMS += $(SPAWN_PROGRAMS)
