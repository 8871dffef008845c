# Programs for the exception-handling end-to-end tests (tests/e2e/seh_*), from tests/programs/seh/.
# seh_c uses __try/__except/__finally, so clang compiles it (CLANG_MINGW_CC) and mingw-w64's gcc links it.
SEH_SRC := tests/programs/seh
SEH_OBJ := build/tests/seh-obj

SEH_PROGRAMS := $(addprefix $(PROG_DIR)/,seh_c.exe seh_cxx.exe)

$(SEH_OBJ)/seh_c.o: $(SEH_SRC)/seh_c.c
	@mkdir -p $(dir $@)
	$(CLANG_MINGW_CC) -c -o $@ $<

$(PROG_DIR)/seh_c.exe: $(SEH_OBJ)/seh_c.o
	@mkdir -p $(dir $@)
	$(MINGW_CC) -Wl,--no-insert-timestamp -o $@ $<

$(PROG_DIR)/seh_cxx.exe: $(SEH_SRC)/seh_cxx.cpp
	@mkdir -p $(dir $@)
	$(MINGW_CXX) -O2 -Wall -Werror -static-libgcc -static-libstdc++ -Wl,--no-insert-timestamp -o $@ $<

# seh_builtin: faults inside DLL functions (strlen, memcpy, MultiByteToWideChar) caught by the caller's __except.
SEH_PROGRAMS += $(PROG_DIR)/seh_builtin.exe

$(SEH_OBJ)/seh_builtin.o: $(SEH_SRC)/seh_builtin.c
	@mkdir -p $(dir $@)
	$(CLANG_MINGW_CC) -c -o $@ $<

$(PROG_DIR)/seh_builtin.exe: $(SEH_OBJ)/seh_builtin.o
	@mkdir -p $(dir $@)
	$(MINGW_CC) -Wl,--no-insert-timestamp -o $@ $<

# cxx_callback: C++ exceptions thrown in qsort/bsearch comparators and an enumeration callback, caught by
# the program around the DLL call.
SEH_PROGRAMS += $(PROG_DIR)/cxx_callback.exe

$(PROG_DIR)/cxx_callback.exe: $(SEH_SRC)/cxx_callback.cpp
	@mkdir -p $(dir $@)
	$(MINGW_CXX) -O2 -Wall -Werror -static-libgcc -static-libstdc++ -Wl,--no-insert-timestamp -o $@ $<
