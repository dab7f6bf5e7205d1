#!/usr/bin/env bash
# Runs a command and checks what it printed: a test of a scenario that fails
# (or is malformed) on purpose.
#   expect_output.sh EXIT_CODE EXPECTED_FILE COMMAND...
# Passes when COMMAND exits with EXIT_CODE and each non-empty line of
# EXPECTED_FILE occurs, as written, within some line of its output (stdout
# and stderr together): paths may differ in their prefix, the words may not.
set -u
expected_code=$1
expected_file=$2
shift 2
output=$("$@" 2>&1)
code=$?
status=0
if [ "$code" -ne "$expected_code" ]; then
    echo "exit code $code, expected $expected_code"
    status=1
fi
while IFS= read -r line || [ -n "$line" ]; do
    [ -z "$line" ] && continue
    if ! grep -qF -- "$line" <<<"$output"; then
        echo "missing from the output: $line"
        status=1
    fi
done <"$expected_file"
if [ "$status" -ne 0 ]; then
    echo "--- output of: $*"
    echo "$output"
fi
exit "$status"
