# Interactive mode end to end through the window: kafkasim-viz performs a
# script through its panels (simulated mouse and keys) on configs/seed.yaml:
# one publish, one full consumer pipeline (session, pick-broker, pick-topic,
# pick-index) and `save ... expect`; then the saved file must pass
# `kafkasim check` and `kafkasim run` of it must print the fingerprint the viz
# printed. It also pictures the end (checked by viz_png_check).
# Without DISPLAY it reports itself skipped (run ctest under xvfb-run -a).
# usage: cmake -DVIZ=... -DKAFKASIM=... -DPNG_CHECK=... -DSCENARIO=... -DDIR=... -P script_saved_replays.cmake
if("$ENV{DISPLAY}" STREQUAL "")
  message("SKIPPED: no DISPLAY (run ctest under xvfb-run -a)")
  return()
endif()
# Optional: -DNAME=suffix (file names), -DACTIONS=FILE (a script whose
# @SAVED@ is the saved file's path) and -DSAVED_MATCHES=REGEX (what the saved
# expectations must show); by default the seed.yaml script below.
set(script "${DIR}/viz_actions${NAME}.txt")
set(saved "${DIR}/viz_saved${NAME}.yaml")
set(picture "${DIR}/screenshots/interactive${NAME}.png")
file(REMOVE "${saved}" "${picture}")
if(DEFINED ACTIONS)
  file(READ "${ACTIONS}" actions)
  string(REPLACE "@SAVED@" "${saved}" actions "${actions}")
  file(WRITE "${script}" "${actions}")
else()
  file(WRITE "${script}" "# after the scenario's own sessions, p1 publishes and c1 reads it back
at 1.5s publish p1 \"Hello world\" \"message 9\"
at 1.6s session c1
at 1.61s pick-broker c1 b2
at 1.62s pick-topic c1 \"Hello world\"
at 1.63s pick-index c1 4
save ${saved} expect
")
  set(SAVED_MATCHES "message: \"message 9\"")
endif()
execute_process(COMMAND "${VIZ}" "${SCENARIO}" --script "${script}" --screenshot "${picture}"
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "kafkasim-viz --script failed (${status}):\n${out}${err}")
endif()
string(REGEX MATCH "fingerprint [0-9a-f]+" explored "${out}")
execute_process(COMMAND "${KAFKASIM}" check "${saved}" RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "kafkasim check of the saved scenario failed (${status}):\n${out}${err}")
endif()
# The expectations saved describe what the script did (by default: c1
# consuming what p1 published).
file(READ "${saved}" saved_text)
if(NOT saved_text MATCHES "${SAVED_MATCHES}")
  message(FATAL_ERROR "the saved expectations do not match '${SAVED_MATCHES}':\n${saved_text}")
endif()
execute_process(COMMAND "${KAFKASIM}" run "${saved}" RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "kafkasim run of the saved scenario failed (${status}):\n${out}${err}")
endif()
string(REGEX MATCH "fingerprint [0-9a-f]+" replayed "${out}")
if(explored STREQUAL "" OR NOT explored STREQUAL replayed)
  message(FATAL_ERROR "the saved scenario does not reproduce what the viz showed: '${explored}' vs '${replayed}'")
endif()
execute_process(COMMAND "${PNG_CHECK}" "${picture}" RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the end screenshot is not a picture:\n${out}${err}")
endif()
message(STATUS "kafkasim-viz --script: the saved exploration passes check and reproduces ${explored}")
