// A consumer's state: the stage of its session pipeline, the statuses it
// collected, its choices and what it consumed. Handlers: consumer.cpp; the
// choice of a broker is the pure function in choose_broker.hpp.
#pragma once

#include <cstdint>
#include <deque>
#include <string_view>
#include <vector>

#include "core/prng.hpp"
#include "core/record.hpp"
#include "core/spec.hpp"

namespace kafkasim {

// The stages of a consumer session: the original pipeline, made explicit.
enum class Stage : std::uint8_t {
    idle,
    asking_status,
    choosing_broker,   // a manual session: the person looks at the statuses
    waiting_retry,
    claiming,
    listing_topics,
    choosing_topic,
    reading_topic,
    choosing_index,
    reading_message,
    releasing,
};
std::string_view stage_name(Stage stage);

struct BrokerView {  // a status reply, as the consumer saw it
    bool answered = false;
    bool busy = false;
    ActorId holder = no_actor;
    std::uint32_t queue_length = 0;
    bool down = false;  // the connection was refused
    // The reply was an error (queue_full, broker_down): the consumer does not
    // know whether the broker is idle, so no policy may choose it.
    bool refused = false;
};

struct Consumption {
    TimeNs time_ns = 0;
    ActorId broker = no_actor;
    StringId topic = no_string;
    std::int64_t index = 0;
    StringId text = no_string;
};

struct ConsumerStats {
    std::uint64_t sessions_started = 0;
    std::uint64_t sessions_completed = 0;
    std::uint64_t sessions_refused = 0;
    std::uint64_t sessions_failed = 0;
    std::uint64_t claims_refused = 0;  // lost races
    std::uint64_t attempts = 0;
    std::uint64_t timeouts = 0;
    std::uint64_t resent = 0;
};

struct Consumer {
    Stage stage = Stage::idle;
    std::uint32_t attempt = 0;             // attempts in the current session (1-based once started)
    std::uint32_t replies_pending = 0;     // status replies still outstanding
    ActorId target = no_actor;             // the broker being claimed or held
    SessionOutcome pending_outcome = SessionOutcome::none;  // set while releasing
    // The current session's choices (copied from the spec at session start).
    std::uint32_t session = 0;             // scripted index, or sessions.size() + workload number
    ChoiceSpec::Kind topic_choice = ChoiceSpec::Kind::random;
    ChoiceSpec::Kind index_choice = ChoiceSpec::Kind::random;
    StringId topic_named = no_string;
    std::int64_t index_named = 0;
    StringId chosen_topic = no_string;
    std::int64_t chosen_index = -1;
    std::vector<BrokerView> views;         // one per broker
    std::vector<StringId> received;        // the topics of the last list_topics reply
    std::uint32_t messages_count = 0;      // the length of the topic of the last get_topic reply
    std::uint32_t round_robin_next = 0;
    std::uint32_t queued_head = 0;         // scripted sessions waiting for the running one
    std::vector<std::uint32_t> queued;     // (bounded by the number of scripted sessions)
    std::uint64_t workload_started = 0;
    // Replies are matched to what the consumer waits for by serial number, so
    // late replies (after a timeout or a crash) are recognised and ignored.
    std::uint32_t next_serial = 1;
    std::uint32_t round = 0;               // serial of the current status round
    std::uint32_t request_serial = 0;      // serial of the outstanding request (0: none)
    MessageType request_type = MessageType::reply;
    std::uint32_t request_attempt = 0;
    // Serial of the pending choose_done (0: none). A session that ends while
    // it waits (its broker crashed) leaves the event behind: it is void.
    std::uint32_t choice_serial = 0;
    Prng prng;
    ConsumerStats stats;
    // A deque, not a vector: a long run appends hundreds of thousands, and
    // a vector's doublings copied the list and faulted its pages in twice
    // (7% of such a run). Random access stays O(1) for the viz and checks.
    std::deque<Consumption> consumed;
};

}  // namespace kafkasim
