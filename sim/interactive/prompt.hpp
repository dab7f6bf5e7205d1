// What a person at the consumer page is asked right now: the choice a manual
// session waits for, and its options as the consumer saw them (statuses, the
// topics returned, the count of messages of the chosen topic). The Consumer
// panel draws this; the script and tests read it. Read-only over the state.
#pragma once

#include "core/simulation.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace kafkasim::interactive {

struct BrokerOption {
    std::string name;
    bool answered = false;  // the status reply arrived in time
    bool busy = false;      // as the reply said (it may be stale by now)
    bool down = false;      // the connection was refused
    std::uint32_t queue_length = 0;
    bool refused = false;   // the reply was an error (queue_full, down): its state is unknown
};

struct ConsumerPrompt {
    enum class Awaits : std::uint8_t { nothing, broker, topic, index };
    Awaits awaits = Awaits::nothing;
    Stage stage = Stage::idle;
    std::vector<BrokerOption> brokers;  // awaits broker
    std::vector<std::string> topics;    // awaits topic: the list the broker returned
    std::string chosen_topic;           // awaits index
    std::uint32_t messages_count = 0;   // awaits index: valid indices are 0 .. count-1
};

ConsumerPrompt consumer_prompt(const Simulation& state, std::size_t consumer);

}  // namespace kafkasim::interactive
