// The phrases every check's texts are made of (check_detail.hpp): quoting,
// dictionaries and where two differ, consumed items and time windows.
#include <algorithm>
#include <array>
#include <charconv>

#include "check/check_detail.hpp"
#include "report/format.hpp"
#include "text/utf8_text.hpp"
#include "text/decimal.hpp"

namespace kafkasim::check_detail {

std::optional<std::size_t> Context::broker_index(std::string_view name) const {
    const auto& brokers = run.spec().brokers;
    for (std::size_t i = 0; i < brokers.size(); ++i) {
        if (brokers[i].name == name) return i;
    }
    return std::nullopt;
}

std::optional<std::size_t> Context::consumer_index(std::string_view name) const {
    const auto& consumers = run.spec().consumers;
    for (std::size_t i = 0; i < consumers.size(); ++i) {
        if (consumers[i].name == name) return i;
    }
    return std::nullopt;
}

std::optional<ActorId> Context::actor(std::string_view name) const {
    for (std::size_t a = 0; a < state.actor_count(); ++a) {
        if (state.actor_name(static_cast<ActorId>(a)) == name) return static_cast<ActorId>(a);
    }
    return std::nullopt;
}

Dictionary dictionary_of(const Simulation& state, std::size_t broker) {
    Dictionary result;
    for (const Topic& topic : state.brokers()[broker].topics) {
        std::vector<std::string> messages;
        messages.reserve(topic.messages.size());
        for (const StringId text : topic.messages) messages.push_back(state.strings().text(text));
        result.emplace_back(state.strings().text(topic.name), std::move(messages));
    }
    return result;
}

Dictionary dictionary_of(const std::vector<TopicSpec>& topics) {
    Dictionary result;
    for (const TopicSpec& topic : topics) result.emplace_back(topic.name, topic.messages);
    return result;
}

std::optional<Difference> first_difference(const Dictionary& left, const Dictionary& right) {
    const std::size_t topics = std::max(left.size(), right.size());
    for (std::size_t t = 0; t < topics; ++t) {
        auto topic_text = [](const Dictionary& d, std::size_t i) { return i < d.size() ? quoted(d[i].first) : "no topic"; };
        if (t >= left.size() || t >= right.size() || left[t].first != right[t].first) {
            return Difference{"topic #" + std::to_string(t + 1), topic_text(left, t), topic_text(right, t)};
        }
        const auto& a = left[t].second;
        const auto& b = right[t].second;
        const std::size_t messages = std::max(a.size(), b.size());
        for (std::size_t m = 0; m < messages; ++m) {
            if (m < a.size() && m < b.size() && a[m] == b[m]) continue;
            auto message_text = [](const std::vector<std::string>& list, std::size_t i) {
                return i < list.size() ? quoted(list[i]) : "nothing";
            };
            return Difference{quoted(left[t].first) + "[" + std::to_string(m) + "]", message_text(a, m), message_text(b, m)};
        }
    }
    return std::nullopt;
}

std::string quoted(std::string_view text) {
    std::string out;
    append_json_string(out, text);
    return out;
}

std::string shorten(std::string text, std::size_t length_max) {
    if (text.size() <= length_max) return text;
    text.resize(utf8_prefix_bytes(text, length_max));
    return text + "...";
}

std::string messages_text(const std::vector<std::string>& list) {
    std::string out = "[";
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (i > 0) out += ", ";
        append_json_string(out, list[i]);
        if (out.size() > text_length_max) break;  // shorten() cuts it; no need to build the rest
    }
    return shorten(out + "]");
}

std::string dictionary_text(const Dictionary& dictionary) {
    std::string out = "{";
    for (std::size_t i = 0; i < dictionary.size() && out.size() <= text_length_max; ++i) {
        if (i > 0) out += ", ";
        append_json_string(out, dictionary[i].first);
        out += ": " + messages_text(dictionary[i].second);
    }
    return shorten(out + "}");
}

std::string number_text(double value) {
    std::array<char, 64> buffer{};
    const auto [end, error] = decimal_to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return error == std::errc{} ? std::string(buffer.data(), end) : std::string("?");
}

std::string count_text(std::uint64_t count, std::string_view singular, std::string_view plural) {
    return std::to_string(count) + " " + std::string(count == 1 ? singular : plural);
}

