# Named pipes (tests/e2e/npipe_*), from tests/programs/npipe/: \\.\pipe\NAME between threads of one process
# (byte and message mode, overlapped ConnectNamedPipe, instances, WaitNamedPipe) and between a parent and
# the child it starts.
NPIPE_PROG_NAMES := $(basename $(notdir $(wildcard tests/programs/npipe/*.c)))
NPIPE_PROGRAMS := $(NPIPE_PROG_NAMES:%=$(PROG_DIR)/npipe/%.exe)

$(PROG_DIR)/npipe/%.exe: tests/programs/npipe/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

ALL_PROGRAMS += $(NPIPE_PROGRAMS)
