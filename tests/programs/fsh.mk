# File system honesty (tests/e2e/fsh_*): share modes, byte-range locks, moves across file systems, stored
# DOS attributes, reads at end of file. tests/programs/fsh/fsh.c, built against msvcrt and the UCRT.
FSH_PROGRAMS := $(PROG_DIR)/fsh/fsh.exe $(PROG_DIR)/fsh/fsh-ucrt.exe
ALL_PROGRAMS += $(FSH_PROGRAMS)
