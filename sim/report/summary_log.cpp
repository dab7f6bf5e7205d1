// The closing summary's parts for the log model (model: log): the
// partitions' logs, the groups (assignment, committed offsets, lag), what
// each consumer consumed, and the consumers' stats table. summary.cpp puts
// them where the dictionary model has its dictionaries and sessions.
#include <algorithm>

#include "core/log_stats.hpp"
#include "report/format.hpp"
#include "report/outputs.hpp"
#include "report/summary_log.hpp"
#include "text/utf8_text.hpp"

namespace kafkasim {

namespace {

std::string quoted(std::string_view text) {
    std::string out;
    append_json_string(out, text);
    return out;
}

std::string count_of(std::size_t count, const char* noun) { return std::to_string(count) + " " + noun + (count == 1 ? "" : "s"); }

std::string partition_name(const Simulation& s, std::uint32_t global) {
    const LogLayout& layout = s.log_model().layout;
    return topic_partition_name(s.spec().topics[layout.topic_of[global]].name, layout.local(global));
}

}  // namespace

std::string summary_log_state(const FinishedRun& run, const SummaryLimits& limits, bool& any_cut) {
    const ScenarioSpec& spec = run.spec();
    const Simulation& s = run.final_state();
    const StringTable& strings = s.strings();
    const LogModel& model = s.log_model();
    std::string out = "\nPartitions (final logs: offset key=value)\n";
    for (std::uint32_t p = 0; p < model.layout.partition_count(); ++p) {
        const log::PartitionLog& partition = model.partitions[p];
        out += "  " + partition_name(s, p) + " on " + spec.brokers[model.layout.leader[p]].name + ": end offset " +
               std::to_string(partition.end_offset());
        const std::size_t shown = limits.full ? partition.records().size() : std::min(partition.records().size(), limits.messages_max);
        for (std::size_t i = 0; i < shown; ++i) {
            const log::LogRecord& record = partition.records()[i];
            out += "  " + std::to_string(record.offset) + " " + (record.key == no_string ? "-" : quoted(strings.text(record.key))) + "=" +
                   quoted(strings.text(record.value));
        }
        if (shown < partition.records().size()) {
            out += " ... and " + count_of(partition.records().size() - shown, "more record");
            any_cut = true;
        }
        out += "\n";
    }
    const std::vector<std::uint64_t> duplicates = consumer_duplicates(s);
    out += "\nGroups\n";
    for (std::size_t g = 0; g < spec.groups.size(); ++g) {
        const CoordinatedGroup& group = model.groups[g];
        const GroupLag lag = group_lag(s, g);
        std::uint64_t group_duplicates = 0;
        for (std::size_t c = 0; c < spec.consumers.size(); ++c) group_duplicates += spec.consumers[c].group == g ? duplicates[c] : 0;
        out += "  " + spec.groups[g].name + " (coordinator " + spec.brokers[model.layout.coordinator[g]].name + "): " +
               std::string(group_phase_name(group.phase)) + ", generation " + std::to_string(group.group.generation()) + ", " +
               count_of(group.rebalances, "rebalance") + ", lag " + std::to_string(lag.total) + ", " +
               count_of(group_duplicates, "duplicate") + "\n";
        for (const CoordinatorMember& member : group.members) {
            out += "    " + spec.consumers[member.consumer].name + ":";
            const auto assigned = group.group.assignment(member.consumer);
            if (assigned.empty()) out += " (idle)";
            for (const log::TopicPartition& tp : assigned) out += " " + topic_partition_name(spec.topics[tp.topic].name, tp.partition);
            out += "\n";
        }
        out += "    committed:";
        bool any = false;
        for (const auto& [global, partition_lag] : lag.partitions) {
            const auto committed = group.group.committed(log::TopicPartition{model.layout.topic_of[global], model.layout.local(global)});
            if (!committed) continue;
            out += " " + partition_name(s, global) + "=" + std::to_string(*committed);
            any = true;
        }
        out += any ? "\n" : " nothing yet\n";
    }
    out += "\nConsumed\n";
    for (std::size_t c = 0; c < spec.consumers.size(); ++c) {
        const LogConsumer& consumer = model.consumers[c];
        out += "  " + spec.consumers[c].name + ": " + count_of(consumer.consumed.size(), "record") +
               (duplicates[c] > 0 ? " (" + std::to_string(duplicates[c]) + " read again)" : "") + "\n";
        const std::size_t shown_max = limits.full ? consumer.consumed.size() : limits.consumed_max;
        for (std::size_t i = 0; i < consumer.consumed.size() && i < shown_max; ++i) {
            const LogConsumption& item = consumer.consumed[i];
            out += "    " + format_time_ms(item.time_ns) + "  " + partition_name(s, item.partition) + "@" + std::to_string(item.offset) +
                   "  " + (item.key == no_string ? "-" : quoted(strings.text(item.key))) + "=" + quoted(strings.text(item.value)) + "\n";
        }
        if (consumer.consumed.size() > shown_max) {
            out += "    ... and " + std::to_string(consumer.consumed.size() - shown_max) + " more\n";
            any_cut = true;
        }
    }
    return out;
}

std::string summary_log_consumers(const FinishedRun& run) {
    const ScenarioSpec& spec = run.spec();
    const Simulation& s = run.final_state();
    const std::vector<std::uint64_t> duplicates = consumer_duplicates(s);
    auto pad = [](std::string text, std::size_t width) {
        if (text.size() < width) text.append(width - text.size(), ' ');
        return text;
    };
    auto cell = [](std::string text, std::size_t width) {
        text.insert(0, text.size() < width ? width - text.size() : 1, ' ');
        return text;
    };
    std::string out = "  consumer   polls  fetched  consumed  duplicates  commits  rebalances\n";
    for (std::size_t c = 0; c < spec.consumers.size(); ++c) {
        const LogConsumerStats& stats = s.log_model().consumers[c].stats;
        out += "  " + pad(spec.consumers[c].name, 9) + cell(std::to_string(stats.polls), 7) + cell(std::to_string(stats.records_fetched), 9) +
               cell(std::to_string(stats.records_consumed), 10) + cell(std::to_string(duplicates[c]), 12) +
               cell(std::to_string(stats.commits), 9) + cell(std::to_string(stats.rebalances), 12) + "\n";
    }
    return out;
}

}  // namespace kafkasim
