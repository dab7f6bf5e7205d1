// The stats JSON. Field names are a documented interface (README): graders'
// scripts parse them. Add fields; never rename or remove one.
#include <cassert>

#include "core/stats.hpp"
#include "report/outputs.hpp"

namespace kafkasim {

namespace {

JsonValue us(TimeNs time_ns) {
    return time_ns % ns_per_us == 0 ? JsonValue::integer(time_ns / ns_per_us) : JsonValue::number(static_cast<double>(time_ns) / ns_per_us, 3);
}

JsonValue count(std::uint64_t value) { return JsonValue::integer(static_cast<std::int64_t>(value)); }

JsonValue dictionary(const Broker& broker, const StringTable& strings) {
    JsonValue topics = JsonValue::object();
    for (const Topic& topic : broker.topics) {
        JsonValue& list = topics.set(strings.text(topic.name), JsonValue::array());
        for (const StringId text : topic.messages) list.push(JsonValue::string(strings.text(text)));
    }
    return topics;
}

}  // namespace

std::string_view run_status_name(RunStatus status) {
    switch (status) {
        case RunStatus::finished: return "finished";
        case RunStatus::until_reached: return "until_reached";
        case RunStatus::event_limit: return "event_limit";
        case RunStatus::time_limit: return "time_limit";
    }
    return "?";
}

JsonValue stats_json(const FinishedRun& run) { return stats_json(run.spec(), run.final_state(), run.status(), &run.monitors()); }

JsonValue stats_json(const ScenarioSpec& spec, const Simulation& s, RunStatus status, const Monitors* monitors) {
    const StringTable& strings = s.strings();
    JsonValue root = JsonValue::object();
    root.set("scenario", JsonValue::string(spec.name));
    root.set("seed", JsonValue::unsigned_integer(spec.seed));
    root.set("end_time_us", us(s.end_time_ns()));
    root.set("events", count(s.events_processed()));
    root.set("status", JsonValue::string(run_status_name(status)));

    JsonValue& brokers = root.set("brokers", JsonValue::object());
    for (std::size_t b = 0; b < s.brokers().size(); ++b) {
        const Broker& broker = s.brokers()[b];
        const BrokerMetrics metrics = broker_metrics(s, b);
        JsonValue& out = brokers.set(spec.brokers[b].name, JsonValue::object());
        out.set("up", JsonValue::boolean(broker.up));
        out.set("busy", JsonValue::boolean(broker.busy));
        out.set("holder", broker.holder == no_actor ? JsonValue() : JsonValue::string(s.actor_name(broker.holder)));
        out.set("topics", dictionary(broker, strings));
        out.set("requests_arrived", count(broker.stats.requests_arrived));
        out.set("requests_served", count(broker.stats.requests_served));
        out.set("requests_rejected", count(broker.stats.requests_rejected));
        out.set("utilization", JsonValue::number(metrics.utilization, 6));
        out.set("queue_wait_mean_us", JsonValue::number(metrics.queue_wait_mean_us, 3));
        out.set("response_time_mean_us", JsonValue::number(metrics.response_time_mean_us, 3));
        out.set("queue_length_mean", JsonValue::number(metrics.queue_length_mean, 6));
        out.set("queue_length_max", count(broker.stats.queue_length_max));
        out.set("held_fraction", JsonValue::number(metrics.held_fraction, 6));
    }

    JsonValue& producers = root.set("producers", JsonValue::object());
    for (std::size_t p = 0; p < s.producers().size(); ++p) {
        const ProducerStats& stats = s.producers()[p].stats;
        JsonValue& out = producers.set(spec.producers[p].name, JsonValue::object());
        out.set("operations", count(stats.operations));
        out.set("sent", count(stats.sent));
        out.set("acked", count(stats.acked));
        out.set("failed", count(stats.failed));
        out.set("timeouts", count(stats.timeouts));
        out.set("resent", count(stats.resent));
        out.set("ack_latency_mean_us", JsonValue::number(producer_metrics(s, p).ack_latency_mean_us, 3));
    }

    JsonValue& consumers = root.set("consumers", JsonValue::object());
    for (std::size_t c = 0; c < s.consumers().size(); ++c) {
        const Consumer& consumer = s.consumers()[c];
        const ConsumerStats& stats = consumer.stats;
        JsonValue& out = consumers.set(spec.consumers[c].name, JsonValue::object());
        out.set("sessions_started", count(stats.sessions_started));
        out.set("sessions_completed", count(stats.sessions_completed));
        out.set("sessions_refused", count(stats.sessions_refused));
        out.set("sessions_failed", count(stats.sessions_failed));
        out.set("claims_refused", count(stats.claims_refused));
        out.set("attempts", count(stats.attempts));
        out.set("timeouts", count(stats.timeouts));
        out.set("resent", count(stats.resent));
        out.set("stage", JsonValue::string(stage_name(consumer.stage)));
        JsonValue& consumed = out.set("consumed", JsonValue::array());
        for (const Consumption& item : consumer.consumed) {
            JsonValue& entry = consumed.push(JsonValue::object());
            entry.set("time_us", us(item.time_ns));
            entry.set("broker", JsonValue::string(s.actor_name(item.broker)));
            entry.set("topic", JsonValue::string(strings.text(item.topic)));
            entry.set("index", JsonValue::integer(item.index));
            entry.set("message", JsonValue::string(strings.text(item.text)));
        }
    }
    if (monitors) {
        JsonValue& counts = root.set("violation_counts", JsonValue::object());
        for (std::size_t m = 0; m < monitor_kind_count; ++m) {
            const auto kind = static_cast<MonitorKind>(m);
            counts.set(monitor_name(kind), count(monitors->count(kind)));
        }
        JsonValue& list = root.set("violations", JsonValue::array());
        for (const Violation& violation : monitors->violations()) {
            JsonValue& entry = list.push(JsonValue::object());
            entry.set("monitor", JsonValue::string(monitor_name(violation.monitor)));
            entry.set("healed", JsonValue::boolean(violation.healed));
            entry.set("event", count(violation.event));
            entry.set("time_us", us(violation.time_ns));
            entry.set("detail", JsonValue::string(violation.detail));
        }
    }
    return root;
}

}  // namespace kafkasim
