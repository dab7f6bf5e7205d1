// See csv_export.hpp.
#include "export/csv_export.hpp"

#include <cassert>
#include <ostream>

#include "core/log_stats.hpp"
#include "export/export_text.hpp"
#include "report/format.hpp"

namespace kafkasim {

namespace {

constexpr const char* broker_columns[] = {"up", "queue_length", "serving", "busy", "requests_arrived",
                                          "requests_served", "requests_rejected", "topics", "messages"};
constexpr const char* producer_columns[] = {"operations", "sent", "acked", "failed", "timeouts", "resent"};
constexpr const char* consumer_columns[] = {"sessions_started", "sessions_completed", "sessions_refused", "sessions_failed",
                                            "claims_refused", "attempts", "consumed", "timeouts", "resent"};
// The log model's consumers add these (the stats JSON's names); partitions
// and groups follow the actors.
constexpr const char* log_consumer_columns[] = {"generation", "assigned", "polls", "fetches", "records_fetched",
                                                "records_consumed", "records_dropped", "commits", "rebalances"};
constexpr const char* group_columns[] = {"generation", "members", "rebalances", "lag"};

// "orders-2" for a global partition.
std::string partition_name(const Simulation& state, std::uint32_t partition) {
    const LogLayout& layout = state.log_model().layout;
    return topic_partition_name(state.strings().text(layout.topic_names[layout.topic_of[partition]]), layout.local(partition));
}

// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string field = "\"";
    for (const char c : text) {
        if (c == '"') field += '"';
        field += c;
    }
    return field + "\"";
}

}  // namespace

CsvExport::CsvExport(std::ostream& out, const ExportSettings& settings) : out_(out), settings_(settings) {
    assert(settings_.sample_ns > 0);
}

void CsvExport::begin(const Simulation& initial) {
    std::string header = "time_us";
    first_column_.clear();
    std::size_t column = 0;
    for (ActorId actor = 0; actor < initial.actor_count(); ++actor) {
        first_column_.push_back(column);
        // Names are the user's: controls become U+FFFD (export_text.hpp).
        const std::string name = printable_text(initial.actor_name(actor));
        auto add = [&](const auto& names) {
            for (const char* suffix : names) {
                header += ',' + csv_field(name + "." + suffix);
                ++column;
            }
        };
        if (initial.is_broker(actor)) {
            add(broker_columns);
        } else if (initial.is_consumer(actor)) {
            add(consumer_columns);
            if (initial.is_log_model()) add(log_consumer_columns);
        } else {
            add(producer_columns);
        }
    }
    first_log_column_ = column;
    if (initial.is_log_model()) {
        const LogModel& model = initial.log_model();
        for (std::uint32_t p = 0; p < model.partitions.size(); ++p) {
            header += ',' + csv_field(printable_text(partition_name(initial, p)) + ".end_offset");
            ++column;
        }
        for (std::size_t g = 0; g < model.groups.size(); ++g) {
            const std::string group = printable_text(initial.strings().text(model.layout.group_names[g]));
            for (const char* suffix : group_columns) {
                header += ',' + csv_field(group + "." + suffix);
                ++column;
            }
            for (const std::uint32_t t : group_topics(initial.spec(), g)) {
                for (std::uint32_t p = 0; p < initial.spec().topics[t].partitions; ++p) {
                    const std::string tp = printable_text(partition_name(initial, model.layout.global(t, p)));
                    header += ',' + csv_field(group + "." + tp + ".committed") + ',' + csv_field(group + "." + tp + ".lag");
                    column += 2;
                }
            }
        }
    }
    values_.assign(column, 0);
    for (ActorId actor = 0; actor < initial.actor_count(); ++actor) update(initial, actor);
    update_log(initial);
    out_ << header << "\r\n";
    // The first sample is the first multiple of the interval in the window.
    const TimeNs from_ns = std::max<TimeNs>(settings_.window.from_ns, initial.now_ns());
    next_sample_ns_ = (from_ns / settings_.sample_ns) * settings_.sample_ns;
    if (next_sample_ns_ < from_ns) next_sample_ns_ += settings_.sample_ns;
}

