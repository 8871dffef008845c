# Programs calling ntdll directly (tests/e2e/ntapi_*): tests/programs/ntapi/NAME.c -> ntapi/NAME.exe, linked
# against mingw-w64's libntdll.a for the Nt*/Rtl* imports; ntdll's CRT subset (_snprintf, strlen, ...) is
# reached with GetProcAddress, since the same names link to msvcrt by default.
NTAPI_NAMES := $(basename $(notdir $(wildcard tests/programs/ntapi/*.c)))
NTAPI_PROGRAMS := $(NTAPI_NAMES:%=$(PROG_DIR)/ntapi/%.exe)
ALL_PROGRAMS += $(NTAPI_PROGRAMS)

$(PROG_DIR)/ntapi/%.exe: tests/programs/ntapi/%.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< -lntdll
