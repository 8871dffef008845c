# Output that must not be lost (tests/e2e/output_*), from tests/programs/output/*.c, each built twice by the rules
# of programs.mk: against msvcrt.dll as output/NAME.exe and against the Universal CRT as output/NAME-ucrt.exe.
# Cases that need a non-blocking pipe or a signal run through a harness script of their own (see tests/run).

OUTPUT_PROG_NAMES := $(basename $(notdir $(wildcard tests/programs/output/*.c)))
ALL_PROGRAMS += $(OUTPUT_PROG_NAMES:%=$(PROG_DIR)/output/%.exe) $(OUTPUT_PROG_NAMES:%=$(PROG_DIR)/output/%-ucrt.exe)
