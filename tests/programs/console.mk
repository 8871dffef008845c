# The console (tests/e2e/console_*): modes, keys and code pages.
ALL_PROGRAMS += $(addprefix $(PROG_DIR)/console/,cpsbcs.exe)
