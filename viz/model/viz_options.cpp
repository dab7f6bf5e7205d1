// See viz_options.hpp.
#include "model/viz_options.hpp"

#include <boost/program_options.hpp>
#include <charconv>
#include <limits>
#include <optional>
#include <sstream>

#include "cli/numeric_option.hpp"
#include "scenario/duration.hpp"

namespace po = boost::program_options;

namespace kafkasim::viz {

namespace {

constexpr std::uint64_t cli_any = std::numeric_limits<std::uint64_t>::max();

struct RawOptions {
    std::string scenario;
    std::string screenshot;
    std::string at;
    std::string size = "1600x900";
    std::string speed;
    std::optional<std::uint64_t> seed;
    std::optional<std::uint64_t> event;
    std::uint64_t bench_frames = 0;
    std::uint64_t max_events = VizOptions{}.max_events;
    std::string script;
    bool play = false;
    bool view_only = false;
};

po::options_description visible_options(RawOptions& raw) {
    po::options_description description(
        "kafkasim-viz [SCENARIO.yaml] [options]\n"
        "Step through a kafkasim run in a window (the built-in default scenario without SCENARIO).\n"
        "Keys: Space play/pause, Left/Right step one event, Home/End first/last event.\n"
        "The Interactive window plays the producers and consumers yourself (README, \"Interactive mode\").\n\n"
        "Options");
    description.add_options()
        ("help,h", "show this help")
        ("seed", cli::integer_option("--seed", raw.seed, 0, cli_any), "override the scenario's seed")
        ("screenshot", po::value(&raw.screenshot), "render the window once, write it to FILE.png and exit 0")
        ("at", po::value(&raw.at), "show the run at this simulated time (e.g. 2.5ms)")
        ("event", cli::integer_option("--event", raw.event, 0, cli_any), "show the run after N events (0: the initial state; default for --screenshot: the end)")
        ("size", po::value(&raw.size), "window size WxH (default 1600x900)")
        ("speed", po::value(&raw.speed), "simulated time per second of playback (e.g. 2ms; default: one network hop in ~0.8s)")
        ("play", po::bool_switch(&raw.play), "start playing")
        ("bench-frames", cli::integer_option("--bench-frames", raw.bench_frames, 1, cli_any), "play N frames without vsync, print the frame times and exit")
        ("max-events", cli::integer_option("--max-events", raw.max_events, 1, cli_any), "stop a runaway scenario after this many events")
        ("script", po::value(&raw.script), "perform the interactive script FILE through the panels (simulated mouse and keys), "
                                           "print the run's fingerprint and exit 0; with --screenshot, picture the end")
        ("view-only", po::bool_switch(&raw.view_only), "play the scenario back only, without the Interactive window");
    return description;
}

bool parse_size(const std::string& text, int& width, int& height) {
    const std::size_t x = text.find('x');
    if (x == std::string::npos) return false;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    const auto w = std::from_chars(begin, begin + x, width);
    const auto h = std::from_chars(begin + x + 1, end, height);
    return w.ec == std::errc() && w.ptr == begin + x && h.ec == std::errc() && h.ptr == end && width >= 320 &&
           height >= 240 && width <= 8192 && height <= 8192;
}

}  // namespace

std::string viz_usage() {
    RawOptions raw;
    std::ostringstream out;
    out << visible_options(raw);
    return out.str();
}

VizParse parse_viz_options(const std::vector<std::string>& args) {
    RawOptions raw;
    po::options_description all = visible_options(raw);
    all.add_options()("scenario", po::value(&raw.scenario));
    po::positional_options_description positional;
    positional.add("scenario", 1);
    po::variables_map values;
    VizParse result;
    try {
        po::store(po::command_line_parser(args).options(all).positional(positional).run(), values);
        po::notify(values);
    } catch (const po::error& error) {
        result.error = error.what();
        return result;
    }
    if (values.count("help")) {
        result.help = viz_usage();
        return result;
    }
    VizOptions options;
    options.scenario = raw.scenario;
    options.seed = raw.seed;
    options.screenshot_path = raw.screenshot;
    if (values.count("screenshot") && raw.screenshot.empty()) {
        result.error = "--screenshot needs a file name";
        return result;
    }
    if (values.count("at") && values.count("event")) {
        result.error = "--at and --event both say where to start: give one";
        return result;
    }
    if (values.count("at")) {
        const DurationParse at = parse_duration_explained(raw.at);
        if (!at.value) {
            result.error = "--at: invalid duration: " + at.error;
            return result;
        }
        options.at_ns = *at.value;
    }
    options.event = raw.event;
    if (!parse_size(raw.size, options.width, options.height)) {
        result.error = "--size: expected WxH between 320x240 and 8192x8192, e.g. 1600x900; got '" + raw.size + "'";
        return result;
    }
    if (values.count("speed")) {
        const DurationParse speed = parse_duration_explained(raw.speed);
        if (!speed.value || *speed.value <= 0) {
            result.error = "--speed: expected a positive duration per second, e.g. 2ms" +
                           (speed.value ? std::string() : ": " + speed.error);
            return result;
        }
        options.speed_ns_per_s = *speed.value;
    }
    options.play = raw.play;
    options.bench_frames = raw.bench_frames;
    options.max_events = raw.max_events;
    if (values.count("script") && raw.script.empty()) {
        result.error = "--script needs a file name";
        return result;
    }
    if (!raw.script.empty() && raw.view_only) {
        result.error = "--script drives the Interactive window, which --view-only leaves out: give one";
        return result;
    }
    if (!raw.script.empty() && raw.bench_frames > 0) {
        result.error = "--script and --bench-frames: give one";
        return result;
    }
    options.script_path = raw.script;
    options.view_only = raw.view_only;
    result.options = std::move(options);
    return result;
}

}  // namespace kafkasim::viz
