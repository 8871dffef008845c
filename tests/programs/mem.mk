# Memory test programs (tests/e2e/mem_*), from tests/programs/mem/: Local*/Global* blocks, heaps, VirtualAlloc,
# file mappings, processor features. heapexc.c uses __try/__except, so clang compiles it (CLANG_MINGW_CC)
# and mingw-w64's gcc links it; the others build the plain way.
MEM_DIR := $(PROG_DIR)/mem
MEM_OBJ := build/tests/mem-obj
MEM_SEH := heapexc
MEM_PLAIN := $(filter-out $(MEM_SEH),$(basename $(notdir $(wildcard tests/programs/mem/*.c))))
MEM_PROGRAMS := $(MEM_PLAIN:%=$(MEM_DIR)/%.exe) $(MEM_SEH:%=$(MEM_DIR)/%.exe)
ALL_PROGRAMS += $(MEM_PROGRAMS)

$(MEM_OBJ)/%.o: tests/programs/mem/%.c
	@mkdir -p $(dir $@)
	$(CLANG_MINGW_CC) -c -o $@ $<

$(MEM_SEH:%=$(MEM_DIR)/%.exe): $(MEM_DIR)/%.exe: $(MEM_OBJ)/%.o
	@mkdir -p $(dir $@)
	$(MINGW_CC) -Wl,--no-insert-timestamp -o $@ $<
