# How a process ends while other threads run (tests/e2e/term_*), from tests/programs/term/: threads.exe
# and termdll.dll, whose DllMain reports the notifications it gets and checks the threads at detach.
TERM_SRC := tests/programs/term
TERM_OBJ := build/tests/term-obj
TERM_PROGRAMS := $(addprefix $(PROG_DIR)/,term_threads.exe termdll.dll)

$(PROG_DIR)/termdll.dll: $(TERM_SRC)/termdll.c
	@mkdir -p $(dir $@) $(TERM_OBJ)
	$(MINGW_CC) $(MINGW_CFLAGS) -shared -o $@ $< -Wl,--out-implib,$(TERM_OBJ)/libtermdll.a

$(TERM_OBJ)/libtermdll.a: $(PROG_DIR)/termdll.dll

$(PROG_DIR)/term_threads.exe: $(TERM_SRC)/threads.c $(TERM_OBJ)/libtermdll.a
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< -L$(TERM_OBJ) -ltermdll
ALL_PROGRAMS += $(TERM_PROGRAMS)
