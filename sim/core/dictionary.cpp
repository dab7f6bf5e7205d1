// See dictionary.hpp.
#include "core/dictionary.hpp"

#include <cassert>

namespace kafkasim {

namespace {

constexpr std::uint64_t topic_base = 0x100000001b3ull;

// The inverse of topic_base modulo 2^64 (it is odd, so it has one): Newton's
// iteration doubles the correct low bits each step (3 -> 6 -> ... -> 96).
constexpr std::uint64_t inverse_of(std::uint64_t odd) {
    std::uint64_t x = odd;  // correct to 3 bits for any odd number
    for (int i = 0; i < 5; ++i) x *= 2 - odd * x;
    return x;
}
constexpr std::uint64_t topic_base_inverse = inverse_of(topic_base);
static_assert(topic_base * topic_base_inverse == 1, "a topic's hash can be shifted down by one position");

constexpr std::uint64_t mix64(std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}

std::uint64_t message_mix(StringId text) { return mix64(text + 0x9e3779b97f4a7c15ull); }

// topic_base^exponent by squaring: O(log exponent).
std::uint64_t base_power(std::uint64_t exponent) {
    std::uint64_t result = 1;
    std::uint64_t square = topic_base;
    for (; exponent > 0; exponent >>= 1) {
        if (exponent & 1) result *= square;
        square *= square;
    }
    return result;
}

void append(Topic& topic, StringId text) {
    topic.messages.push_back(text);
    topic.hash += message_mix(text) * topic.power;
    topic.power *= topic_base;
}

}  // namespace

std::uint64_t topic_hash_from_scratch(const Topic& topic) {
    std::uint64_t hash = 0;
    std::uint64_t power = 1;
    for (const StringId text : topic.messages) {
        hash += message_mix(text) * power;
        power *= topic_base;
    }
    return hash;
}

std::uint64_t topic_contribution(const Topic& topic) {
    const std::uint64_t name = mix64(topic.name ^ 0x5bd1e995u);
    return name * 0x9e3779b97f4a7c15ull + mix64(topic.hash ^ name ^ topic.messages.size());
}

std::int64_t TopicDictionary::find(StringId name) const {
    if (name == no_string) return -1;
    for (std::size_t i = 0; i < topics_.size(); ++i) {
        if (topics_[i].name == name) return static_cast<std::int64_t>(i);
    }
    return -1;
}

void TopicDictionary::clear() {
    topics_.clear();
    content_hash_ = 0;
}

void TopicDictionary::add_topic(StringId name, const std::vector<StringId>& messages) {
    assert(find(name) < 0 && "a topic is added once");
    Topic topic;
    topic.name = name;
    for (const StringId text : messages) append(topic, text);
    content_hash_ += topic_contribution(topic);
    topics_.push_back(std::move(topic));
}

ErrorCode TopicDictionary::locate(StringId topic, std::int64_t index, std::size_t& position) const {
    const std::int64_t t = find(topic);
    if (t < 0) return ErrorCode::unknown_topic;
    const auto& messages = topics_[static_cast<std::size_t>(t)].messages;
    if (index < 0 || index >= static_cast<std::int64_t>(messages.size())) return ErrorCode::index_out_of_range;
    position = static_cast<std::size_t>(t);
    return ErrorCode::none;
}

TopicDictionary::Published TopicDictionary::publish(StringId topic_name, StringId text) {
    Published result;
    std::int64_t t = find(topic_name);
    if (t < 0) {
        Topic created;
        created.name = topic_name;
        content_hash_ += topic_contribution(created);
        topics_.push_back(std::move(created));
        t = static_cast<std::int64_t>(topics_.size()) - 1;
        result.created = true;
    }
    Topic& topic = topics_[static_cast<std::size_t>(t)];
    const std::uint64_t before = topic_contribution(topic);
    append(topic, text);
    content_hash_ += topic_contribution(topic) - before;
    result.index = static_cast<std::int64_t>(topic.messages.size()) - 1;
    return result;
}

TopicDictionary::MessageResult TopicDictionary::edit(StringId topic_name, std::int64_t index, StringId text) {
    MessageResult result;
    std::size_t t = 0;
    result.error = locate(topic_name, index, t);
    if (result.error != ErrorCode::none) return result;
    Topic& topic = topics_[t];
    const std::uint64_t before = topic_contribution(topic);
    StringId& slot = topic.messages[static_cast<std::size_t>(index)];
    result.text = slot;
    // Only the term of position `index` changes.
    topic.hash += (message_mix(text) - message_mix(slot)) * base_power(static_cast<std::uint64_t>(index));
    slot = text;
    content_hash_ += topic_contribution(topic) - before;
    return result;
}

TopicDictionary::MessageResult TopicDictionary::delete_message(StringId topic_name, std::int64_t index) {
    MessageResult result;
    std::size_t t = 0;
    result.error = locate(topic_name, index, t);
    if (result.error != ErrorCode::none) return result;
    Topic& topic = topics_[t];
    const std::uint64_t before = topic_contribution(topic);
    const auto k = static_cast<std::size_t>(index);
    const std::size_t n = topic.messages.size();
    result.text = topic.messages[k];
    // The terms after k move down one position (times base^-1); the terms
    // before stay. Sum whichever side is shorter: O(min(k, n - k)).
    const std::uint64_t removed_term = message_mix(result.text) * base_power(k);
    std::uint64_t before_k = 0;  // sum of the terms before position k
    if (k <= n - 1 - k) {
        std::uint64_t power = 1;
        for (std::size_t i = 0; i < k; ++i, power *= topic_base) before_k += message_mix(topic.messages[i]) * power;
    } else {
        std::uint64_t after_k = 0;
        std::uint64_t power = topic.power * topic_base_inverse;  // base^(n-1)
        for (std::size_t i = n - 1; i > k; --i, power *= topic_base_inverse) after_k += message_mix(topic.messages[i]) * power;
        before_k = topic.hash - after_k - removed_term;
    }
    topic.hash = before_k + (topic.hash - before_k - removed_term) * topic_base_inverse;
    topic.power *= topic_base_inverse;
    topic.messages.erase(topic.messages.begin() + static_cast<std::ptrdiff_t>(k));
    content_hash_ += topic_contribution(topic) - before;
    return result;
}

TopicDictionary::MessageResult TopicDictionary::get_message(StringId topic_name, std::int64_t index) const {
    MessageResult result;
    std::size_t t = 0;
    result.error = locate(topic_name, index, t);
    if (result.error == ErrorCode::none) result.text = topics_[t].messages[static_cast<std::size_t>(index)];
    return result;
}

TopicDictionary::TopicResult TopicDictionary::delete_topic(StringId topic_name) {
    TopicResult result;
    const std::int64_t t = find(topic_name);
    if (t < 0) {
        result.error = ErrorCode::unknown_topic;
        return result;
    }
    const Topic& topic = topics_[static_cast<std::size_t>(t)];
    result.count = static_cast<std::uint32_t>(topic.messages.size());
    content_hash_ -= topic_contribution(topic);
    topics_.erase(topics_.begin() + t);
    return result;
}

TopicDictionary::TopicResult TopicDictionary::get_topic(StringId topic_name) const {
    TopicResult result;
    const std::int64_t t = find(topic_name);
    if (t < 0) {
        result.error = ErrorCode::unknown_topic;
        return result;
    }
    result.count = static_cast<std::uint32_t>(topics_[static_cast<std::size_t>(t)].messages.size());
    return result;
}

void TopicDictionary::list_topics(std::vector<StringId>& out) const {
    for (const Topic& topic : topics_) out.push_back(topic.name);
}

}  // namespace kafkasim
