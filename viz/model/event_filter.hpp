// The event log's filter (by actor and by kind) and the filtered row list it
// selects. The rows are rebuilt only when the filter changes, never per
// frame; the log panel then draws only the visible rows (ImGuiListClipper).
#pragma once

#include <bitset>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/recorder.hpp"

namespace kafkasim::viz {

// The families of record kinds, for the filter's group toggles and for
// where the event log says an event happens (at the broker for arrivals,
// service and the coordinator's own steps; at the client otherwise). Every
// kind of both models has one (tests/unit/test_viz_log.cpp checks each
// family's actors over recorded runs).
enum class KindGroup : std::uint8_t { request_arrived, request_served, reply_arrived, timer, fault, coordinator };
constexpr std::size_t kind_group_count = 6;
KindGroup kind_group(RecordKind kind);
std::string_view kind_group_name(KindGroup group);

struct EventFilter {
    ActorId actor = no_actor;  // no_actor: any; else the actor as source or target
    std::bitset<record_kind_count> kinds = std::bitset<record_kind_count>().set();

    bool matches(const Record& record) const {
        if (actor != no_actor && record.source != actor && record.target != actor) return false;
        return kinds.test(static_cast<std::size_t>(record.kind));
    }
    bool shows_everything() const { return actor == no_actor && kinds.all(); }
    void set_group(KindGroup group, bool shown);
    // 1: every kind of the group shown; 0: none; -1: some.
    int group_state(KindGroup group) const;
    bool operator==(const EventFilter&) const = default;
};

class FilteredLog {
public:
    // Recomputes the rows if the filter or the records changed; cheap otherwise.
    void update(const RecordLog& records, const EventFilter& filter);
    // Record indices (0-based) of the shown events, ascending.
    const std::vector<std::uint32_t>& rows() const { return rows_; }
    // The row of record `index`, or of the first shown record after it.
    std::size_t row_at_or_after(std::size_t index) const;
    // The row showing record `index`, or rows().size() if it is filtered out.
    std::size_t row_of(std::size_t index) const;

private:
    std::vector<std::uint32_t> rows_;
    EventFilter filter_;
    const RecordLog* records_ = nullptr;
    std::size_t records_size_ = 0;
    bool built_ = false;
};

}  // namespace kafkasim::viz
