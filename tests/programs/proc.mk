# Child processes (tests/e2e/proc_*), from tests/programs/proc/: each program is a parent that starts itself
# (or proc_args.exe) as its child and prints what both sides observe: command lines, environment blocks,
# the current directory, handle inheritance, pipes between processes, a suspended child's initial state,
# exit codes and waits, and many children in a row.  proc.h holds what the parents share.
PROC_PROG_NAMES := $(basename $(notdir $(wildcard tests/programs/proc/*.c)))
PROC_PROGRAMS := $(PROC_PROG_NAMES:%=$(PROG_DIR)/proc/%.exe) $(PROG_DIR)/proc/proc_args-ucrt.exe

$(PROG_DIR)/proc/proc_args.exe: tests/programs/proc/proc_args.c
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -municode -o $@ $<

$(PROG_DIR)/proc/proc_args-ucrt.exe: tests/programs/proc/proc_args.c $(UCRT_SPECS)
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_UCRT) $(MINGW_CFLAGS) -municode -o $@ $<

$(PROG_DIR)/proc/%.exe: tests/programs/proc/%.c tests/programs/proc/proc.h
	@mkdir -p $(dir $@)
	$(MINGW_CC) $(MINGW_CFLAGS) -o $@ $< -lntdll

ALL_PROGRAMS += $(PROC_PROGRAMS)
