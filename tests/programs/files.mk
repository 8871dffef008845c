# kernel32's file and path families (tests/e2e/files_*), from tests/programs/files/.
FILES_PROG_NAMES := $(basename $(notdir $(wildcard tests/programs/files/*.c)))
FILES_PROGRAMS := $(FILES_PROG_NAMES:%=$(PROG_DIR)/files/%.exe)

$(PROG_DIR)/files/%.exe: tests/programs/files/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

ALL_PROGRAMS += $(FILES_PROGRAMS)
