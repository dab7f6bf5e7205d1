// monitors: which continuous checks run (core/monitors.hpp). `all` (the
// default when the key is absent), `none`, or a list of the ones to enable:
// the dictionary model's [divergence, lost_ack, stale_read, no_broker], the
// log model's [lost_ack, duplicate_delivery, per_key_order, {lag_above: N}].
// The list enables exactly what it names, so `[]` is the same as `none`.
// lag_above needs its threshold, so `all` leaves it off. A monitor of the
// other model is an error: it would watch nothing.
#include "scenario/sections.hpp"

#include "core/monitors.hpp"
#include "scenario/log_words.hpp"

#include <limits>
#include <map>

namespace kafkasim::scenario_detail {
namespace {

void set_all(MonitorsSpec& monitors, bool on) {
    monitors.divergence = on;
    monitors.lost_ack = on;
    monitors.stale_read = on;
    monitors.no_broker = on;
    monitors.duplicate_delivery = on;
    monitors.per_key_order = on;
    monitors.lag_above.reset();
}

enum class Models : std::uint8_t { dictionary, log, both };

struct MonitorWord {
    std::string_view name;
    Models models;
    bool MonitorsSpec::*flag;
};

std::vector<MonitorWord> monitor_words() {
    return {
        {monitor_name(MonitorKind::divergence), Models::dictionary, &MonitorsSpec::divergence},
        {monitor_name(MonitorKind::lost_ack), Models::both, &MonitorsSpec::lost_ack},
        {monitor_name(MonitorKind::stale_read), Models::dictionary, &MonitorsSpec::stale_read},
        {monitor_name(MonitorKind::no_broker), Models::dictionary, &MonitorsSpec::no_broker},
        {duplicate_delivery_name, Models::log, &MonitorsSpec::duplicate_delivery},
        {per_key_order_name, Models::log, &MonitorsSpec::per_key_order},
        {lag_above_name, Models::log, nullptr},
    };
}

// The monitor's model is not the scenario's: "" when it is.
std::string model_problem(std::string_view name, Models models, const Draft& draft) {
    if (models == Models::both || (models == Models::log) == draft.log_model()) return {};
    if (models == Models::log) return "monitor " + quote_for_message(name) + " watches the log model: it needs `model: log`";
    return "monitor " + quote_for_message(name) + " watches the dictionary model, not `model: log`";
}

// {lag_above: N}: a group's total lag above N records.
void read_lag_above(Reader& reader, const Entry& item, const Draft& draft, MonitorsSpec& monitors) {
    const KeyRule rules[] = {
        {lag_above_name, true,
         [&](const Entry& e) {
             if (std::string problem = model_problem(lag_above_name, Models::log, draft); !problem.empty()) {
                 reader.error(e.key_pos, std::move(problem));
                 return;
             }
             monitors.lag_above = read_integer(reader, e, 0, std::numeric_limits<std::uint64_t>::max());
         }},
    };
    read_mapping(reader, item, "monitor", rules);
}

}  // namespace

void read_monitors(Reader& reader, const Entry& entry, const Draft& draft, MonitorsSpec& monitors) {
    const std::vector<MonitorWord> words = monitor_words();
    std::vector<std::string_view> names;
    for (const MonitorWord& word : words) names.push_back(word.name);
    if (entry.value.IsScalar() && (entry.value.Scalar() == "all" || entry.value.Scalar() == "none")) {
        set_all(monitors, entry.value.Scalar() == "all");
        return;
    }
    if (!entry.value.IsSequence()) {
        std::string message = "'monitors' must be all, none or a list of monitors such as [divergence, lost_ack], got " +
                              describe(entry.value);
        // `monitors: divergence` most likely means a list of one.
        if (entry.value.IsScalar() && std::find(names.begin(), names.end(), entry.value.Scalar()) != names.end()) {
            message += " (for one monitor write [" + entry.value.Scalar() + "])";
        }
        reader.error(entry.pos, std::move(message));
        return;
    }
    set_all(monitors, false);
    std::map<std::string, Pos, std::less<>> seen;
    for_each_item(reader, entry, "each monitor", [&](const Entry& item) {
        if (item.value.IsMap()) {
            read_lag_above(reader, item, draft, monitors);
            return;
        }
        const auto index = read_keyword_index(reader, item, "monitor", names);
        if (!index) return;
        const MonitorWord& word = words[*index];
        if (std::string problem = model_problem(word.name, word.models, draft); !problem.empty()) {
            reader.error(item.pos, std::move(problem));
            return;
        }
        if (!word.flag) {
            reader.error(item.pos, "monitor 'lag_above' needs its threshold: write {lag_above: 100} (a group's total "
                                   "lag above 100 records)");
            return;
        }
        auto [previous, inserted] = seen.emplace(item.value.Scalar(), item.pos);
        if (!inserted) {
            reader.error(item.pos, "monitor " + quote_for_message(item.value.Scalar()) + " is listed twice (first at line " +
                                       std::to_string(previous->second.line) + ")");
            return;
        }
        monitors.*word.flag = true;
    });
}

}  // namespace kafkasim::scenario_detail
