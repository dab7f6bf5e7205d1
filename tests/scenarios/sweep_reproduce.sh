#!/usr/bin/env bash
# The sweep test: `kafkasim sweep` finds the seeds for which a scenario's
# expectation fails, prints the same report whatever -j is, splits the same
# seeds over shards, and the reproducer it prints does reproduce the failure.
#   sweep_reproduce.sh KAFKASIM SCENARIO
set -u
kafkasim=$1
scenario=$2
seeds=1..40
fail() {
    echo "FAIL: $*"
    exit 1
}

one=$("$kafkasim" sweep "$scenario" --seeds "$seeds" -j 1)
code=$?
[ "$code" -eq 1 ] || fail "sweep exited with $code, expected 1 (some seeds fail)"$'\n'"$one"
two=$("$kafkasim" sweep "$scenario" --seeds "$seeds" -j 2)
[ "$one" == "$two" ] || fail "the report depends on -j"$'\n'"--- -j 1:"$'\n'"$one"$'\n'"--- -j 2:"$'\n'"$two"
summary=$(tail -n 1 <<<"$one")
[[ "$summary" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed ]] || fail "no closing line: $summary"
passed=${BASH_REMATCH[1]}
failed=${BASH_REMATCH[2]}
[ "$passed" -gt 0 ] && [ "$failed" -gt 0 ] || fail "expected some seeds to pass and some to fail: $summary"
echo "sweep: $summary"

# Every failing seed once across three shards, and none lost.
all_failing=$(grep -E '^seed [0-9]+:' <<<"$one" | sort)
shards=$(for i in 1 2 3; do "$kafkasim" sweep "$scenario" --seeds "$seeds" --shard "$i/3" -j 2 | grep -E '^seed [0-9]+:'; done | sort)
[ "$all_failing" == "$shards" ] || fail "the shards do not add up to the whole sweep"

# The printed reproducer, run as printed (with the kafkasim under test), fails.
reproduce=$(grep -m 1 '^  reproduce: kafkasim check ' <<<"$one") || fail "no reproducer printed"
reproduce=${reproduce#  reproduce: }
eval "set -- $reproduce"
shift  # "kafkasim"
echo "running: $reproduce"
output=$("$kafkasim" "$@")
code=$?
[ "$code" -eq 1 ] || fail "the reproducer exited with $code, expected 1"$'\n'"$output"
grep -q '^  FAIL  ' <<<"$output" || fail "the reproducer printed no FAIL"$'\n'"$output"
seed=${reproduce##* }
grep -q ", seed $seed, " <<<"$output" || fail "the reproducer did not run seed $seed"$'\n'"$output"
echo "reproduced: $(grep -m 1 '^  FAIL  ' <<<"$output")"
