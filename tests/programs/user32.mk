# user32's console part (tests/e2e/user32_*), from tests/programs/user32/: u32.exe with a string table
# (u32res.rc) for LoadString.
USER32_OBJ := build/tests/user32-obj

$(USER32_OBJ)/u32res.o: tests/programs/user32/u32res.rc
	@mkdir -p $(dir $@)
	$(MINGW_WINDRES) -c 65001 -i $< -o $@

$(PROG_DIR)/user32/u32.exe: tests/programs/user32/u32.c $(USER32_OBJ)/u32res.o
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $^ -luser32

ALL_PROGRAMS += $(PROG_DIR)/user32/u32.exe
