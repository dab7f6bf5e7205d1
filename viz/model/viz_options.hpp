// kafkasim-viz's command line, parsed into plain values (tested without a
// window). Exit codes follow the CLI: 0 ok, 2 bad usage, bad scenario or no
// display.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/spec.hpp"

namespace kafkasim::viz {

constexpr int exit_ok = 0;
constexpr int exit_bad_input = 2;

struct VizOptions {
    std::string scenario;                 // empty: the built-in default scenario
    std::optional<std::uint64_t> seed;
    std::string screenshot_path;          // set: render once, write a PNG, exit
    std::optional<TimeNs> at_ns;          // start (or screenshot) at this simulated time
    std::optional<std::uint64_t> event;   // ... or after this many events
    int width = 1600;
    int height = 900;
    std::optional<TimeNs> speed_ns_per_s; // simulated time per wall second
    bool play = false;                    // start playing
    std::uint64_t bench_frames = 0;       // play this many frames without vsync, print frame times, exit
    std::uint64_t max_events = 10'000'000;
    bool view_only = false;               // no Interactive window: playback of the scenario only
    std::string script_path;              // set: perform this interactive script through the panels, then exit
};

struct VizParse {
    std::optional<VizOptions> options;  // empty on error or --help
    std::string error;                  // one line, without the program name
    std::string help;                   // set for --help
};

VizParse parse_viz_options(const std::vector<std::string>& args);
std::string viz_usage();

}  // namespace kafkasim::viz
