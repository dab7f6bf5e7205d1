// A CSV time series of a run, for spreadsheets and pandas: one header row,
// then one row every ExportSettings::sample_ns of simulated time (the state
// after every event at or before that instant), and a last row at the run's
// end time, whose counters are the stats JSON's. Columns: time_us, then per
// broker NAME.up, .queue_length, .serving, .busy, .requests_arrived,
// .requests_served, .requests_rejected, .topics, .messages; per producer
// .operations, .sent, .acked, .failed, .timeouts, .resent; per consumer
// .sessions_started, .sessions_completed, .sessions_refused,
// .sessions_failed, .claims_refused, .attempts, .consumed, .timeouts,
// .resent, and in the log model (model: log) also .generation, .assigned
// (partitions owned), .polls, .fetches, .records_fetched,
// .records_consumed, .records_dropped, .commits, .rebalances (.consumed:
// the records it processed); then per partition TOPIC-N.end_offset, per
// group GROUP.generation, .members, .rebalances, .lag and per partition of
// its topics GROUP.TOPIC-N.committed (0 before any commit) and
// GROUP.TOPIC-N.lag, as the stats JSON counts them (names with controls or bytes that are not UTF-8 are shown with
// U+FFFD, as everywhere text meets a program that reads it). With a window, only the rows inside it. At most rows_max rows:
// beyond, the export stops and error() says so.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "export/export_options.hpp"

namespace kafkasim {

class CsvExport : public ExportSink {
public:
    static constexpr std::uint64_t rows_max = 1'000'000;

    CsvExport(std::ostream& out, const ExportSettings& settings);

    void begin(const Simulation& initial) override;
    void on_event(std::uint64_t event, const Record& record, const Simulation& state,
                  std::span<const Violation> violations) override;
    void end(const Simulation& final_state, RunStatus status) override;
    std::string error() const override { return error_; }

private:
    void update(const Simulation& state, ActorId actor);
    void update_log(const Simulation& state);  // partitions and groups (log model)
    void write_row(TimeNs time_ns);
    void rows_before(TimeNs time_ns);

    std::ostream& out_;
    ExportSettings settings_;
    std::vector<std::size_t> first_column_;  // per actor: its first value's position
    std::vector<std::uint64_t> values_;      // the state after the last event
    std::size_t first_log_column_ = 0;       // the partitions' and groups' first value
    TimeNs next_sample_ns_ = 0;
    bool samples_done_ = false;
    TimeNs last_row_ns_ = -1;
    std::uint64_t rows_ = 0;
    std::string error_;
    std::string line_;
};

}  // namespace kafkasim
