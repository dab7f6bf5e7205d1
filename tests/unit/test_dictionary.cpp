// The dictionary model's operations (core/dictionary.hpp) against a naive
// reference (a vector of (name, vector of messages)): every operation x
// every edge case of topic (missing, empty, one message, several) and index
// (-1, 0, middle, last, one past the end, huge), then long random sequences
// of operations. After each one the contents, the result and the hashes
// (every topic's hash equals its recomputation, the dictionary's hash the sum
// of its topics', equal contents give equal hashes) must agree.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/dictionary.hpp"
#include "core/prng.hpp"

using namespace kafkasim;

namespace {

using Reference = std::vector<std::pair<StringId, std::vector<StringId>>>;

std::int64_t find(const Reference& reference, StringId name) {
    for (std::size_t i = 0; i < reference.size(); ++i) {
        if (reference[i].first == name) return static_cast<std::int64_t>(i);
    }
    return -1;
}

void require_same(const TopicDictionary& dictionary, const Reference& reference) {
    REQUIRE(dictionary.size() == reference.size());
    std::uint64_t content_hash = 0;
    for (std::size_t t = 0; t < reference.size(); ++t) {
        const Topic& topic = dictionary[t];
        REQUIRE(topic.name == reference[t].first);
        REQUIRE(std::vector<StringId>(topic.messages.begin(), topic.messages.end()) == reference[t].second);
        REQUIRE(topic.hash == topic_hash_from_scratch(topic));
        content_hash += topic_contribution(topic);
    }
    REQUIRE(dictionary.content_hash() == content_hash);
    // The same contents built in one go hash the same.
    TopicDictionary fresh;
    for (const auto& [name, messages] : reference) fresh.add_topic(name, messages);
    REQUIRE(fresh.content_hash() == dictionary.content_hash());
}

enum class Op { publish, edit, delete_message, delete_topic, get_message, get_topic, list_topics };
constexpr Op all_ops[] = {Op::publish, Op::edit, Op::delete_message, Op::delete_topic, Op::get_message, Op::get_topic, Op::list_topics};

constexpr StringId topic_a = 100;
constexpr StringId topic_b = 101;
constexpr StringId missing = 102;
constexpr StringId new_text = 7;

// Applies `op` to both and checks the result against the reference's.
void apply(Op op, TopicDictionary& dictionary, Reference& reference, StringId topic, std::int64_t index, StringId text) {
    const std::int64_t t = find(reference, topic);
    const bool message_exists =
        t >= 0 && index >= 0 && index < static_cast<std::int64_t>(reference[static_cast<std::size_t>(t)].second.size());
    const ErrorCode message_error = t < 0 ? ErrorCode::unknown_topic : message_exists ? ErrorCode::none : ErrorCode::index_out_of_range;
    switch (op) {
        case Op::publish: {
            const TopicDictionary::Published published = dictionary.publish(topic, text);
            REQUIRE(published.created == (t < 0));
            if (t < 0) reference.push_back({topic, {}});
            auto& messages = reference[t < 0 ? reference.size() - 1 : static_cast<std::size_t>(t)].second;
            messages.push_back(text);
            REQUIRE(published.index == static_cast<std::int64_t>(messages.size()) - 1);
            break;
        }
        case Op::edit: {
            const TopicDictionary::MessageResult edited = dictionary.edit(topic, index, text);
            REQUIRE(edited.error == message_error);
            if (message_exists) {
                StringId& slot = reference[static_cast<std::size_t>(t)].second[static_cast<std::size_t>(index)];
                REQUIRE(edited.text == slot);
                slot = text;
            }
            break;
        }
        case Op::delete_message: {
            const TopicDictionary::MessageResult deleted = dictionary.delete_message(topic, index);
            REQUIRE(deleted.error == message_error);
            if (message_exists) {
                auto& messages = reference[static_cast<std::size_t>(t)].second;
                REQUIRE(deleted.text == messages[static_cast<std::size_t>(index)]);
                messages.erase(messages.begin() + index);
            }
            break;
        }
        case Op::delete_topic: {
            const TopicDictionary::TopicResult deleted = dictionary.delete_topic(topic);
            REQUIRE(deleted.error == (t < 0 ? ErrorCode::unknown_topic : ErrorCode::none));
            if (t >= 0) {
                REQUIRE(deleted.count == reference[static_cast<std::size_t>(t)].second.size());
                reference.erase(reference.begin() + t);
            }
            break;
        }
        case Op::get_message: {
            const TopicDictionary::MessageResult read = dictionary.get_message(topic, index);
            REQUIRE(read.error == message_error);
            if (message_exists) REQUIRE(read.text == reference[static_cast<std::size_t>(t)].second[static_cast<std::size_t>(index)]);
            break;
        }
        case Op::get_topic: {
            const TopicDictionary::TopicResult read = dictionary.get_topic(topic);
            REQUIRE(read.error == (t < 0 ? ErrorCode::unknown_topic : ErrorCode::none));
            if (t >= 0) REQUIRE(read.count == reference[static_cast<std::size_t>(t)].second.size());
            break;
        }
        case Op::list_topics: {
            std::vector<StringId> names = {999};  // appended to, not replaced
            dictionary.list_topics(names);
            std::vector<StringId> expected = {999};
            for (const auto& entry : reference) expected.push_back(entry.first);
            REQUIRE(names == expected);
            break;
        }
    }
    require_same(dictionary, reference);
}

// The starting dictionaries: topic_a with `length` messages (0: an empty
// topic, left by deleting its only message), topic_b with three.
std::pair<TopicDictionary, Reference> starting(std::size_t length) {
    TopicDictionary dictionary;
    Reference reference;
    std::vector<StringId> messages;
    for (std::size_t i = 0; i < length; ++i) messages.push_back(static_cast<StringId>(10 + i % 4));  // repeats on purpose
    dictionary.add_topic(topic_a, messages);
    dictionary.add_topic(topic_b, {1, 2, 3});
    reference = {{topic_a, messages}, {topic_b, {1, 2, 3}}};
    if (length == 0) {
        dictionary.publish(topic_a, 5);
        REQUIRE(dictionary.delete_message(topic_a, 0).error == ErrorCode::none);
    }
    require_same(dictionary, reference);
    return {dictionary, reference};
}

}  // namespace

