// kafkasim-viz's command line.
#include <catch2/catch.hpp>

#include "model/viz_options.hpp"

namespace kafkasim::viz {
namespace {

TEST_CASE("viz options: defaults and a full screenshot command", "[viz][options]") {
    VizParse parse = parse_viz_options({});
    REQUIRE(parse.options);
    CHECK(parse.options->scenario.empty());
    CHECK(parse.options->width == 1600);
    CHECK(parse.options->height == 900);
    CHECK(parse.options->screenshot_path.empty());

    parse = parse_viz_options({"configs/seed.yaml", "--seed", "9", "--screenshot", "out.png", "--at", "2.5ms", "--size", "1280x720"});
    REQUIRE(parse.options);
    CHECK(parse.options->scenario == "configs/seed.yaml");
    CHECK(parse.options->seed == std::optional<std::uint64_t>(9));
    CHECK(parse.options->screenshot_path == "out.png");
    CHECK(parse.options->at_ns == std::optional<TimeNs>(2'500'000));
    CHECK(parse.options->width == 1280);
    CHECK(parse.options->height == 720);

    parse = parse_viz_options({"--event", "0", "--speed", "2ms", "--play"});
    REQUIRE(parse.options);
    CHECK(parse.options->event == std::optional<std::uint64_t>(0));
    CHECK(parse.options->speed_ns_per_s == std::optional<TimeNs>(2'000'000));
    CHECK(parse.options->play);
}

TEST_CASE("viz options: errors are one clear line", "[viz][options]") {
    CHECK(parse_viz_options({"--at", "5"}).error.find("--at: invalid duration") == 0);
    CHECK(parse_viz_options({"--at", "1ms", "--event", "3"}).error.find("give one") != std::string::npos);
    CHECK(parse_viz_options({"--size", "big"}).error.find("--size") == 0);
    CHECK(parse_viz_options({"--size", "1600x"}).error.find("--size") == 0);
    CHECK(parse_viz_options({"--size", "10x10"}).error.find("--size") == 0);
    CHECK_FALSE(parse_viz_options({"--bogus"}).error.empty());
    CHECK_FALSE(parse_viz_options({"a.yaml", "b.yaml"}).error.empty());
    CHECK(parse_viz_options({"--speed", "0"}).error.find("--speed") == 0);
    const VizParse help = parse_viz_options({"--help"});
    CHECK_FALSE(help.options);
    CHECK(help.help.find("--screenshot") != std::string::npos);
}

TEST_CASE("viz options: interactive by default, --script and --view-only", "[viz][options]") {
    VizParse parse = parse_viz_options({"configs/seed.yaml"});
    REQUIRE(parse.options);
    CHECK_FALSE(parse.options->view_only);
    CHECK(parse.options->script_path.empty());

    parse = parse_viz_options({"configs/seed.yaml", "--script", "actions.txt", "--screenshot", "end.png"});
    REQUIRE(parse.options);
    CHECK(parse.options->script_path == "actions.txt");
    CHECK(parse.options->screenshot_path == "end.png");

    parse = parse_viz_options({"--view-only"});
    REQUIRE(parse.options);
    CHECK(parse.options->view_only);

    CHECK(parse_viz_options({"--script", ""}).error == "--script needs a file name");
    CHECK(parse_viz_options({"--script", "a.txt", "--view-only"}).error.find("--view-only") != std::string::npos);
    CHECK(parse_viz_options({"--script", "a.txt", "--bench-frames", "10"}).error.find("give one") != std::string::npos);
}

}  // namespace
}  // namespace kafkasim::viz
