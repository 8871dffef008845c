# Programs for `ntexec --check` (tests/e2e/check_*), from tests/programs/check/: check_closure.exe imports
# from checkdep.dll (built beside it), from a DLL that exists nowhere (more in closure.c).
CHECK_SRC := tests/programs/check
CHECK_OBJ := build/tests/check-obj

CHECK_PROGRAMS := $(PROG_DIR)/check_closure.exe $(PROG_DIR)/checkdep.dll

$(CHECK_OBJ)/lib%.a: $(CHECK_SRC)/%.def
	@mkdir -p $(dir $@)
	x86_64-w64-mingw32-dlltool -d $< -l $@

$(PROG_DIR)/checkdep.dll: $(CHECK_SRC)/checkdep.c $(CHECK_SRC)/checkdep.def $(CHECK_OBJ)/libmissing.a
	@mkdir -p $(dir $@) $(CHECK_OBJ)
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -o $@ $(CHECK_SRC)/checkdep.c $(CHECK_SRC)/checkdep.def \
	    $(CHECK_OBJ)/libmissing.a -Wl,--out-implib,$(CHECK_OBJ)/libcheckdep.a

$(PROG_DIR)/check_closure.exe: $(CHECK_SRC)/closure.c $(PROG_DIR)/checkdep.dll $(CHECK_OBJ)/libabsent.a
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< $(CHECK_OBJ)/libcheckdep.a $(CHECK_OBJ)/libabsent.a

ALL_PROGRAMS += $(CHECK_PROGRAMS)
