# Runs a command and checks its exit code and, when given, that its stderr
# matches a regular expression (use "^...\n$" for "exactly one line").
#   cmake -P expect_exit.cmake -- CODE STDERR_REGEX COMMAND [ARGS...]
# With KAFKASIM_NEEDS_DISPLAY set and no DISPLAY, prints "SKIPPED: no DISPLAY"
# (the test's SKIP_REGULAR_EXPRESSION) instead of failing: GUI tests need an X
# server, which CI provides with xvfb-run.
set(separator -1)
foreach(i RANGE ${CMAKE_ARGC})
  if(separator EQUAL -1 AND "${CMAKE_ARGV${i}}" STREQUAL "--")
    set(separator ${i})
  endif()
endforeach()
if(separator EQUAL -1)
  message(FATAL_ERROR "usage: cmake -P expect_exit.cmake -- CODE STDERR_REGEX COMMAND [ARGS...]")
endif()
math(EXPR code_index "${separator} + 1")
math(EXPR regex_index "${separator} + 2")
math(EXPR command_index "${separator} + 3")
math(EXPR last "${CMAKE_ARGC} - 1")
set(expected_code "${CMAKE_ARGV${code_index}}")
set(stderr_regex "${CMAKE_ARGV${regex_index}}")
set(command)
foreach(i RANGE ${command_index} ${last})
  list(APPEND command "${CMAKE_ARGV${i}}")
endforeach()

if(DEFINED ENV{KAFKASIM_NEEDS_DISPLAY} AND "$ENV{DISPLAY}" STREQUAL "")
  message("SKIPPED: no DISPLAY (run ctest under xvfb-run -a)")
  return()
endif()

execute_process(COMMAND ${command} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT "${code}" STREQUAL "${expected_code}")
  message(FATAL_ERROR "expected exit code ${expected_code}, got ${code}")
endif()
if(NOT "${stderr_regex}" STREQUAL "" AND NOT "${err}" MATCHES "${stderr_regex}")
  message(FATAL_ERROR "stderr does not match: ${stderr_regex}")
endif()
