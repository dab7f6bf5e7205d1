// What the person typed and chose in the Interactive window, kept between
// frames (part of UiState). None of it is part of the exploration: only a
// pressed button turns these fields into a command that changes the run.
#pragma once

#include <string>
#include <vector>

namespace kafkasim::viz {

// The partition editor offers this many groups (A, B, C): a split in two is
// the common case, three shows a broker cut off from both sides.
constexpr int partition_groups_max = 3;

struct ProducerForm {
    std::string topic = "Hello world";
    std::string message = "message";
    int index = 0;
    std::string key = "user-1";  // the log model's send: empty for a record without a key
    bool log_defaults = false;   // the topic field was set to the first log topic
};

struct InteractiveUi {
    std::string time_text;                 // "Go to" field: a duration such as 250ms
    std::string time_error;                // why the last Go did not move
    std::vector<ProducerForm> producers;   // one per producer, sized on first draw
    std::vector<std::string> new_consumer_names;  // the log model: per group, the name of a consumer to add
    std::vector<int> partition_group;      // one per actor: 0 in no group, else 1..partition_groups_max
    std::string save_path = "exploration.yaml";
    bool save_expectations = true;
};

}  // namespace kafkasim::viz
