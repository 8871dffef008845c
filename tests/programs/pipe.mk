# Anonymous pipes (tests/e2e/pipe_*), from tests/programs/pipe/: CreatePipe between threads of one process,
# end of file and broken-pipe errors, PeekNamedPipe, and the CRT's _pipe in msvcrt and ucrtbase.
PIPE_PROG_NAMES := $(basename $(notdir $(wildcard tests/programs/pipe/*.c)))
PIPE_PROGRAMS := $(PIPE_PROG_NAMES:%=$(PROG_DIR)/pipe/%.exe)

$(PROG_DIR)/pipe/%.exe: tests/programs/pipe/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

ALL_PROGRAMS += $(PIPE_PROGRAMS)