TEST_CASE("dictionary: every operation x every edge case of topic and index", "[dictionary]") {
    int cases = 0;
    for (const std::size_t length : {0u, 1u, 2u, 5u, 40u}) {
        const std::vector<std::int64_t> indexes = {-1,
                                                   0,
                                                   static_cast<std::int64_t>(length / 2),
                                                   static_cast<std::int64_t>(length) - 1,
                                                   static_cast<std::int64_t>(length),
                                                   static_cast<std::int64_t>(length) + 1,
                                                   INT64_MAX};
        for (const Op op : all_ops) {
            for (const StringId topic : {topic_a, topic_b, missing}) {
                for (const std::int64_t index : indexes) {
                    INFO("op " << static_cast<int>(op) << ", topic length " << length << ", topic " << topic << ", index " << index);
                    auto [dictionary, reference] = starting(length);
                    apply(op, dictionary, reference, topic, index, new_text);
                    // And once more on the result: a second edit / delete of the same place.
                    apply(op, dictionary, reference, topic, index, new_text + 1);
                    ++cases;
                }
            }
        }
    }
    CHECK(cases == 5 * 7 * 3 * 7);
}

TEST_CASE("dictionary: random operations agree with the reference", "[dictionary]") {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        Prng prng(seed);
        TopicDictionary dictionary;
        Reference reference;
        for (int step = 0; step < 600; ++step) {
            // Few topics and texts, so operations hit existing ones and
            // equal texts repeat; long topics, so deletes near the end take
            // the other side of the hash update.
            const StringId topic = 200 + static_cast<StringId>(prng.below(3));
            const StringId text = static_cast<StringId>(prng.below(6));
            const std::int64_t t = find(reference, topic);
            const std::int64_t length = t < 0 ? 0 : static_cast<std::int64_t>(reference[static_cast<std::size_t>(t)].second.size());
            const std::int64_t index = static_cast<std::int64_t>(prng.below(static_cast<std::uint64_t>(length) + 2)) - 1;
            // Publishing twice as often as the rest keeps the topics long.
            const std::uint64_t roll = prng.below(std::size(all_ops) + 3);
            const Op op = roll < 4 ? Op::publish : all_ops[roll - 3];
            INFO("seed " << seed << ", step " << step);
            apply(op, dictionary, reference, topic, index, text);
        }
    }
}

TEST_CASE("dictionary: a long topic deleted from both ends keeps its hash", "[dictionary]") {
    TopicDictionary dictionary;
    std::vector<StringId> messages;
    for (StringId i = 0; i < 5000; ++i) messages.push_back(i);
    dictionary.add_topic(topic_a, messages);
    for (int k = 0; k < 1000; ++k) {
        REQUIRE(dictionary.delete_message(topic_a, 0).text == static_cast<StringId>(k));
        REQUIRE(dictionary.delete_message(topic_a, static_cast<std::int64_t>(dictionary[0].messages.size()) - 1).error == ErrorCode::none);
        REQUIRE(dictionary.edit(topic_a, 1000, 77).error == ErrorCode::none);  // (never reaches the front within the loop)
    }
    REQUIRE(dictionary[0].messages.size() == 3000);
    REQUIRE(dictionary[0].hash == topic_hash_from_scratch(dictionary[0]));
    TopicDictionary fresh;
    fresh.add_topic(topic_a, std::vector<StringId>(dictionary[0].messages.begin(), dictionary[0].messages.end()));
    CHECK(fresh.content_hash() == dictionary.content_hash());
}
