# The console (tests/e2e/console_*): modes, keys and code pages. contty.exe and contredir.exe need a terminal:
# their cases have a `tty` file, and tests/run runs them on a pseudo-terminal through tests/tty-run.
ALL_PROGRAMS += $(addprefix $(PROG_DIR)/console/,contty.exe contredir.exe cpsbcs.exe)
