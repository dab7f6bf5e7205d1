// The dictionary broker model: `topic -> list of messages`, the original
// system's store, as a plain value type. Every operation is a member
// function with no side effect beyond the dictionary itself: the broker's
// handlers (broker.cpp, through broker_store.cpp) map their results onto
// replies and records, and the unit tests drive them directly.
//
// Hashing: a topic hashes its messages by position (Topic::hash), a
// dictionary sums its topics' contributions (content_hash), so two
// dictionaries compare in O(1) (the divergence monitor) and each operation
// keeps the hashes current at the cost below. The values are never printed
// or stored: only equality matters.
//
// Costs (n = the topic's length, k = the index, T = topics):
//   publish, get_topic, get_message       O(T)                (find the topic)
//   edit                                  O(T + log k)
//   delete_message                        O(T + min(k, n - k))
//   delete_topic                          O(T + n)
// Deletes near either end of a long topic are O(1) besides finding the
// topic (a std::deque erases at the end it is nearer to, and the hash
// update runs over the shorter side); a delete in the middle stays O(n):
// a positional tree would make it O(log n) but slow every read, and the
// model's workloads delete at the ends.
#pragma once

#include <cstdint>
#include <deque>
#include <type_traits>
#include <vector>

#include "core/record.hpp"
#include "core/string_table.hpp"

namespace kafkasim {

// A topic and a hash of its contents: hash = sum over i of mix(message_i) *
// base^i (mod 2^64), power = base^messages.size().
struct Topic {
    StringId name = no_string;
    std::deque<StringId> messages;
    std::uint64_t hash = 0;
    std::uint64_t power = 1;

    Topic() = default;
    Topic(const Topic&) = default;
    Topic& operator=(const Topic&) = default;
    // noexcept (std::deque's own move is not: it allocates a map for the
    // emptied source), so that a growing vector of topics moves them rather
    // than copying every message. Only running out of memory can throw here.
    Topic(Topic&&) noexcept = default;
    Topic& operator=(Topic&&) noexcept = default;
};
static_assert(std::is_nothrow_move_constructible_v<Topic>);

class TopicDictionary {
public:
    // Read access for observers (reports, checks, the viz), vector-like:
    // the topics in the order they were created.
    std::size_t size() const { return topics_.size(); }
    bool empty() const { return topics_.empty(); }
    const Topic& operator[](std::size_t i) const { return topics_[i]; }
    std::vector<Topic>::const_iterator begin() const { return topics_.begin(); }
    std::vector<Topic>::const_iterator end() const { return topics_.end(); }
    // Position of the topic, or -1.
    std::int64_t find(StringId name) const;
    // Order-free digest of the whole dictionary; equal dictionaries have
    // equal hashes (different ones differ up to 64-bit collisions).
    std::uint64_t content_hash() const { return content_hash_; }

    // Empties the dictionary (a crash of a broker that is not durable).
    void clear();
    // Appends a topic with its messages (initial load; `name` is not there yet).
    void add_topic(StringId name, const std::vector<StringId>& messages);

    struct Published {
        std::int64_t index = 0;  // position of the new message
        bool created = false;    // the topic did not exist
    };
    // Appends `text` to `topic`, creating the topic at the end if needed.
    Published publish(StringId topic, StringId text);

    // edit / delete_message / get_message: error unknown_topic or
    // index_out_of_range, else none and `text` = the message that was there
    // (edit: the text replaced; delete: the text removed; get: the text).
    struct MessageResult {
        ErrorCode error = ErrorCode::none;
        StringId text = no_string;
    };
    MessageResult edit(StringId topic, std::int64_t index, StringId text);
    MessageResult delete_message(StringId topic, std::int64_t index);
    MessageResult get_message(StringId topic, std::int64_t index) const;

    // delete_topic / get_topic: error unknown_topic, else none and `count`
    // = the topic's length (delete: the messages it held).
    struct TopicResult {
        ErrorCode error = ErrorCode::none;
        std::uint32_t count = 0;
    };
    TopicResult delete_topic(StringId topic);
    TopicResult get_topic(StringId topic) const;

    // Appends the topic names, in order, to `out`.
    void list_topics(std::vector<StringId>& out) const;

    // Tests only: the topics, writable; changes made here bypass the hashes.
    std::vector<Topic>& unchecked_topics() { return topics_; }

private:
    // The topic's message position, or an error.
    ErrorCode locate(StringId topic, std::int64_t index, std::size_t& position) const;

    std::vector<Topic> topics_;
    std::uint64_t content_hash_ = 0;  // sum over topics of their contribution
};

// The hashing, exposed for tests: a topic's hash recomputed from scratch,
// and a topic's contribution to its dictionary's content_hash.
std::uint64_t topic_hash_from_scratch(const Topic& topic);
std::uint64_t topic_contribution(const Topic& topic);

}  // namespace kafkasim
