// The log model's narrative (format_log.cpp): describe() and explain() in
// format.hpp hand the log model's records here.
#pragma once

#include <string>

#include "core/record.hpp"
#include "core/simulation.hpp"

namespace kafkasim {

// Whether a record is narrated by the log model's sentences: its kind or
// request is a log one, or it is a crash or restart in a log scenario.
inline bool narrated_as_log(const Record& r, const Simulation& names) {
    return is_log_record(r) || (names.is_log_model() && (r.kind == RecordKind::crash || r.kind == RecordKind::restart));
}
std::string describe_log(const Record& record, const Simulation& names);
std::string explain_log(const Record& record, const Simulation& after);

}  // namespace kafkasim
