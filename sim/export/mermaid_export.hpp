// A Mermaid sequenceDiagram of a run, for GitHub/GitLab markdown: one
// participant per actor (producers, brokers, consumers), each delivered
// message an arrow in delivery order (requests solid, replies dashed, lost
// messages ending in a cross), labelled with its time, request and key
// fields; faults, timeouts and monitor findings as notes. Without a window,
// the first ExportSettings::mermaid_messages_max messages; with one, the
// messages delivered in it (at most window_messages_max). A closing note
// says how many were left out.
//
// The log model (model: log): its requests and replies get short labels
// ("append user-42 -> orders-1", "fetch orders-0 @5", "fetch_reply
// orders-0 @5: 3 records", "join_group_reply g1 generation 2: orders-0"),
// and rebalance_start, rebalance_end and member_expired are notes over the
// group's coordinator.
//
// Every text goes through mermaid_text(): Mermaid's grammar gives meaning to
// ';' '#' ':' '<' '>' '%' '"' and more, so those are written as entity codes
// ("#59;"), which Mermaid renders as the character.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "export/export_options.hpp"

namespace kafkasim {

// `text` safe for any Mermaid label: letters, digits, space, non-ASCII
// characters and `.,_-+*/=!?()'@$^~` as they are; every other ASCII
// character as "#<decimal code>;"; controls (C0, DEL, C1) and bytes that are
// not UTF-8 as U+FFFD.
std::string mermaid_text(std::string_view text);

class MermaidExport : public ExportSink {
public:
    static constexpr std::uint64_t window_messages_max = 2000;

    MermaidExport(std::ostream& out, const ExportSettings& settings);

    void begin(const Simulation& initial) override;
    void on_event(std::uint64_t event, const Record& record, const Simulation& state,
                  std::span<const Violation> violations) override;
    void end(const Simulation& final_state, RunStatus status) override;

private:
    std::string participant(ActorId actor) const;
    void note_all(const std::string& text);
    void note_over(ActorId actor, const std::string& text);
    bool arrow(const Record& record, const Simulation& state);

    std::ostream& out_;
    ExportSettings settings_;
    std::vector<ActorId> order_;  // participants, left to right
    std::uint64_t messages_written_ = 0;
    std::uint64_t messages_left_out_ = 0;
};

}  // namespace kafkasim
