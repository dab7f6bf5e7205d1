#!/bin/sh
# 100,000 actors through the command users run: 2 brokers and 99,998
# consumers with one session each (all at time 0), written as a YAML list
# (plain, and with the shared session list as a YAML alias); prints the wall
# time and peak RSS (/usr/bin/time -v) of loading each (`validate`) and of
# `run -q`, and of loading the count form (`consumers: 99998`, consumers
# without sessions). Targets (issue 11): runs in seconds, peak RSS <= 300 MB.
# The model alone (no loader, no recording): bench_scale's BM_many_consumers.
#   bench/scale_100k.sh [build/bin/kafkasim]
set -eu
kafkasim=${1:-build/bin/kafkasim}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

{
    echo "name: consumers-100k"
    echo "network: {latency: {dist: uniform, min: 1ms, max: 3ms}}"
    echo "brokers:"
    echo "  - {name: b1, service_time: 10us, topics: {\"Hello world\": [message 1, message 2, message 3]}}"
    echo "  - {name: b2, service_time: 10us, topics: {\"Hello world\": [message 1, message 2, message 3]}}"
    echo "consumers:"
    awk 'BEGIN { for (i = 1; i <= 99998; i++) printf "  - {name: c%d, sessions: [{at: 0s}]}\n", i }'
} > "$dir/list.yaml"
# The same with one session list shared through an alias (yaml-cpp builds
# one node tree for it instead of 99,998).
sed -e '7s/sessions: \[{at: 0s}\]/sessions: \&one [{at: 0s}]/' -e '8,$s/sessions: \[{at: 0s}\]/sessions: *one/' "$dir/list.yaml" > "$dir/alias.yaml"
printf 'brokers: 2\nconsumers: 99998\n' > "$dir/count.yaml"

measure() {
    label=$1
    shift
    /usr/bin/time -v "$@" > "$dir/out" 2> "$dir/time" || { cat "$dir/out" "$dir/time"; exit 1; }
    elapsed=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/time")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/time")
    echo "$label: wall $elapsed, peak RSS $((rss / 1024)) MB"
}

measure "load, list of 99,998 consumers (validate)" "$kafkasim" validate "$dir/list.yaml"
measure "load, the same with an alias (validate)" "$kafkasim" validate "$dir/alias.yaml"
measure "load, consumers: 99998 (validate)" "$kafkasim" validate "$dir/count.yaml"
measure "run -q, 100,000 actors (list)" "$kafkasim" run "$dir/list.yaml" -q --stats-json "$dir/stats.json"
measure "run -q, 100,000 actors (alias)" "$kafkasim" run "$dir/alias.yaml" -q --stats-json "$dir/stats.json"
