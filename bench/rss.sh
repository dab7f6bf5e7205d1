#!/bin/bash
# Peak memory (maximum resident set size, /usr/bin/time -v) of the streamed
# commands on the long six-actor workload at 2 M and 20 M events, with
# distinct messages and with one repeated text, with monitors as the
# scenario says (all) and with `monitors: none`; then `check --golden` next
# to `run -q` on a one-million-event run. Usage: bench/rss.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
kafkasim=$build/bin/kafkasim
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

peak_mb() {  # command... -> "peak MB  wall s"
    /usr/bin/time -v "$@" > /dev/null 2> "$work/time.txt" || true
    awk -F': ' '/Maximum resident set size/ {kb=$2} /Elapsed \(wall clock\)/ {wall=$2} END {printf "%7.1f MB  %s\n", kb/1024, wall}' "$work/time.txt"
}

for name in six-actors-2m six-actors-20m six-actors-2m-repeat six-actors-20m-repeat; do
    scenario=$here/scenarios/$name.yaml
    (cat "$scenario"; echo "monitors: none") > "$work/$name-monitors-off.yaml"
    printf '%-24s run -q --stats-json          %s\n' "$name" "$(peak_mb "$kafkasim" run "$scenario" --max-events 100000000 -q --stats-json /dev/null)"
    printf '%-24s  (monitors: none)            %s\n' "$name" "$(peak_mb "$kafkasim" run "$work/$name-monitors-off.yaml" --max-events 100000000 -q --stats-json /dev/null)"
    printf '%-24s run (summary, fingerprint)  %s\n' "$name" "$(peak_mb "$kafkasim" run "$scenario" --max-events 100000000 --stats-json /dev/null)"
done

# check --golden of a one-million-event run against run -q on the same file.
sed 's/count: 33000/count: 16000/' "$here/scenarios/six-actors-2m.yaml" > "$work/one-million.yaml"
mkdir -p "$work/golden"
"$kafkasim" check "$work/one-million.yaml" --golden "$work/golden" --update-golden > /dev/null
printf '%-24s run -q                      %s\n' one-million "$(peak_mb "$kafkasim" run "$work/one-million.yaml" -q)"
printf '%-24s check --golden              %s\n' one-million "$(peak_mb "$kafkasim" check "$work/one-million.yaml" --golden "$work/golden")"
