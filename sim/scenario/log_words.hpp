// The keywords of the log model's scenario keys (`model:`, `partitioner:`,
// `assignment:`, `auto_offset_reset:`, `commit:`, `key_order:`), in one
// place for the readers (read_log.cpp, read_producers.cpp,
// read_consumers.cpp) and the writer (save.cpp). The first word of each
// table is the key's default. PRIVATE to kafkasim_scenario.
#pragma once

#include "core/spec.hpp"
#include "scenario/keywords.hpp"

namespace kafkasim::scenario_detail {

inline constexpr Keyword<BrokerModel> model_words[] = {
    {"dictionary", BrokerModel::dictionary},
    {"log", BrokerModel::log},
};

inline constexpr Keyword<log::PartitionerKind> partitioner_words[] = {
    {"default", log::PartitionerKind::default_partitioner},
    {"round_robin", log::PartitionerKind::round_robin},
    {"sticky", log::PartitionerKind::sticky},
};

inline constexpr Keyword<log::AssignorKind> assignment_words[] = {
    {"range", log::AssignorKind::range},
    {"round_robin", log::AssignorKind::round_robin},
};

inline constexpr Keyword<GroupSpec::OffsetReset> offset_reset_words[] = {
    {"earliest", GroupSpec::OffsetReset::earliest},
    {"latest", GroupSpec::OffsetReset::latest},
};

inline constexpr Keyword<CommitMode> commit_words[] = {
    {"auto", CommitMode::auto_commit},
    {"after_poll", CommitMode::after_poll},
    {"manual", CommitMode::manual},
};

inline constexpr Keyword<ProducerWorkloadSpec::KeyOrder> key_order_words[] = {
    {"cycle", ProducerWorkloadSpec::KeyOrder::cycle},
    {"random", ProducerWorkloadSpec::KeyOrder::random},
};

// The log model's monitors, beyond those of core/monitors.hpp (whose
// MonitorKind the dictionary engine counts): names as `monitors:` lists them.
inline constexpr std::string_view duplicate_delivery_name = "duplicate_delivery";
inline constexpr std::string_view per_key_order_name = "per_key_order";
inline constexpr std::string_view lag_above_name = "lag_above";

}  // namespace kafkasim::scenario_detail
