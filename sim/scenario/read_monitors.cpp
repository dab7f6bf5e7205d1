// monitors: which continuous checks run (core/monitors.hpp). `all` (the
// default when the key is absent), `none`, or a list of the ones to enable:
// [divergence, lost_ack, stale_read, no_broker]. The list enables exactly
// what it names, so `[]` is the same as `none`.
#include "scenario/sections.hpp"

#include "core/monitors.hpp"

#include <map>

namespace kafkasim::scenario_detail {
namespace {

void set_all(MonitorsSpec& monitors, bool on) {
    monitors.divergence = on;
    monitors.lost_ack = on;
    monitors.stale_read = on;
    monitors.no_broker = on;
}

bool& flag(MonitorsSpec& monitors, MonitorKind kind) {
    switch (kind) {
        case MonitorKind::divergence: return monitors.divergence;
        case MonitorKind::lost_ack: return monitors.lost_ack;
        case MonitorKind::stale_read: return monitors.stale_read;
        case MonitorKind::no_broker: break;
    }
    return monitors.no_broker;
}

}  // namespace

void read_monitors(Reader& reader, const Entry& entry, MonitorsSpec& monitors) {
    std::vector<std::string_view> names;
    for (std::size_t m = 0; m < monitor_kind_count; ++m) names.push_back(monitor_name(static_cast<MonitorKind>(m)));
    if (entry.value.IsScalar() && (entry.value.Scalar() == "all" || entry.value.Scalar() == "none")) {
        set_all(monitors, entry.value.Scalar() == "all");
        return;
    }
    if (!entry.value.IsSequence()) {
        std::string message = "'monitors' must be all, none or a list of monitors such as [divergence, lost_ack], got " +
                              describe(entry.value);
        // `monitors: divergence` most likely means a list of one.
        MonitorKind kind;
        if (entry.value.IsScalar() && parse_monitor_kind(entry.value.Scalar(), kind)) {
            message += " (for one monitor write [" + entry.value.Scalar() + "])";
        }
        reader.error(entry.pos, std::move(message));
        return;
    }
    set_all(monitors, false);
    std::map<std::string, Pos, std::less<>> seen;
    for_each_item(reader, entry, "each monitor", [&](const Entry& item) {
        const auto index = read_keyword_index(reader, item, "monitor", names);
        if (!index) return;
        auto [previous, inserted] = seen.emplace(item.value.Scalar(), item.pos);
        if (!inserted) {
            reader.error(item.pos, "monitor " + quote_for_message(item.value.Scalar()) + " is listed twice (first at line " +
                                       std::to_string(previous->second.line) + ")");
            return;
        }
        flag(monitors, static_cast<MonitorKind>(*index)) = true;
    });
}

}  // namespace kafkasim::scenario_detail
