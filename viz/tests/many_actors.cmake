# Writes a scenario with many actors for the Topology's layout screenshots:
#   cmake -DOUT=file.yaml -DBROKERS=n -DPRODUCERS=n -DCONSUMERS=n -P many_actors.cmake
# Each producer publishes once, each consumer runs one session, staggered so
# that messages are in flight at any moment; a partition cuts p1 off from b2.
set(yaml "name: many-actors\nseed: 1\nnetwork:\n  latency: 1ms\nbrokers:\n")
foreach(b RANGE 1 ${BROKERS})
  string(APPEND yaml "  - name: b${b}\n    service_time: 0.2ms\n    topics: {\"news\": [\"m1\", \"m2\"]}\n")
endforeach()
if(PRODUCERS GREATER 0)
  string(APPEND yaml "producers:\n")
  foreach(p RANGE 1 ${PRODUCERS})
    math(EXPR at "${p} * 3")
    string(APPEND yaml "  - name: p${p}\n    actions:\n      - {at: ${at}ms, publish: {topic: \"news\", message: \"from p${p}\"}}\n")
  endforeach()
endif()
string(APPEND yaml "consumers:\n")
foreach(c RANGE 1 ${CONSUMERS})
  math(EXPR at "${c} % 40")
  string(APPEND yaml "  - name: c${c}\n    policy: first_idle\n    choose_time: 1ms\n    sessions:\n      - {at: ${at}ms, topic: \"news\", index: last}\n")
endforeach()
if(PRODUCERS GREATER 0 AND BROKERS GREATER 1)
  string(APPEND yaml "faults:\n  - partition: {groups: [[p1], [b2]], from: 0ms, until: 30ms}\n")
endif()
file(WRITE ${OUT} "${yaml}")
