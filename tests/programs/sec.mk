# Identity and security (tests/e2e/sec_*): tokens, SIDs, account names, privileges, security descriptors,
# file owners, GetUserNameEx and GetComputerNameEx, from tests/programs/sec/ (setsec.c: SetFileSecurityW).
SEC_PROGRAMS := $(PROG_DIR)/sec/sec.exe $(PROG_DIR)/sec/sddl.exe $(PROG_DIR)/sec/setsec.exe

$(PROG_DIR)/sec/sec.exe: tests/programs/sec/sec.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< -ladvapi32 -lsecur32

$(PROG_DIR)/sec/setsec.exe: tests/programs/sec/setsec.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< -ladvapi32

$(PROG_DIR)/sec/sddl.exe: tests/programs/sec/sddl.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< -ladvapi32

ALL_PROGRAMS += $(SEC_PROGRAMS)
