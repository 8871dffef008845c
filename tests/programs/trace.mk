# Programs for `--trace=api` and `--trace=loader` (tests/e2e/trace_*).
$(PROG_DIR)/trace_apicalls.exe: tests/programs/trace/apicalls.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $<

ALL_PROGRAMS += $(PROG_DIR)/trace_apicalls.exe
