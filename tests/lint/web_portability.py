#!/usr/bin/env python3
"""The code the web page compiles (sim/, viz/, web/) uses no standard-library
name that the web build's libc++ (Debian's emscripten 3.1.6) lacks, and
shifts no size_t by 32 bits or more (wasm32's size_t is 32 bits wide).
(std::from_chars / to_chars for double, which it lacks too, cannot be told
from the integer ones by reading: sim/text/decimal.hpp wraps them, and the
web build fails to compile a direct call.)

tools/web builds the page with that libc++; a name it lacks breaks only that
build, which a developer without emscripten never runs (CI's web step failed
on a std::bit_cast). This check reads the sources instead, so the native
test suite catches the whole kind at once. Each rule names the replacement.

    usage: web_portability.py SOURCE_DIR        (exit 1 and FILE:LINE: errors)
"""
import pathlib
import re
import subprocess
import sys

# (pattern, files allowed to use it, what to use instead)
RULES = [
    (r"\bstd::bit_cast\b", set(), "std::memcpy into the other type (see sim/core/natural_log.cpp)"),
    (r"#\s*include\s*<(format|source_location|stop_token|expected|print)>", set(),
     "a header that libc++ 14 lacks or ships incomplete"),
    (r"\bstd::(format|vformat|jthread|stop_token|source_location)\b", set(), "not in that libc++"),
    (r"\bstd::ranges::", set(), "the classic algorithms: that libc++'s ranges are incomplete"),
    (r"size_t\s*[{(]\s*1\s*[})]\s*<<\s*(3[2-9]|[4-6][0-9])\b", set(),
     "a std::uint64_t: size_t is 32 bits wide in wasm32, and shifting it by 32 or more is undefined"),
]

# Comments and string and character literals, which name things without
# using them; each replaced by blanks that keep its newlines, so line numbers
# stay true.
NOT_CODE = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)


def code_of(text):
    return NOT_CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def sources(root):
    """The tracked C++ files under sim/, viz/ and web/ (all of them when git
    is not there: a source archive)."""
    try:
        listed = subprocess.run(["git", "-C", str(root), "ls-files", "sim", "viz", "web"],
                                capture_output=True, text=True, check=True).stdout.split()
        paths = [root / name for name in listed]
    except (OSError, subprocess.CalledProcessError):
        paths = [p for folder in ("sim", "viz", "web") for p in (root / folder).rglob("*")]
    return sorted(p for p in paths if p.suffix in (".cpp", ".hpp", ".h", ".cc") and p.is_file())


def main():
    root = pathlib.Path(sys.argv[1])
    errors = []
    files = 0
    for path in sources(root):
        files += 1
        relative = path.relative_to(root).as_posix()
        text = code_of(path.read_text(encoding="utf-8", errors="replace"))
        for number, code in enumerate(text.splitlines(), 1):
            for pattern, allowed, instead in RULES:
                if relative not in allowed and re.search(pattern, code):
                    errors.append(f"{relative}:{number}: error: {re.search(pattern, code).group(0)} "
                                  f"breaks the web build; use {instead}")
    for error in errors:
        print(error)
    if files < 100:
        print(f"error: only {files} source files under {root}: wrong SOURCE_DIR?")
        return 1
    print(f"{files} files, {len(errors)} uses the web build's libc++ lacks")
    return 1 if errors else 0

if __name__ == "__main__":
    sys.exit(main())
