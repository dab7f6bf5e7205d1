#!/usr/bin/env bash
# The text-encoding policy end to end (README, "Text encoding"): a scenario
# whose file name holds ESC, a Latin-1 byte and U+FFFE, whose names, messages
# and hints hold ESC sequences, C0 and C1 controls, U+FFFE, U+FFFF and a
# bidirectional override, beside a scenario with a Latin-1 byte in a bad
# value. `kafkasim check --junit --json` must write XML that Python's XML
# parser reads and JSON that strict UTF-8 and JSON decoding read, with the
# odd text kept where the format allows; `check`, `run -v`, `validate` must
# print no control character but their own line breaks.
#   odd_text_outputs.sh KAFKASIM PYTHON WORKDIR
set -eu
kafkasim=$1
python=$2
dir=$3/odd_text_outputs
rm -rf "$dir"
mkdir -p "$dir"

odd="$dir/$(printf 'odd-\033[31m-\351-\357\277\276')".yaml
bad="$dir/$(printf 'bad-\351')".yaml
cat >"$odd" <<'YAML'
name: "odd \e[2J \uFFFE \u0085 \u202E \uFFFF end"
brokers:
  - name: "b\e[31m1"
    topics: {"t\uFFFE\x01": ["m\uFFFF\e[31m", "\u0085\u2028"]}
consumers:
  - name: "c\x07"
    policy: first_idle
    sessions:
      - {at: 1ms, topic: "t\uFFFE\x01", index: 0}
expect:
  - name: "fails \e[31m \uFFFE \uFFFF \u0085 \u202E"
    hint: "hint \e[2J \uFFFF \x01"
    broker: "b\e[31m1"
    contains: {topic: "t\uFFFE\x01", message: "nope \a \uFFFE"}
  - name: "passes \uFFFE \e]0;title\a"
    consumer: "c\x07"
    consumed: {message: "m\uFFFF\e[31m"}
YAML
# (A raw control byte would be refused first, at its position, before the value
# is read: test_loader_control_chars.cpp covers that.)
printf 'brokers: 1\nseed: caf\351 [2J\n' >"$bad"

set +e
"$kafkasim" check "$odd" "$bad" --junit "$dir/out.xml" --json "$dir/out.json" >"$dir/check.out" 2>"$dir/check.err"
code=$?
"$kafkasim" run -v "$odd" >"$dir/run.out" 2>"$dir/run.err"
run_code=$?
"$kafkasim" validate "$odd" "$bad" >"$dir/validate.out" 2>"$dir/validate.err"
validate_code=$?
set -e
[ "$code" -eq 2 ] || { echo "check exit code $code, expected 2 (a bad scenario)"; cat "$dir/check.err"; exit 1; }
[ "$run_code" -eq 0 ] || { echo "run exit code $run_code"; cat "$dir/run.err"; exit 1; }
[ "$validate_code" -eq 2 ] || { echo "validate exit code $validate_code"; exit 1; }

"$python" - "$dir" <<'PY'
import json, sys, xml.dom.minidom
d = sys.argv[1]

def fail(message):
    print(message)
    sys.exit(1)

# JUnit: a real XML parser, and what it reads.
doc = xml.dom.minidom.parse(d + "/out.xml")
suites = doc.getElementsByTagName("testsuite")
if len(suites) != 2: fail("expected 2 testsuites, got %d" % len(suites))
if "\ufffd" not in suites[0].getAttribute("name"): fail("the Latin-1 byte of the file name should be U+FFFD in XML")
props = {p.getAttribute("name"): p.getAttribute("value") for p in doc.getElementsByTagName("property")}
if props["scenario"] != "odd \ufffd[2J \ufffd \x85 \u202e \ufffd end":
    fail("scenario property: %r" % props["scenario"])
cases = doc.getElementsByTagName("testcase")
names = [c.getAttribute("name") for c in cases]
if "fails \ufffd[31m \ufffd \ufffd \x85 \u202e" not in names: fail("testcase names: %r" % names)
failures = doc.getElementsByTagName("failure")
if len(failures) != 1: fail("expected 1 failure, got %d" % len(failures))
errors = doc.getElementsByTagName("error")
# The bad file's diagnostic is a terminal line (FILE:LINE:COL: error: ...): its
# Latin-1 bytes are visible escapes there, and stay so in the XML.
if len(errors) != 1 or "caf\\xe9 [2J" not in errors[0].getAttribute("message"):
    fail("the bad file's error: %r" % [e.toxml() for e in errors])

# JSON: strict UTF-8, then JSON; valid odd text is kept exactly.
report = json.loads(open(d + "/out.json", "rb").read().decode("utf-8", errors="strict"))
s0, s1 = report["scenarios"]
if s0["scenario"] != "odd \x1b[2J \ufffe \x85 \u202e \uffff end": fail("JSON scenario: %r" % s0["scenario"])
if "\ufffd" not in s0["file"] or "\x1b" not in s0["file"] or "\ufffe" not in s0["file"]: fail("JSON file: %r" % s0["file"])
if s0["results"][0]["name"] != "fails \x1b[31m \ufffe \uffff \x85 \u202e": fail("JSON name: %r" % s0["results"][0]["name"])
if s0["results"][0]["hint"] != "hint \x1b[2J \uffff \x01": fail("JSON hint: %r" % s0["results"][0]["hint"])
if [r["passed"] for r in s0["results"]] != [False, True]: fail("JSON results: %r" % s0["results"])
if not s1.get("errors") or "seed" not in s1["errors"][0]: fail("JSON errors: %r" % s1)

# Terminal text: valid UTF-8, no control character but line breaks.
bad_characters = set(range(0x00, 0x20)) - {0x0a} | {0x7f} | set(range(0x80, 0xa0)) | {0x2028, 0x2029, 0x202e}
for name in ("check.out", "check.err", "run.out", "run.err", "validate.out", "validate.err"):
    text = open(d + "/" + name, "rb").read().decode("utf-8", errors="strict")
    found = sorted({hex(ord(c)) for c in text if ord(c) in bad_characters})
    if found: fail("%s holds control characters %s:\n%s" % (name, found, text))
check_out = open(d + "/check.out", encoding="utf-8").read()
if "\\x1b[31m" not in check_out or "\\u0085" not in check_out: fail("check's text should show the escapes:\n" + check_out)
print("ok: XML, JSON and terminal text of odd names parse and hold no control character")
PY