std::string item_pattern_text(const ConsumedItemSpec& item) {
    std::vector<std::string> parts;
    if (item.message) parts.push_back("message " + quoted(*item.message));
    if (item.topic) parts.push_back("topic " + quoted(*item.topic));
    if (item.broker) parts.push_back("broker " + *item.broker);
    if (item.index) parts.push_back("index " + std::to_string(*item.index));
    if (item.key) parts.push_back("key " + quoted(*item.key));
    if (item.partition) parts.push_back("partition " + std::to_string(*item.partition));
    if (item.offset) parts.push_back("offset " + std::to_string(*item.offset));
    std::string out = "{";
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i > 0 ? ", " : "") + parts[i];
    return out + "}";
}

bool item_matches(const ConsumedItemSpec& item, const Consumption& consumed, const Simulation& state) {
    if (item.message && state.strings().text(consumed.text) != *item.message) return false;
    if (item.topic && state.strings().text(consumed.topic) != *item.topic) return false;
    if (item.broker && state.actor_name(consumed.broker) != *item.broker) return false;
    if (item.index && consumed.index != *item.index) return false;
    // The log model's fields: a dictionary consumption has none of them.
    if (item.key || item.partition || item.offset) return false;
    return true;
}

bool item_matches(const ConsumedItemSpec& item, const LogConsumption& consumed, const Simulation& state) {
    const LogLayout& layout = state.log_model().layout;
    const StringTable& strings = state.strings();
    if (item.message && strings.text(consumed.value) != *item.message) return false;
    if (item.topic && strings.text(layout.topic_names[layout.topic_of[consumed.partition]]) != *item.topic) return false;
    if (item.key && (consumed.key == no_string || strings.text(consumed.key) != *item.key)) return false;
    if (item.partition && layout.local(consumed.partition) != *item.partition) return false;
    if (item.offset && consumed.offset != *item.offset) return false;
    // The dictionary model's fields: a log consumption has none of them.
    if (item.broker || item.index) return false;
    return true;
}

std::string consumption_text(const LogConsumption& consumed, const Simulation& state) {
    const LogLayout& layout = state.log_model().layout;
    const StringTable& strings = state.strings();
    std::string out = topic_partition_name(strings.text(layout.topic_names[layout.topic_of[consumed.partition]]),
                                           layout.local(consumed.partition)) +
                      "@" + std::to_string(consumed.offset);
    if (consumed.key != no_string) out += " (key " + quoted(strings.text(consumed.key)) + ")";
    return out + " = " + quoted(strings.text(consumed.value)) + " at " + format_duration_ns(consumed.time_ns);
}

std::string consumption_text(const Consumption& consumed, const Simulation& state) {
    return std::string(state.actor_name(consumed.broker)) + " " + quoted(state.strings().text(consumed.topic)) + "[" +
           std::to_string(consumed.index) + "] = " + quoted(state.strings().text(consumed.text)) + " at " +
           format_duration_ns(consumed.time_ns);
}

std::string quantity_text(const OccurrenceSpec& occurrence, std::string_view singular, std::string_view plural) {
    switch (occurrence.kind) {
        case OccurrenceSpec::Kind::at_least_once: return "at least one " + std::string(singular);
        case OccurrenceSpec::Kind::never: return "no " + std::string(singular);
        case OccurrenceSpec::Kind::exactly: return "exactly " + count_text(occurrence.count, singular, plural);
    }
    return {};
}

std::string window_text(const OccurrenceSpec& occurrence) {
    std::string out;
    if (occurrence.after_ns) out += " after " + format_duration_ns(*occurrence.after_ns);
    if (occurrence.after_ns && occurrence.before_ns) out += " and";
    if (occurrence.before_ns) out += " before " + format_duration_ns(*occurrence.before_ns);
    return out;
}

bool in_window(const OccurrenceSpec& occurrence, TimeNs time_ns) {
    if (occurrence.after_ns && !(time_ns > *occurrence.after_ns)) return false;
    if (occurrence.before_ns && !(time_ns < *occurrence.before_ns)) return false;
    return true;
}

bool occurrence_met(const OccurrenceSpec& occurrence, std::uint64_t found) {
    switch (occurrence.kind) {
        case OccurrenceSpec::Kind::at_least_once: return found > 0;
        case OccurrenceSpec::Kind::never: return found == 0;
        case OccurrenceSpec::Kind::exactly: return found == occurrence.count;
    }
    return false;
}

}  // namespace kafkasim::check_detail
