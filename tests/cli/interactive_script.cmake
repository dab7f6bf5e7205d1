# Interactive mode end to end without a window: kafkasim-explore runs a
# script (one publish, one full consumer pipeline) on configs/seed.yaml and
# saves the scenario with expectations; `kafkasim run` of the saved file must
# print the same fingerprint, and `kafkasim check` pass every saved expectation.
# usage: cmake -DEXPLORE=... -DKAFKASIM=... -DSCENARIO=... -DDIR=... -P interactive_script.cmake
set(script "${DIR}/interactive_actions.txt")
set(saved "${DIR}/interactive_saved.yaml")
file(WRITE "${script}" "# one publish, then c1 walks the pipeline itself
at 50ms publish p1 \"Hello world\" \"message 9\"
at 60ms session c1
at 70ms pick-broker c1 b2
at 80ms pick-topic c1 \"Hello world\"
at 90ms pick-index c1 3
save ${saved} expect
")
execute_process(COMMAND "${EXPLORE}" "${SCENARIO}" --script "${script}" RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "kafkasim-explore failed:\n${out}${err}")
endif()
string(REGEX MATCH "fingerprint [0-9a-f]+" explored "${out}")
execute_process(COMMAND "${KAFKASIM}" run "${saved}" RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "kafkasim run of the saved scenario failed:\n${out}${err}")
endif()
string(REGEX MATCH "fingerprint [0-9a-f]+" replayed "${out}")
if(explored STREQUAL "" OR NOT explored STREQUAL replayed)
  message(FATAL_ERROR "the saved scenario does not reproduce the exploration: '${explored}' vs '${replayed}'")
endif()
# `kafkasim check` grades the saved expectations (when the CLI has it).
execute_process(COMMAND "${KAFKASIM}" --help OUTPUT_VARIABLE help ERROR_VARIABLE help)
if(help MATCHES "check")
  execute_process(COMMAND "${KAFKASIM}" check "${saved}" RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0 OR NOT out MATCHES " 0 failed")
    message(FATAL_ERROR "kafkasim check of the saved scenario failed:\n${out}${err}")
  endif()
endif()
message(STATUS "saved exploration reproduces ${explored}")
