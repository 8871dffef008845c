# Output that must not be lost (tests/e2e/output_*), from tests/programs/output/*.c, each built twice by the rules
# of programs.mk: against msvcrt.dll as output/NAME.exe and against the Universal CRT as output/NAME-ucrt.exe.
# Cases that need a non-blocking pipe or a signal run through a harness script of their own (see tests/run).

OUTPUT_PROG_NAMES := $(basename $(notdir $(wildcard tests/programs/output/*.c)))
ALL_PROGRAMS += $(OUTPUT_PROG_NAMES:%=$(PROG_DIR)/output/%.exe) $(OUTPUT_PROG_NAMES:%=$(PROG_DIR)/output/%-ucrt.exe)

# The harness scripts of the cases go beside the programs, which the test runner copies into every case's
# directory; a case's own harness only calls the shared one.
OUTPUT_HARNESSES := $(addprefix $(PROG_DIR)/output/,nonblock-harness.pl ctrlc-harness.pl)
ALL_PROGRAMS += $(OUTPUT_HARNESSES)

$(PROG_DIR)/output/%.pl: tests/programs/output/%.pl
	@mkdir -p $(dir $@)
	cp $< $@
