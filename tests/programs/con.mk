# The console screen buffer (tests/e2e/con_*): sizes, attributes, fills, cursor and title, on a terminal
# (a `tty` case: the escape sequences they become) and redirected (ERROR_INVALID_HANDLE, as on Windows).
ALL_PROGRAMS += $(PROG_DIR)/con/conbuf.exe $(PROG_DIR)/con/conwrite.exe
