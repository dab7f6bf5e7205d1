# Command-line tests of issue 9 (included by tests/CMakeLists.txt): long runs
# stay readable, defaults are not traps, reports are honest about skips, a
# no-op fault is warned about and narrated as one. Plain bash, as in
# tests/scenarios.
set(kafkasim_cli_dir ${CMAKE_CURRENT_SOURCE_DIR}/cli)
set(workload ${PROJECT_SOURCE_DIR}/configs/workload.yaml)
set(expect_output ${KAFKASIM_BASH} ${CMAKE_CURRENT_SOURCE_DIR}/scenarios/expect_output.sh)

# The summary keeps every line short (the first topics and messages, with
# counts of the rest) and says how to see it all; --full prints everything.
add_test(NAME cli_summary_capped
  COMMAND ${KAFKASIM_BASH} -c [[out=$("$0" run "$1") || exit 1
longest=$(awk '{ if (length($0) > m) m = length($0) } END { print m }' <<<"$out")
[ "$longest" -lt 400 ] || { echo "longest line: $longest characters"; exit 1; }
grep -q '"orders #19" \.\.\. and 990 more messages$' <<<"$out" || { echo "no count of the rest"; exit 1; }
grep -q -- '--full prints every topic' <<<"$out" || { echo "no pointer to --full"; exit 1; }]]
          $<TARGET_FILE:kafkasim> ${workload})
add_test(NAME cli_summary_full
  COMMAND ${KAFKASIM_BASH} -c [[out=$("$0" run "$1" --full) || exit 1
grep -q '\[999\] "orders #1999"' <<<"$out" || { echo "the last message is missing"; exit 1; }
! grep -q 'more messages' <<<"$out" || { echo "--full still cut"; exit 1; }]]
          $<TARGET_FILE:kafkasim> ${workload})
add_test(NAME cli_run_help_names_full COMMAND kafkasim run --help)
set_tests_properties(cli_run_help_names_full PROPERTIES PASS_REGULAR_EXPRESSION "--full")

# No queue_capacity: 70,000 publishes at once are all queued and acked
# (tests/scenarios/burst-unlimited-queue.yaml, checked by check_scenarios);
# the stats say the same.
add_test(NAME cli_default_queue_rejects_nothing
  COMMAND ${KAFKASIM_BASH} -c [["$0" run "$1" --stats-json - | grep -q '"requests_rejected": 0,']]
          $<TARGET_FILE:kafkasim> ${PROJECT_SOURCE_DIR}/tests/scenarios/burst-unlimited-queue.yaml)

# A fingerprint belongs to the scenario's seed: skipped (not failed) under
# others, in the sweep, the text report, JUnit and JSON; checked under its own.
add_test(NAME sweep_workload_skips_fingerprint
  COMMAND ${KAFKASIM_BASH} -c [[out=$("$0" sweep "$1" --seeds 40..44 -j 2); code=$?
[ $code -eq 0 ] || { echo "exit $code"; echo "$out"; exit 1; }
grep -q 'SKIP .*workload.yaml:[0-9]*  trace fingerprint 85d899c37a194d5f: skipped under 4 seeds (a fingerprint belongs to the scenario.s seed 42)' <<<"$out" &&
grep -q '^all 5 seeds pass .*1 skipped where noted)$' <<<"$out" || { echo "$out"; exit 1; }]]
          $<TARGET_FILE:kafkasim> ${workload})
add_test(NAME check_other_seed_skips_fingerprint_in_every_report
  COMMAND ${KAFKASIM_BASH} -c [[out=$("$0" check "$1" --seed 7 --junit "$2.xml" --json "$2.json"); code=$?
[ $code -eq 0 ] || { echo "exit $code"; echo "$out"; exit 1; }
grep -q '  SKIP  .*trace fingerprint 85d899c37a194d5f' <<<"$out" &&
grep -q "skipped: the fingerprint belongs to the scenario's seed 42, this run used seed 7" <<<"$out" &&
[ "$(tail -n 2 <<<"$out")" = $'1 skipped\n14 passed, 0 failed' ] &&
grep -q '<skipped message="skipped: the fingerprint belongs to the scenario&apos;s seed 42, this run used seed 7"/>' "$2.xml" &&
grep -q 'failures="0" errors="0" skipped="1"' "$2.xml" &&
grep -q '"skipped": 1,' "$2.json" && grep -q '"skipped": true,' "$2.json" || { echo "$out"; exit 1; }]]
          $<TARGET_FILE:kafkasim> ${workload} ${CMAKE_CURRENT_BINARY_DIR}/workload-seed-7)
add_test(NAME check_own_seed_checks_fingerprint COMMAND kafkasim check ${workload} --seed 42)
set_tests_properties(check_own_seed_checks_fingerprint PROPERTIES
  PASS_REGULAR_EXPRESSION "PASS  [^\n]*trace fingerprint 85d899c37a194d5f" FAIL_REGULAR_EXPRESSION "SKIP")

# A crash of a broker already down and a restart of one that is up: a
# warning from validate (exit 0), "nothing happens" in the narrative.
add_test(NAME cli_validate_warns_noop_faults
  COMMAND ${expect_output} 0 ${kafkasim_cli_dir}/noop-faults.expected $<TARGET_FILE:kafkasim> validate ${kafkasim_cli_dir}/noop-faults.yaml)
add_test(NAME cli_narrative_noop_faults
  COMMAND ${KAFKASIM_BASH} -c [[out=$("$0" run -v "$1") || exit 1
grep -q 'restart b1: already up, nothing happens' <<<"$out" && grep -q 'crash b2: already down, nothing happens' <<<"$out" &&
! grep -q 'b1 restarted' <<<"$out" || { echo "$out"; exit 1; }]]
          $<TARGET_FILE:kafkasim> ${kafkasim_cli_dir}/noop-faults.yaml)
