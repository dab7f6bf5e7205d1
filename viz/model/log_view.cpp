// See log_view.hpp.
#include "model/log_view.hpp"

#include <algorithm>
#include <cassert>

#include "core/log_stats.hpp"

namespace kafkasim::viz {

namespace {

// The index of the group a record names (group kinds), or no value.
std::optional<std::uint32_t> record_group(const Simulation& state, const Record& record) {
    const auto& names = state.log_model().layout.group_names;
    const auto found = std::find(names.begin(), names.end(), record.topic);
    if (record.topic == no_string || found == names.end()) return std::nullopt;
    return static_cast<std::uint32_t>(found - names.begin());
}

}  // namespace

std::uint32_t record_global_partition(const Simulation& state, const Record& record) {
    const LogLayout& layout = state.log_model().layout;
    if (log_names_group(record) || record_partition(record) == no_partition) return no_partition;
    const auto found = std::find(layout.topic_names.begin(), layout.topic_names.end(), record.topic);
    if (record.topic == no_string || found == layout.topic_names.end()) return no_partition;
    const auto topic = static_cast<std::uint32_t>(found - layout.topic_names.begin());
    const std::uint32_t first = layout.first_partition[topic];
    const std::uint32_t next = topic + 1 < layout.first_partition.size() ? layout.first_partition[topic + 1] : layout.partition_count();
    if (record_partition(record) >= next - first) return no_partition;
    return layout.global(topic, record_partition(record));
}

std::vector<PartitionRow> led_partitions(const Simulation& state, std::size_t broker) {
    std::vector<PartitionRow> rows;
    if (!state.is_log_model()) return rows;
    const LogModel& model = state.log_model();
    const LogLayout& layout = model.layout;
    const ScenarioSpec& spec = state.spec();
    for (std::uint32_t p = 0; p < layout.partition_count(); ++p) {
        if (layout.leader[p] != broker) continue;
        PartitionRow row;
        row.partition = p;
        row.topic = layout.topic_of[p];
        row.number = layout.local(p);
        row.end_offset = model.partitions[p].end_offset();
        for (std::size_t g = 0; g < model.groups.size(); ++g) {
            const std::vector<std::uint32_t> topics = group_topics(spec, g);
            if (std::find(topics.begin(), topics.end(), row.topic) == topics.end()) continue;
            const std::optional<std::uint64_t> committed = model.groups[g].group.committed(log::TopicPartition{row.topic, row.number});
            if (committed) row.markers.push_back({OffsetMarker::Kind::committed, static_cast<std::uint32_t>(g), *committed});
        }
        for (std::size_t c = 0; c < model.consumers.size(); ++c) {
            for (const OwnedPartition& owned : model.consumers[c].owned) {
                if (owned.partition != p || owned.position < 0) continue;
                row.markers.push_back({OffsetMarker::Kind::position, static_cast<std::uint32_t>(c), static_cast<std::uint64_t>(owned.position)});
            }
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

CellWindow cell_window(std::uint64_t end_offset, std::uint64_t capacity, std::optional<std::uint64_t> focus) {
    assert(capacity >= 1);
    if (end_offset <= capacity) return {0, end_offset};
    // The focus cell sits a few cells from the right edge, so what came just
    // before it shows too; without a focus, the newest records.
    const std::uint64_t target = focus && *focus < end_offset ? *focus : end_offset - 1;
    const std::uint64_t after = std::min<std::uint64_t>(capacity / 4, end_offset - 1 - target);
    const std::uint64_t last = std::max(target + 1 + after, capacity);
    return {last - capacity, last};
}

LogStepChange log_step_change(const Simulation& state, const Record& record) {
    LogStepChange change;
    if (!state.is_log_model()) return change;
    const std::uint32_t partition = record_global_partition(state, record);
    if (partition == no_partition || record_offset(record) < 0) return change;
    change.partition = partition;
    change.offset = static_cast<std::uint64_t>(record_offset(record));
    change.count = record.count;
    switch (record.kind) {
        case RecordKind::appended:
            change.kind = LogStepChange::Kind::appended;
            change.by = record.source;
            break;
        case RecordKind::fetched:
            change.kind = LogStepChange::Kind::fetched;
            change.by = record.source;
            break;
        case RecordKind::fetch_reply:
            if (record.error != ErrorCode::none) return LogStepChange{};
            change.kind = LogStepChange::Kind::fetched;
            change.by = record.target;
            break;
        case RecordKind::offset_committed:
            change.kind = LogStepChange::Kind::committed;
            change.by = record.source;
            break;
        case RecordKind::consumed:
            change.kind = LogStepChange::Kind::consumed;
            change.by = record.source;
            break;
        default: return LogStepChange{};
    }
    if (change.kind != LogStepChange::Kind::fetched) change.count = 1;
    return change;
}

std::string assignment_words(const Simulation& state, std::size_t consumer) {
    const LogModel& model = state.log_model();
    const LogConsumer& member = model.consumers[consumer];
    switch (member.phase) {
        case MemberPhase::not_started: return "not joined yet";
        case MemberPhase::joining: return "joining";
        case MemberPhase::left: return "left";
        case MemberPhase::crashed: return "crashed";
        case MemberPhase::stable: break;
    }
    if (member.owned.empty()) return "idle (no partitions)";
    std::string words;
    for (const OwnedPartition& owned : member.owned) {
        const std::uint32_t topic = model.layout.topic_of[owned.partition];
        if (!words.empty()) words += ", ";
        words += topic_partition_name(state.strings().text(model.layout.topic_names[topic]), model.layout.local(owned.partition));
    }
    return words;
}

std::vector<RebalanceBanner> rebalance_banners(const Simulation& state, const Record* record) {
    std::vector<RebalanceBanner> banners;
    if (!state.is_log_model()) return banners;
    const LogModel& model = state.log_model();
    std::optional<std::uint32_t> current_group;
    if (record != nullptr && (record->kind == RecordKind::rebalance_start || record->kind == RecordKind::rebalance_end)) {
        current_group = record_group(state, *record);
    }
    for (std::uint32_t g = 0; g < model.groups.size(); ++g) {
        const CoordinatedGroup& group = model.groups[g];
        const std::string name = state.strings().text(model.layout.group_names[g]);
        const bool ended = current_group == g && record->kind == RecordKind::rebalance_end;
        if (group.phase != GroupPhase::preparing && current_group != g) continue;
        RebalanceBanner banner;
        banner.group = g;
        banner.ended = ended;
        const std::uint32_t generation = group.group.generation();
        // Preparing: the current generation is the old one; the end made the new one.
        banner.generation_from = ended ? (generation > 0 ? generation - 1 : 0) : generation;
        banner.generation_to = ended ? generation : generation + 1;
        banner.text = ended ? name + " rebalanced: generation " + std::to_string(banner.generation_to)
                            : name + " rebalancing: generation " + std::to_string(banner.generation_from) + " -> " +
                                  std::to_string(banner.generation_to);
        banners.push_back(std::move(banner));
    }
    return banners;
}

}  // namespace kafkasim::viz
