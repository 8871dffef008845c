#!/usr/bin/env python3
"""Writes src/startup.ld: the code a process runs at start-up, placed together before the rest of .text.

    scripts/startup-order.py [--merge] [NTEXEC] [PROGRAM.exe ...]

Runs each program under NTEXEC (default build/ntexec; programs default to hello.exe in both CRT
flavours: hello.exe and crt/printf-ucrt.exe) in gdb with a one-shot breakpoint on every function of the binary, then finds each function
that ran in NTEXEC's link map (NTEXEC.map, which the Makefile writes): ntexec's own C functions by their
section (the build uses -ffunction-sections), assembly objects and start files whole, archive members
such as libc.a's by member and section.
The result is a linker script fragment (INSERT BEFORE .text) that the Makefile passes to the link.

Why: the kernel maps page-cache pages 64 KiB around each fault, so start-up code spread over the 2.8 MiB
of text made most of it resident (docs/DESIGN.md, "Start-up cost"). A stale list only costs memory:
names that no longer exist match nothing, new start-up functions stay where the linker puts them.
Needs gdb; run it after large changes to the start-up path and commit the result. With --merge the list
keeps what src/startup.ld already names: one run does not see everything (a service thread may not get to
run before a short program ends, a path taken once per cache miss), and a name too many costs nothing.
"""
import bisect
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "src", "startup.ld")

GDB_SCRIPT = r'''
import gdb
hits = []
class Once(gdb.Breakpoint):
    def stop(self):
        hits.append(self.location)
        self.enabled = False
        return False
gdb.execute("set pagination off")
gdb.execute("set confirm off")
gdb.execute("set disable-randomization off")
gdb.execute("starti")
for name in open(NAMES).read().split():
    try:
        Once(name, internal=True)
    except gdb.error:
        pass
gdb.execute("continue")
open(HITS, "w").write("\n".join(hits))
'''


def functions(binary):
    """name -> address of every text symbol."""
    out = subprocess.run(["nm", binary], capture_output=True, text=True, check=True).stdout
    syms = {}
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3 and f[1] in "tT":
            syms.setdefault(f[2], int(f[0], 16))
    return syms


def input_sections(map_file):
    """Sorted (address, size, section, owner) of the text input sections in a GNU ld map."""
    sections = []
    pending = None
    for line in open(map_file):
        m = re.match(r"^ (\.text[^\s]*)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+)", line)
        if m:
            sections.append((int(m.group(2), 16), int(m.group(3), 16), m.group(1), m.group(4)))
            pending = None
            continue
        m = re.match(r"^ (\.text[^\s]*)$", line)
        if m:
            pending = m.group(1)
            continue
        m = re.match(r"^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+)$", line)
        if m and pending:
            sections.append((int(m.group(1), 16), int(m.group(2), 16), pending, m.group(3)))
        pending = None
    return sorted(s for s in sections if s[1])


def run_gdb(ntexec, program, names_file):
    with tempfile.TemporaryDirectory() as tmp:
        hits = os.path.join(tmp, "hits")
        script = os.path.join(tmp, "cover.py")
        with open(script, "w") as f:
            f.write("NAMES = %r\nHITS = %r\n" % (names_file, hits) + GDB_SCRIPT)
        subprocess.run(["gdb", "-q", "-batch", "-x", script, "--args", ntexec, program],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        return open(hits).read().split() if os.path.exists(hits) else []


def main():
    args = sys.argv[1:]
    merge = args[:1] == ["--merge"]
    if merge:
        args = args[1:]
    ntexec = args[0] if args else os.path.join(ROOT, "build", "ntexec")
    programs = args[1:] or [os.path.join(ROOT, "build", "tests", "programs", p)
                                for p in ("hello.exe", "crt/printf-ucrt.exe")]
    syms = functions(ntexec)
    sections = input_sections(ntexec + ".map")
    starts = [s[0] for s in sections]
    hits = set()
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as names:
        names.write("\n".join(sorted(n for n in syms if re.fullmatch(r"[A-Za-z_][\w.]*", n))))
        names.flush()
        for program in programs:
            if os.path.exists(program):
                ran = run_gdb(ntexec, program, names.name)
                print("%s: %d functions" % (os.path.basename(program), len(ran)), file=sys.stderr)
                hits.update(ran)
    if not hits:
        sys.exit("startup-order: no function ran (is gdb installed, is %s built?)" % ntexec)
    hits.update(("host_entry", "_start"))   # gdb stops at the entry before the breakpoints are set
    specs = set()
    if merge and os.path.exists(OUT):
        specs.update(line.strip() for line in open(OUT) if line.startswith("    *"))
    for name in hits:
        if name not in syms:
            continue
        i = bisect.bisect_right(starts, syms[name]) - 1
        if i < 0 or syms[name] >= sections[i][0] + sections[i][1]:
            continue
        _, _, section, owner = sections[i]
        m = re.match(r".*/([^/]+\.a)\((.+)\)$", owner)
        if m:
            specs.add("*%s:%s(%s)" % (m.group(1), m.group(2), section))
        elif section != ".text":   # ntexec's own C, one section per function
            specs.add("*(%s)" % section)
        else:                      # an assembly object or a start file: all of its code
            specs.add("*%s(.text)" % os.path.basename(owner))
    with open(OUT, "w") as f:
        f.write("/* Written by scripts/startup-order.py: the code that runs while a process starts, first in\n"
                " * .text so that it shares pages (the Makefile passes this to the static-pie link). */\n"
                "SECTIONS\n{\n  .text.startup_order :\n  {\n")
        for spec in sorted(specs):
            f.write("    %s\n" % spec)
        f.write("  }\n}\nINSERT BEFORE .text;\n")
    print("startup-order: %d sections from %d functions -> %s" % (len(specs), len(hits), OUT), file=sys.stderr)


if __name__ == "__main__":
    main()
