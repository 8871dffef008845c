# Programs for the exception-handling end-to-end tests (tests/e2e/seh_*), from tests/programs/seh/.
# seh_c uses __try/__except/__finally, which gcc does not implement: clang compiles it for the mingw-w64
# target and mingw-w64's gcc links it.
SEH_SRC := tests/programs/seh
SEH_OBJ := build/tests/seh-obj

SEH_PROGRAMS := $(addprefix $(PROG_DIR)/,seh_c.exe seh_cxx.exe)

$(SEH_OBJ)/seh_c.o: $(SEH_SRC)/seh_c.c
	@mkdir -p $(dir $@)
	$(CLANG) --target=x86_64-w64-mingw32 -fms-extensions -O2 -Wall -Werror -c -o $@ $<

$(PROG_DIR)/seh_c.exe: $(SEH_OBJ)/seh_c.o
	@mkdir -p $(dir $@)
	$(MINGW_CC) -Wl,--no-insert-timestamp -o $@ $<

$(PROG_DIR)/seh_cxx.exe: $(SEH_SRC)/seh_cxx.cpp
	@mkdir -p $(dir $@)
	$(MINGW_CXX) -O2 -Wall -Werror -static-libgcc -static-libstdc++ -Wl,--no-insert-timestamp -o $@ $<
