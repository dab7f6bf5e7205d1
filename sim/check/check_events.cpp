// Checks on what happened and when: events of a kind (from/to an actor) in a
// time window, the monitors' violations, and the trace fingerprint.
#include <cassert>

#include "check/check_detail.hpp"
#include "report/format.hpp"
#include "report/outputs.hpp"

namespace kafkasim::check_detail {

namespace {

using Tally = OccurrenceTally;

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
        case MonitorKind::duplicate_delivery: return monitors.duplicate_delivery;
        case MonitorKind::per_key_order: return monitors.per_key_order;
        case MonitorKind::lag_above: return monitors.lag_above.has_value();  // it needs a threshold
    }
    return false;
}

}  // namespace

ExpectationResult check_event(const ExpectEvent& expect, const Context& context, std::size_t expectation) {
    ExpectationResult result;
    result.expected = expected_text(ExpectationSpec{{}, 0, {}, expect, {}});
    const ExpectationEvidence::EventWatch* watch = context.evidence.event_watch(expectation);
    assert(watch && "the evidence was gathered for another scenario");
    if (watch->unknown) return {false, result.expected, "no actor named " + quoted(*watch->unknown) + " in the scenario"};
    const Tally& tally = watch->tally;
    result.passed = occurrence_met(expect.occurrence, tally.inside);
    result.actual = tally_text(tally, expect.occurrence);
    return result;
}

ExpectationResult check_violation(const ExpectViolation& expect, const Context& context) {
    ExpectationResult result;
    result.expected = expected_text(ExpectationSpec{{}, 0, {}, expect, {}});
    MonitorKind kind{};
    if (!parse_monitor_kind(expect.monitor, kind)) return {false, result.expected, "no monitor named " + quoted(expect.monitor)};
    if (!monitor_applies(kind, context.run.spec().model)) {
        return {false, result.expected,
                "the " + expect.monitor + " monitor watches the " +
                    (context.run.spec().model == BrokerModel::log ? "dictionary model only; this scenario runs `model: log`"
                                                                  : "log model only; this scenario runs the dictionary model")};
    }
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
