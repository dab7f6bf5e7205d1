// The keys of the Interactive window's widgets in the WidgetRegistry, and of
// the groups its inline messages belong to. One place, because the panels
// record them and the script driver looks them up: a renamed key must break
// both or neither.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kafkasim::viz::keys {

inline std::string numbered(std::string_view prefix, std::size_t n, std::string_view suffix = {}) {
    std::string key(prefix);
    key += std::to_string(n);
    key += suffix;
    return key;
}

// The window's tabs and the time bar above them.
inline const std::string tab_producers = "tab/producers";
inline const std::string tab_consumers = "tab/consumers";
inline const std::string tab_faults = "tab/faults";
inline const std::string tab_branches = "tab/branches";
inline const std::string tab_over_time = "tab/over-time";
inline const std::string time_field = "time/field";
inline const std::string time_go = "time/go";

// Producer p's form. The action words are the script's (publish, edit,
// delete-topic, delete-message).
inline std::string producer(std::size_t p) { return numbered("producer/", p); }
inline std::string producer_field(std::size_t p, std::string_view field) { return numbered("producer/", p, "/") + std::string(field); }

// Consumer c's pipeline: "session", then one button per offered choice.
inline std::string consumer(std::size_t c) { return numbered("consumer/", c); }
inline std::string consumer_session(std::size_t c) { return numbered("consumer/", c, "/session"); }
inline std::string consumer_broker(std::size_t c, std::size_t b) { return numbered(numbered("consumer/", c, "/broker/"), b); }
inline std::string consumer_policy(std::size_t c) { return numbered("consumer/", c, "/policy"); }
inline std::string consumer_topic(std::size_t c, std::string_view topic) { return numbered("consumer/", c, "/topic/") + std::string(topic); }
inline std::string consumer_index(std::size_t c, std::int64_t index) {
    return numbered("consumer/", c, "/index/") + std::to_string(index);
}

// The log model: a consumer joins, leaves or commits now; a new consumer
// (its name field and the button) for group g. The producer's send uses
// producer_field(p, "topic" | "message" (the value) | "key" | "send").
inline std::string consumer_join(std::size_t c) { return numbered("consumer/", c, "/join"); }
inline std::string consumer_leave(std::size_t c) { return numbered("consumer/", c, "/leave"); }
inline std::string consumer_commit(std::size_t c) { return numbered("consumer/", c, "/commit"); }
inline std::string add_consumer(std::size_t g) { return numbered("group/", g, "/add"); }
inline std::string add_consumer_name(std::size_t g) { return numbered("group/", g, "/name"); }

// Faults: per broker, and the partition's group choice per actor
// (group 0: in no group; 1..partition_groups_max).
inline const std::string faults = "faults";
inline std::string crash(std::size_t b) { return numbered("fault/crash/", b); }
inline std::string restart(std::size_t b) { return numbered("fault/restart/", b); }
inline std::string partition_group(std::size_t actor, int group) {
    return numbered(numbered("partition/", actor, "/"), static_cast<std::size_t>(group));
}
inline const std::string partition_start = "partition/start";
inline const std::string partition_heal = "partition/heal";

// Branches and saving.
inline const std::string branches = "branches";
inline const std::string branch_switch = "branch/switch";
inline const std::string branch_discard = "branch/discard";
inline const std::string save = "save";
inline const std::string save_path = "save/path";
inline const std::string save_expect = "save/expect";
inline const std::string save_button = "save/button";

// The Scenario tab (a VizSession's panel, scenario_panel.hpp).
inline const std::string tab_scenario = "tab/scenario";
inline std::string scenario_config(std::size_t i) { return numbered("scenario/config/", i); }
inline const std::string scenario_open = "scenario/open";
inline const std::string scenario_save = "scenario/save";
inline const std::string scenario_run = "scenario/run";
inline const std::string scenario_editor = "scenario/editor";
inline std::string scenario_error(std::size_t i) { return numbered("scenario/error/", i); }

}  // namespace kafkasim::viz::keys
