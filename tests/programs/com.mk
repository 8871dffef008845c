# COM (tests/e2e/com_*), from tests/programs/com/: combase/ole32 apartments, the task allocator and GUID
# strings; oleaut32's BSTRs, VARIANTs, safe arrays and dates; pdh's answers for counters.
COM_PROG_NAMES := $(basename $(notdir $(wildcard tests/programs/com/*.c)))
COM_PROGRAMS := $(COM_PROG_NAMES:%=$(PROG_DIR)/com/%.exe)

$(PROG_DIR)/com/%.exe: tests/programs/com/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< -lole32 -loleaut32 -luuid -lpdh

ALL_PROGRAMS += $(COM_PROGRAMS)
