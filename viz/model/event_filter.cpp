// See event_filter.hpp.
#include "model/event_filter.hpp"

#include <algorithm>
#include <cassert>

namespace kafkasim::viz {

KindGroup kind_group(RecordKind kind) {
    if (is_log_kind(kind)) {
        // The log model's kinds (record.hpp lists them in these families).
        if (kind == RecordKind::send) return KindGroup::timer;
        if (kind <= RecordKind::leave_group) return KindGroup::request_arrived;
        if (kind <= RecordKind::member_left) return KindGroup::request_served;
        if (kind <= RecordKind::member_expired) return KindGroup::coordinator;
        if (kind <= RecordKind::leave_group_reply) return KindGroup::reply_arrived;
        return KindGroup::timer;  // the consumer's own steps: join ... commit
    }
    if (kind <= RecordKind::release) return KindGroup::request_arrived;
    if (kind <= RecordKind::rejected) return KindGroup::request_served;
    if (kind <= RecordKind::release_reply) return KindGroup::reply_arrived;
    if (kind <= RecordKind::retry) return KindGroup::timer;
    return KindGroup::fault;  // faults, timeouts and resends (kinds appended after retry)
}

std::string_view kind_group_name(KindGroup group) {
    switch (group) {
        case KindGroup::request_arrived: return "requests arriving at brokers";
        case KindGroup::request_served: return "requests served by brokers";
        case KindGroup::reply_arrived: return "replies arriving at clients";
        case KindGroup::timer: return "client timers (produce, sessions, choices; send, poll, commit)";
        case KindGroup::fault: return "faults, timeouts and resends";
        case KindGroup::coordinator: return "group coordinator (rebalances, expired members)";
    }
    return "?";
}

void EventFilter::set_group(KindGroup group, bool shown) {
    for (std::size_t k = 0; k < record_kind_count; ++k) {
        if (kind_group(static_cast<RecordKind>(k)) == group) kinds.set(k, shown);
    }
}

int EventFilter::group_state(KindGroup group) const {
    std::size_t shown = 0;
    std::size_t total = 0;
    for (std::size_t k = 0; k < record_kind_count; ++k) {
        if (kind_group(static_cast<RecordKind>(k)) != group) continue;
        ++total;
        if (kinds.test(k)) ++shown;
    }
    return shown == total ? 1 : shown == 0 ? 0 : -1;
}

void FilteredLog::update(const RecordLog& records, const EventFilter& filter) {
    if (built_ && filter == filter_ && &records == records_ && records.size() == records_size_) return;
    assert(records.size() <= 0xffffffffu && "row indices are 32-bit");
    filter_ = filter;
    records_ = &records;
    records_size_ = records.size();
    built_ = true;
    rows_.clear();
    if (filter.shows_everything()) rows_.reserve(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (filter.matches(records[i])) rows_.push_back(static_cast<std::uint32_t>(i));
    }
}

std::size_t FilteredLog::row_at_or_after(std::size_t index) const {
    return static_cast<std::size_t>(std::lower_bound(rows_.begin(), rows_.end(), index) - rows_.begin());
}

std::size_t FilteredLog::row_of(std::size_t index) const {
    const std::size_t row = row_at_or_after(index);
    return row < rows_.size() && rows_[row] == index ? row : rows_.size();
}

}  // namespace kafkasim::viz