void CsvExport::update(const Simulation& state, ActorId actor) {
    std::uint64_t* v = &values_[first_column_[actor]];
    if (state.is_broker(actor)) {
        const Broker& broker = state.brokers()[actor];
        std::uint64_t messages = 0;
        for (const Topic& topic : broker.topics) messages += topic.messages.size();
        const std::uint64_t row[] = {broker.up ? 1u : 0u, broker.queue.size(), broker.serving == no_slot ? 0u : 1u,
                                     broker.busy ? 1u : 0u, broker.stats.requests_arrived, broker.stats.requests_served,
                                     broker.stats.requests_rejected, broker.topics.size(), messages};
        std::copy(std::begin(row), std::end(row), v);
    } else if (state.is_consumer(actor)) {
        const std::size_t c = actor - state.brokers().size() - state.producers().size();
        const Consumer& consumer = state.consumers()[c];
        const ConsumerStats& s = consumer.stats;
        // `consumed`: the records a log-model member processed.
        const std::uint64_t consumed = state.is_log_model() ? state.log_model().consumers[c].consumed.size() : consumer.consumed.size();
        const std::uint64_t row[] = {s.sessions_started, s.sessions_completed, s.sessions_refused, s.sessions_failed,
                                     s.claims_refused,   s.attempts,           consumed,           s.timeouts, s.resent};
        std::copy(std::begin(row), std::end(row), v);
        if (state.is_log_model()) {
            const LogConsumer& member = state.log_model().consumers[c];
            const LogConsumerStats& l = member.stats;
            const std::uint64_t log_row[] = {member.generation, member.owned.size(), l.polls,   l.fetches,   l.records_fetched,
                                             l.records_consumed, l.records_dropped,  l.commits, l.rebalances};
            std::copy(std::begin(log_row), std::end(log_row), v + std::size(row));
        }
    } else {
        const ProducerStats& s = state.producers()[actor - state.brokers().size()].stats;
        const std::uint64_t row[] = {s.operations, s.sent, s.acked, s.failed, s.timeouts, s.resent};
        std::copy(std::begin(row), std::end(row), v);
    }
}

void CsvExport::update_log(const Simulation& state) {
    if (!state.is_log_model()) return;
    const LogModel& model = state.log_model();
    std::uint64_t* v = values_.data() + first_log_column_;
    for (const log::PartitionLog& partition : model.partitions) *v++ = partition.end_offset();
    for (std::size_t g = 0; g < model.groups.size(); ++g) {
        const CoordinatedGroup& group = model.groups[g];
        const GroupLag lag = group_lag(state, g);
        *v++ = group.group.generation();
        *v++ = group.members.size();
        *v++ = group.rebalances;
        *v++ = lag.total;
        // group_lag lists the group's partitions in the header's order.
        for (const auto& [p, partition_lag] : lag.partitions) {
            const std::optional<std::uint64_t> committed =
                group.group.committed(log::TopicPartition{model.layout.topic_of[p], model.layout.local(p)});
            *v++ = committed.value_or(0);
            *v++ = partition_lag;
        }
    }
    assert(v == values_.data() + values_.size());
}

void CsvExport::write_row(TimeNs time_ns) {
    if (!error_.empty()) return;
    if (rows_ >= rows_max) {
        error_ = "more than " + std::to_string(rows_max) + " rows at one every " + format_duration_ns(settings_.sample_ns) +
                 ": choose a longer --sample or a --export-window";
        return;
    }
    ++rows_;
    last_row_ns_ = time_ns;
    line_.clear();
    append_time_us(line_, time_ns);
    for (const std::uint64_t value : values_) {
        line_ += ',';
        append_unsigned(line_, value);
    }
    line_ += "\r\n";
    out_ << line_;
}

// Rows for the samples before `time_ns`: the state they show is the one
// after the previous event.
void CsvExport::rows_before(TimeNs time_ns) {
    while (!samples_done_ && error_.empty() && next_sample_ns_ < time_ns) {
        if (next_sample_ns_ > settings_.window.to_ns) {
            samples_done_ = true;
            break;
        }
        write_row(next_sample_ns_);
        if (next_sample_ns_ > time_max_ns - settings_.sample_ns) {
            samples_done_ = true;
            break;
        }
        next_sample_ns_ += settings_.sample_ns;
    }
}

void CsvExport::on_event(std::uint64_t event, const Record& record, const Simulation& state,
                         std::span<const Violation> violations) {
    (void)event;
    (void)violations;
    rows_before(record.time_ns);
    // Only the actors an event names change (a crash also names the holder).
    for (const ActorId actor : {ActorId{record.source}, ActorId{record.target}, ActorId{record.holder}}) {  // (Record packs them in bit-fields)
        if (actor != no_actor && actor < state.actor_count()) update(state, actor);
    }
    // Partitions and groups change with the records that append, commit,
    // change membership or lose logs.
    switch (record.kind) {
        case RecordKind::appended:
        case RecordKind::offset_committed:
        case RecordKind::crash:
        case RecordKind::restart:
        case RecordKind::rebalance_start:
        case RecordKind::rebalance_end:
        case RecordKind::member_joined:
        case RecordKind::member_left:
        case RecordKind::member_expired: update_log(state); break;
        default: break;
    }
}

void CsvExport::end(const Simulation& final_state, RunStatus status) {
    (void)status;
    for (ActorId actor = 0; actor < final_state.actor_count(); ++actor) update(final_state, actor);
    update_log(final_state);
    const TimeNs end_ns = final_state.end_time_ns();
    // Samples up to and including the end, then the end itself.
    if (end_ns < time_max_ns) rows_before(end_ns + 1);
    if (last_row_ns_ != end_ns && settings_.window.contains(end_ns)) write_row(end_ns);
    out_.flush();
}

}  // namespace kafkasim
