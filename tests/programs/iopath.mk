# Path and name edge cases of the I/O layer (tests/e2e/iopath_*), from tests/programs/iopath/.
$(PROG_DIR)/iopath/%.exe: tests/programs/iopath/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

ALL_PROGRAMS += $(patsubst tests/programs/iopath/%.c,$(PROG_DIR)/iopath/%.exe,$(wildcard tests/programs/iopath/*.c))
