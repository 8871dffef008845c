# Delay-loaded imports (tests/e2e/delayload_*): delayload.exe takes delaydep.dll's functions, and one of
# a DLL that exists nowhere, through delay-import libraries (dlltool -y) and its own __delayLoadHelper2.
DELAY_SRC := tests/programs/delayload
DELAY_OBJ := build/tests/delayload-obj

$(DELAY_OBJ)/lib%.a: $(DELAY_SRC)/%.def
	@mkdir -p $(dir $@)
	x86_64-w64-mingw32-dlltool -d $< -y $@

$(PROG_DIR)/delaydep.dll: $(DELAY_SRC)/delaydep.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -o $@ $<

$(PROG_DIR)/delayload.exe: $(DELAY_SRC)/delayload.c $(DELAY_OBJ)/libdelaydep.a $(DELAY_OBJ)/libnowhere.a
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< $(DELAY_OBJ)/libdelaydep.a $(DELAY_OBJ)/libnowhere.a

ALL_PROGRAMS += $(PROG_DIR)/delaydep.dll $(PROG_DIR)/delayload.exe
