// The Over time panel: for each broker, a Gantt-style bar of busy (coloured
// by the consumer holding it), idle and down time, and its queue length as a bar
// chart; in the log model, first each consumer group's lag as bars (records
// appended and not committed, model/lag_history), along the whole run or a window around the cursor, with the cursor
// as a vertical line. Click or drag to seek. The data was computed once
// (model/broker_history); each pixel column is summarized by sample_columns,
// and only when the window or the width changes.
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "core/time_math.hpp"
#include "report/format.hpp"
#include "ui/app.hpp"
#include "ui/widgets.hpp"

namespace kafkasim::viz {

namespace {

// A 1-2-5 step giving about `target` ticks over the span.
TimeNs tick_step_ns(TimeNs span_ns, int target) {
    const double raw = static_cast<double>(std::max<TimeNs>(span_ns, 1)) / std::max(target, 1);
    const double decade = std::pow(10.0, std::floor(std::log10(raw)));
    double step = decade;
    for (const double factor : {1.0, 2.0, 5.0, 10.0}) {
        step = decade * factor;
        if (step >= raw) break;
    }
    return std::max<TimeNs>(static_cast<TimeNs>(step), 1);
}

}  // namespace

void VizApp::draw_over_time(const PanelRect& rect) {
    window_begin("Over time", rect, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    draw_over_time_chart();
    ImGui::End();
}

void VizApp::draw_over_time_chart() {
    const Simulation& state = *state_;
    const float unit = ImGui::GetFontSize();
    const TimeNs run_end_ns = std::max<TimeNs>(history_.end_ns, 1);

    // Controls and legend.
    int mode = ui_.over_time_zoom ? 1 : 0;
    ImGui::RadioButton("Whole run", &mode, 0);
    ImGui::SameLine();
    ImGui::RadioButton("Around the cursor", &mode, 1);
    ui_.over_time_zoom = mode == 1;
    if (ui_.over_time_zoom) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(unit * 5);
        const double span_min = 1e3;
        const double span_max = std::max(static_cast<double>(run_end_ns), 2e3);
        ui_.over_time_span_ns = std::clamp(ui_.over_time_span_ns, span_min, span_max);
        ImGui::SliderScalar("##span", ImGuiDataType_Double, &ui_.over_time_span_ns, &span_min, &span_max, "",
                            ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_NoInput);
        ImGui::SameLine();
        value_slot(rounded_label(ui_.over_time_span_ns) + " wide", ImGui::CalcTextSize("888Âµs wide").x);
    }
    ImGui::SameLine(0, unit * 1.5f);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    const auto legend_box = [&](ImU32 colour, std::string_view label) {
        const float size = unit * 0.75f;
        // Wrap to a new line rather than run past the panel.
        const float width = size + 3 + ImGui::CalcTextSize(label.data(), label.data() + label.size()).x;
        if (ImGui::GetCursorScreenPos().x + width > right_edge) ImGui::NewLine();
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float y = p.y + (ImGui::GetFrameHeight() - size) * 0.5f;
        draw->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + size, y + size), colour, 2.0f);
        ImGui::Dummy(ImVec2(size, ImGui::GetFrameHeight()));
        ImGui::SameLine(0, 3);
        ImGui::AlignTextToFramePadding();
        text_dim(label);
        ImGui::SameLine(0, unit * 0.8f);
    };
    const bool log_model = state.is_log_model();
    if (log_model) {
        // Brokers are never held in the log model: many consumers read one at once.
        legend_box(colors::lag, "group lag");
        legend_box(with_alpha(colors::idle, 0.35f), "up");
    } else {
        legend_box(with_alpha(colors::idle, 0.35f), "idle");
        ImGui::AlignTextToFramePadding();
        text_dim("held by");
        ImGui::SameLine(0, unit * 0.4f);
    }
    // One box per consumer while that stays a legend; beyond, the tooltip names the holder.
    constexpr std::size_t consumers_in_legend_max = 8;
    if (log_model) {
    } else if (state.consumers().size() <= consumers_in_legend_max) {
        for (std::size_t c = 0; c < state.consumers().size(); ++c) {
            const ActorId actor = state.consumer_actor(c);
            legend_box(actor_colour(state, actor), state.actor_name(actor));
        }
    } else {
        ImGui::AlignTextToFramePadding();
        text_dim("a consumer");
        ImGui::SameLine(0, unit * 0.8f);
    }
    legend_box(colors::queue_fill, "queue");
    legend_box(colors::down, "down");
    // The network faults of the run, one lane each above the brokers.
    std::vector<std::size_t> fault_lanes;  // fault index per lane
    for (const FaultSpan& span : fault_spans_) {
        if (std::find(fault_lanes.begin(), fault_lanes.end(), span.fault) == fault_lanes.end()) fault_lanes.push_back(span.fault);
    }
    const auto fault_colour = [&](std::size_t fault) {
        const FaultSpec::Kind kind = run_->spec().faults[fault].kind;
        return kind == FaultSpec::Kind::partition ? colors::fault_cut : kind == FaultSpec::Kind::slow ? colors::fault_slow : colors::fault_drop;
    };
    bool has[3] = {false, false, false};
    for (const std::size_t fault : fault_lanes) {
        const FaultSpec::Kind kind = run_->spec().faults[fault].kind;
        has[kind == FaultSpec::Kind::partition ? 0 : kind == FaultSpec::Kind::slow ? 1 : 2] = true;
    }
    if (has[0]) legend_box(colors::fault_cut, "partition");
    if (has[1]) legend_box(colors::fault_slow, "slow");
    if (has[2]) legend_box(colors::fault_drop, "lossy");
    ImGui::NewLine();

    // The window of time shown.
    TimeNs begin_ns = 0;
    TimeNs end_ns = run_end_ns;
    if (ui_.over_time_zoom) {
        const TimeNs span_ns = static_cast<TimeNs>(ui_.over_time_span_ns);
        begin_ns = std::max<TimeNs>(ui_.playback.clock_ns - span_ns / 2, 0);
        end_ns = saturating_add_time(begin_ns, std::max<TimeNs>(span_ns, 1));  // near the end of time: no wrap
    }

    // Geometry: a label column, then per broker a busy lane and a queue lane; the time axis below.
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const float label_width = unit * 2.6f;
    const float fault_lane_height = unit * 1.2f;
    const float lag_lane_height = unit * 2.4f;
    const std::size_t groups = history_.groups.size();
    const float lags_height = static_cast<float>(groups) * (lag_lane_height + 3);
    const float faults_height = static_cast<float>(fault_lanes.size()) * (fault_lane_height + 2) + lags_height;
    const float axis_height = ImGui::GetTextLineHeightWithSpacing() + 4;
    const float plot_x = origin.x + label_width;
    const float plot_width = std::max(area.x - label_width - unit * 0.5f, 10.0f);
    const std::size_t brokers = history_.brokers.size();
    const float broker_height = std::max((area.y - axis_height - faults_height) / static_cast<float>(std::max<std::size_t>(brokers, 1)), unit * 2.5f);
    const float busy_height = unit * 1.1f;
    const int columns = static_cast<int>(plot_width);

    if (chart_.begin_ns != begin_ns || chart_.end_ns != end_ns || chart_.columns != columns || chart_.brokers.size() != brokers ||
        chart_.lags.size() != groups) {
        chart_.begin_ns = begin_ns;
        chart_.end_ns = end_ns;
        chart_.columns = columns;
        chart_.brokers.resize(brokers);
        for (std::size_t b = 0; b < brokers; ++b) sample_columns(history_.brokers[b], begin_ns, end_ns, columns, chart_.brokers[b]);
        chart_.lags.resize(groups);
        for (std::size_t g = 0; g < groups; ++g) sample_lag_columns(history_.groups[g], begin_ns, end_ns, columns, chart_.lags[g]);
    }
    const auto x_of = [&](TimeNs t) {
        return plot_x + static_cast<float>(static_cast<double>(t - begin_ns) / static_cast<double>(end_ns - begin_ns)) * plot_width;
    };

    // Fault lanes: when each network fault was in force (from its fault_start/fault_end records).
    const float faults_top = origin.y;
    for (std::size_t lane = 0; lane < fault_lanes.size(); ++lane) {
        const float lane_top = faults_top + static_cast<float>(lane) * (fault_lane_height + 2);
        const std::size_t fault = fault_lanes[lane];
        ImGui::PushFont(fonts_.small);
        const FaultSpec::Kind kind = run_->spec().faults[fault].kind;
        draw->AddText(ImVec2(origin.x, lane_top + 1), fault_colour(fault),
                      kind == FaultSpec::Kind::partition ? "cut" : kind == FaultSpec::Kind::slow ? "slow" : "drop");
        for (const FaultSpan& span : fault_spans_) {
            if (span.fault != fault || span.end_ns < begin_ns || span.begin_ns > end_ns) continue;
            const float x0 = std::max(x_of(span.begin_ns), plot_x);
            const float x1 = std::max(std::min(x_of(span.end_ns), plot_x + plot_width), x0 + 2);
            draw->AddRectFilled(ImVec2(x0, lane_top), ImVec2(x1, lane_top + fault_lane_height), with_alpha(fault_colour(fault), 0.30f), 2.0f);
            draw->AddRect(ImVec2(x0, lane_top), ImVec2(x1, lane_top + fault_lane_height), fault_colour(fault), 2.0f);
            std::string words = describe(run_->records()[span.start_event], state);
            const std::string begins = " begins";
            if (words.size() > begins.size() && words.compare(words.size() - begins.size(), begins.size(), begins) == 0) {
                words.erase(words.size() - begins.size());
            }
            const std::string shown = fit_text(words, x1 - x0 - 6);
            if (x1 - x0 > unit * 2) draw->AddText(ImVec2(x0 + 3, lane_top + 1), colors::text, shown.c_str());
        }
        ImGui::PopFont();
    }
    // Lag lanes: one per group, bars scaled to the group's largest lag over the run.
    const float lags_top = faults_top + faults_height - lags_height;
    for (std::size_t g = 0; g < groups; ++g) {
        const float lane_top = lags_top + static_cast<float>(g) * (lag_lane_height + 3);
        const float lane_bottom = lane_top + lag_lane_height;
        const GroupLagHistory& lag_history = history_.groups[g];
        const std::string name = state.strings().text(state.log_model().layout.group_names[g]);
        ImGui::PushFont(fonts_.bold);
        draw->AddText(ImVec2(origin.x, lane_top), colors::text, display_text(name).c_str());
        ImGui::PopFont();
        ImGui::PushFont(fonts_.small);
        draw->AddText(ImVec2(origin.x, lane_top + unit), colors::text_dim, "lag");
        draw->AddRectFilled(ImVec2(plot_x, lane_top), ImVec2(plot_x + plot_width, lane_bottom), IM_COL32(255, 255, 255, 255));
        draw->AddRect(ImVec2(plot_x, lane_top), ImVec2(plot_x + plot_width, lane_bottom), colors::panel_line);
        const double scale = static_cast<double>(std::max<std::uint64_t>(lag_history.lag_max, 1));
        const auto& sampled = chart_.lags[g];
        int run_start = 0;
        std::uint64_t run_value = 0;
        for (int c = 0; c <= columns; ++c) {
            const std::uint64_t value = c < columns ? sampled[static_cast<std::size_t>(c)] : ~std::uint64_t{0};
            if (c == columns || value != run_value) {
                if (run_value > 0 && c > run_start) {
                    const float bar = (lag_lane_height - 2) * static_cast<float>(static_cast<double>(run_value) / scale);
                    draw->AddRectFilled(ImVec2(plot_x + run_start, lane_bottom - 1 - bar), ImVec2(plot_x + c, lane_bottom - 1), with_alpha(colors::lag, 0.8f));
                }
                run_start = c;
                run_value = value;
            }
        }
        // The scale, and the lag under the cursor.
        draw->AddText(ImVec2(plot_x + 3, lane_top + 1), colors::text_dim, ("max " + std::to_string(lag_history.lag_max)).c_str());
        const std::string now = "now " + std::to_string(lag_at(lag_history, ui_.playback.clock_ns));
        const float now_width = ImGui::CalcTextSize(now.c_str()).x;
        draw->AddText(ImVec2(plot_x + plot_width - now_width - 3, lane_top + 1), colors::lag, now.c_str());
        ImGui::PopFont();
    }
    for (std::size_t b = 0; b < brokers; ++b) {
        const float lane_top = origin.y + faults_height + broker_height * static_cast<float>(b);
        const float busy_top = lane_top + 2;
        const float queue_top = busy_top + busy_height + 3;
        const float queue_bottom = lane_top + broker_height - 6;
        const float queue_height = std::max(queue_bottom - queue_top, 4.0f);
        const auto& sampled = chart_.brokers[b];
        ImGui::PushFont(fonts_.bold);
        draw->AddText(ImVec2(origin.x, busy_top), colors::text, display_text(state.actor_name(state.broker_actor(b))).c_str());
        ImGui::PopFont();
        draw->AddRectFilled(ImVec2(plot_x, busy_top), ImVec2(plot_x + plot_width, busy_top + busy_height), with_alpha(colors::idle, 0.35f));
        draw->AddRectFilled(ImVec2(plot_x, queue_top), ImVec2(plot_x + plot_width, queue_bottom), IM_COL32(255, 255, 255, 255));
        draw->AddRect(ImVec2(plot_x, queue_top), ImVec2(plot_x + plot_width, queue_bottom), colors::panel_line);

        // Busy: runs of columns with the same colour become one rectangle.
        std::uint32_t queue_scale = 1;
        for (const HistoryColumn& column : sampled) queue_scale = std::max(queue_scale, column.queue_length_max);
        int run_start = 0;
        ImU32 run_colour = 0;
        const auto colour_of = [&](const HistoryColumn& column) -> ImU32 {
            // Down outweighs held: a crash is what the chart must not hide.
            if (column.down_fraction > 0 && column.down_fraction >= column.busy_fraction) {
                return with_alpha(colors::down, 0.35f + 0.65f * column.down_fraction);
            }
            if (column.busy_fraction <= 0) return 0;
            return with_alpha(actor_colour(state, column.main_holder), 0.35f + 0.65f * column.busy_fraction);
        };
        for (int c = 0; c <= columns; ++c) {
            const ImU32 colour = c < columns ? colour_of(sampled[static_cast<std::size_t>(c)]) : 0xFFFFFFFFu;
            if (c == columns || colour != run_colour) {
                if (run_colour != 0 && c > run_start) {
                    draw->AddRectFilled(ImVec2(plot_x + run_start, busy_top), ImVec2(plot_x + c, busy_top + busy_height), run_colour);
                }
                run_start = c;
                run_colour = colour;
            }
        }
        // Queue length: bars, merged the same way.
        run_start = 0;
        std::uint32_t run_length = 0;
        for (int c = 0; c <= columns; ++c) {
            const std::uint32_t length = c < columns ? sampled[static_cast<std::size_t>(c)].queue_length_max : 0xFFFFFFFFu;
            if (c == columns || length != run_length) {
                if (run_length > 0 && c > run_start) {
                    const float bar = queue_height * static_cast<float>(run_length) / static_cast<float>(queue_scale);
                    draw->AddRectFilled(ImVec2(plot_x + run_start, queue_bottom - bar), ImVec2(plot_x + c, queue_bottom), colors::queue_fill);
                }
                run_start = c;
                run_length = length;
            }
        }
        ImGui::PushFont(fonts_.small);
        draw->AddText(ImVec2(origin.x, queue_top), colors::text_dim, "queue");
        draw->AddText(ImVec2(plot_x + 3, queue_top + 1), colors::text_dim, std::to_string(queue_scale).c_str());
        ImGui::PopFont();
    }

    // Time axis.
    const float axis_y = origin.y + faults_height + broker_height * static_cast<float>(brokers);
    draw->AddLine(ImVec2(plot_x, axis_y), ImVec2(plot_x + plot_width, axis_y), colors::panel_line);
    const TimeNs step_ns = tick_step_ns(end_ns - begin_ns, std::max(static_cast<int>(plot_width / (unit * 6)), 2));
    ImGui::PushFont(fonts_.small);
    // Checked steps: an axis that ends near time_max_ns must not wrap around.
    const std::optional<TimeNs> first_tick_ns = checked_add_time(begin_ns, step_ns - 1);
    for (std::optional<TimeNs> tick = first_tick_ns ? std::optional<TimeNs>(*first_tick_ns / step_ns * step_ns) : std::nullopt;
         tick && *tick <= end_ns; tick = checked_add_time(*tick, step_ns)) {
        const TimeNs t = *tick;
        const float x = x_of(t);
        draw->AddLine(ImVec2(x, axis_y), ImVec2(x, axis_y + 4), colors::text_dim);
        const std::string label = time_label(t);
        const float width = ImGui::CalcTextSize(label.c_str()).x;
        draw->AddText(ImVec2(std::min(x - width * 0.5f, plot_x + plot_width - width), axis_y + 4), colors::text_dim, label.c_str());
    }
    ImGui::PopFont();

    // The cursor.
    const TimeNs clock_ns = ui_.playback.clock_ns;
    if (clock_ns >= begin_ns && clock_ns <= end_ns) {
        const float x = x_of(clock_ns);
        draw->AddLine(ImVec2(x, origin.y), ImVec2(x, axis_y), colors::cursor, 2.0f);
        draw->AddTriangleFilled(ImVec2(x - 5, origin.y - 1), ImVec2(x + 5, origin.y - 1), ImVec2(x, origin.y + 6), colors::cursor);
    }

    // Click or drag to seek; hover for the values.
    ImGui::SetCursorScreenPos(ImVec2(plot_x, origin.y));
    ImGui::InvisibleButton("chart", ImVec2(plot_width, std::max(axis_y - origin.y, 1.0f)));
    if (ImGui::IsItemHovered() || ImGui::IsItemActive()) {
        const float mouse_x = std::clamp(ImGui::GetIO().MousePos.x, plot_x, plot_x + plot_width);
        const TimeNs t = begin_ns + static_cast<TimeNs>(static_cast<double>(mouse_x - plot_x) / plot_width * static_cast<double>(end_ns - begin_ns));
        if (ImGui::IsItemActive() && !ui_.over_time_zoom) {
            ui_.playback.playing = false;
            seek_time_to(t);
        } else if (ImGui::IsItemClicked()) {
            ui_.playback.playing = false;
            seek_time_to(t);
        }
        ImGui::BeginTooltip();
        text("t = " + instant_label(t));
        for (std::size_t b = 0; b < brokers; ++b) {
            const BrokerAt at = broker_at(history_.brokers[b], t);
            text(std::string(state.actor_name(state.broker_actor(b))) + ": " +
                 (at.down ? std::string("down") : at.busy ? "busy (" + std::string(state.actor_name(at.holder)) + ")" : std::string("idle")) + ", queue " +
                 std::to_string(at.queue_length));
        }
        for (std::size_t g = 0; g < groups; ++g) {
            text_coloured(colors::lag, state.strings().text(state.log_model().layout.group_names[g]) + " lag " +
                                           std::to_string(lag_at(history_.groups[g], t)));
        }
        for (const FaultSpan& span : fault_spans_) {
            if (span.begin_ns <= t && t < span.end_ns) text_coloured(fault_colour(span.fault), describe(run_->records()[span.start_event], state));
        }
        ImGui::EndTooltip();
    }
}

}  // namespace kafkasim::viz
