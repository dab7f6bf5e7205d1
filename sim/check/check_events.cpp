// Checks on what happened and when: events of a kind (from/to an actor) in a
// time window, the monitors' violations, and the trace fingerprint.
#include "check/check_detail.hpp"
#include "report/format.hpp"
#include "report/outputs.hpp"

namespace kafkasim::check_detail {

namespace {

// How many of something fell inside the window, and the first inside and
// outside it: what the actual text of an occurrence check says.
struct Tally {
    std::uint64_t inside = 0;
    std::uint64_t outside = 0;
    std::uint64_t first_inside_event = 0;
    TimeNs first_inside_ns = 0;
    std::uint64_t first_outside_event = 0;
    TimeNs first_outside_ns = 0;
    std::string first_inside_detail;
    std::string first_outside_detail;

    void add(const OccurrenceSpec& occurrence, std::uint64_t event, TimeNs time_ns, std::string_view detail = {}) {
        if (in_window(occurrence, time_ns)) {
            if (inside++ == 0) {
                first_inside_event = event;
                first_inside_ns = time_ns;
                first_inside_detail = detail;
            }
        } else if (outside++ == 0) {
            first_outside_event = event;
            first_outside_ns = time_ns;
            first_outside_detail = detail;
        }
    }
};

std::string at_text(TimeNs time_ns, std::uint64_t event, const std::string& detail) {
    std::string out = " at " + format_duration_ns(time_ns) + " (event " + std::to_string(event) + ")";
    if (!detail.empty()) out += ": " + detail;
    return out;
}

// "2, the first at 4.5ms (event 37)", "none; 3 outside the window, the first
// at 150ms (event 88)", "none".
std::string tally_text(const Tally& tally, const OccurrenceSpec& occurrence) {
    const std::string window = window_text(occurrence);
    if (tally.inside > 0) {
        return std::to_string(tally.inside) + window + ", the first" +
               at_text(tally.first_inside_ns, tally.first_inside_event, tally.first_inside_detail);
    }
    if (tally.outside > 0) {
        return "none" + window + "; " + std::to_string(tally.outside) + " outside, the first" +
               at_text(tally.first_outside_ns, tally.first_outside_event, tally.first_outside_detail);
    }
    return "none";
}

bool monitor_enabled(const MonitorsSpec& monitors, MonitorKind kind) {
    switch (kind) {
        case MonitorKind::divergence: return monitors.divergence;
        case MonitorKind::lost_ack: return monitors.lost_ack;
        case MonitorKind::stale_read: return monitors.stale_read;
        case MonitorKind::no_broker: return monitors.no_broker;
    }
    return false;
}

}  // namespace

ExpectationResult check_event(const ExpectEvent& expect, const Context& context) {
    ExpectationResult result;
    result.expected = expected_text(ExpectationSpec{{}, 0, {}, expect, {}});
    std::optional<ActorId> source, target, actor;
    std::optional<std::string> unknown;
    auto resolve = [&](const std::optional<std::string>& name, std::optional<ActorId>& id) {
        if (!name) return;
        id = context.actor(*name);
        if (!id) unknown = *name;
    };
    resolve(expect.source, source);
    resolve(expect.target, target);
    resolve(expect.actor, actor);
    if (unknown) return {false, result.expected, "no actor named " + quoted(*unknown) + " in the scenario"};
    // Kinds by trace name: "delete" is both delete_topic and delete_message.
    std::vector<bool> kinds(record_kind_count, false);
    for (std::size_t k = 0; k < record_kind_count; ++k) kinds[k] = record_kind_name(static_cast<RecordKind>(k)) == expect.kind;
    Tally tally;
    const auto& records = context.run.records();
    std::uint64_t event = 0;
    for (const Record& record : records) {
        const std::uint64_t number = event++;
        if (!kinds[static_cast<std::size_t>(record.kind)]) continue;
        if (source && record.source != *source) continue;
        if (target && record.target != *target) continue;
        if (actor && record.source != *actor && record.target != *actor) continue;
        tally.add(expect.occurrence, number, record.time_ns);
    }
    result.passed = occurrence_met(expect.occurrence, tally.inside);
    result.actual = tally_text(tally, expect.occurrence);
    return result;
}

ExpectationResult check_violation(const ExpectViolation& expect, const Context& context) {
    ExpectationResult result;
    result.expected = expected_text(ExpectationSpec{{}, 0, {}, expect, {}});
    MonitorKind kind{};
    if (!parse_monitor_kind(expect.monitor, kind)) return {false, result.expected, "no monitor named " + quoted(expect.monitor)};
    if (!monitor_enabled(context.run.spec().monitors, kind)) {
        return {false, result.expected, "the " + expect.monitor + " monitor is off in this scenario (monitors:)"};
    }
    const Monitors& monitors = context.run.monitors();
    Tally tally;
    for (const Violation& violation : monitors.violations()) {
        if (violation.monitor == kind && !violation.healed) tally.add(expect.occurrence, violation.event, violation.time_ns, violation.detail);
    }
    // Only the first kept_per_monitor_max of each monitor are kept; with no
    // window the count covers them all.
    const std::uint64_t total = monitors.count(kind);
    const bool windowed = expect.occurrence.after_ns || expect.occurrence.before_ns;
    if (!windowed) tally.inside = total;
    result.passed = occurrence_met(expect.occurrence, tally.inside);
    result.actual = tally_text(tally, expect.occurrence);
    if (windowed && total > tally.inside + tally.outside) {
        result.actual += " (only the first " + std::to_string(Monitors::kept_per_monitor_max) + " of " +
                         std::to_string(total) + " are kept)";
    }
    return result;
}

ExpectationResult check_fingerprint(const ExpectFingerprint& expect, const Context& context) {
    const std::string actual = format_fingerprint(context.fingerprint);
    return {actual == expect.hex, expect.hex, actual};
}

}  // namespace kafkasim::check_detail
