// The Topology panel's layout keeps its promises (model/topology_layout.hpp)
// over every mix of actor counts up to a few hundred and many panel sizes:
// boxes inside the area, none overlapping, every actor drawn or counted in
// its role's "+N more" box; and the teaching-sized scenarios are drawn whole,
// as full cards.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "model/topology_layout.hpp"

namespace kafkasim::viz {
namespace {

// Every promise for one input; returns the first broken one ("" when none).
std::string broken_promise(const TopologyInput& input, const TopologyLayout& layout) {
    std::vector<Box> boxes;
    for (std::size_t r = 0; r < role_count; ++r) {
        std::size_t drawn = 0;
        for (const Box& box : layout.nodes[r]) {
            if (box.width <= 0) continue;
            ++drawn;
            boxes.push_back(box);
        }
        if (layout.more[r].width > 0) boxes.push_back(layout.more[r]);
        if (drawn + layout.hidden[r] != input.counts[r]) return "role " + std::to_string(r) + ": actors neither drawn nor counted";
        if ((layout.hidden[r] > 0) != (layout.more[r].width > 0)) return "role " + std::to_string(r) + ": a \"more\" box without hidden actors, or the reverse";
        // Hidden actors are the last ones: the first ones keep their place.
        for (std::size_t i = 0; i < layout.nodes[r].size(); ++i) {
            const bool hidden = layout.nodes[r][i].width <= 0;
            if (hidden != (i >= input.counts[r] - layout.hidden[r])) return "role " + std::to_string(r) + ": hidden actors not at the end";
        }
    }
    const float slack = 0.01f;
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        const Box& box = boxes[i];
        if (box.height <= 0) return "a box without height";
        if (box.x < input.x - slack || box.y < input.y - slack || box.x + box.width > input.x + input.width + slack ||
            box.y + box.height > input.y + input.height + slack) {
            return "box " + std::to_string(i) + " outside the area";
        }
        for (std::size_t j = i + 1; j < boxes.size(); ++j) {
            if (box.overlaps(boxes[j])) return "boxes " + std::to_string(i) + " and " + std::to_string(j) + " overlap";
        }
    }
    return "";
}

TEST_CASE("viz topology layout: inside the area, no overlaps, every actor accounted for", "[viz][topology]") {
    // Panel sizes from a small laptop window to a projector, at their font sizes.
    struct Area {
        float width, height, unit;
    };
    const Area areas[] = {{420, 260, 13}, {640, 420, 16}, {700, 300, 16}, {1100, 700, 22}, {1500, 950, 26}};
    const std::size_t counts[] = {0, 1, 2, 3, 4, 5, 6, 8, 12, 17, 30, 64, 100, 180, 260};
    std::size_t cases = 0;
    for (const Area& area : areas) {
        for (const std::size_t brokers : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{8}, std::size_t{40}}) {
            for (const std::size_t producers : counts) {
                for (const std::size_t consumers : counts) {
                    TopologyInput input;
                    input.counts = {producers, brokers, consumers};
                    input.x = 37;
                    input.y = 91;
                    input.width = area.width;
                    input.height = area.height;
                    input.unit = area.unit;
                    input.name_width_max = area.unit * 2.2f;  // "c180" in the compact font
                    input.card_text_width_max = area.unit * static_cast<float>(producers % 13);  // up to "acked 1586/1592" and beyond
                    const TopologyLayout layout = layout_topology(input);
                    const std::string broken = broken_promise(input, layout);
                    INFO(area.width << "x" << area.height << " at " << area.unit << "px: " << producers << " producers, " << brokers
                                    << " brokers, " << consumers << " consumers");
                    REQUIRE(broken == "");
                    ++cases;
                }
            }
        }
    }
    CHECK(cases == 5 * 5 * 15 * 15);
}

TEST_CASE("viz topology layout: teaching-sized scenarios are drawn whole, as cards", "[viz][topology]") {
    // The default window's Topology panel (1600x900): the shipped configs have up to a dozen actors.
    for (std::size_t producers = 0; producers <= 4; ++producers) {
        for (std::size_t consumers = 1; consumers <= 6; ++consumers) {
            TopologyInput input;
            input.counts = {producers, 2, consumers};
            input.width = 620;
            input.height = 430;
            input.unit = 16;
            input.name_width_max = 40;
            const TopologyLayout layout = layout_topology(input);
            INFO(producers << " producers, " << consumers << " consumers");
            CHECK_FALSE(layout.compact);
            for (std::size_t r = 0; r < role_count; ++r) CHECK(layout.hidden[r] == 0);
        }
    }
}

TEST_CASE("viz topology layout: two hundred actors become a grid of named nodes", "[viz][topology]") {
    TopologyInput input;
    input.counts = {16, 4, 180};
    input.width = 620;
    input.height = 430;
    input.unit = 16;
    input.name_width_max = 36;
    const TopologyLayout layout = layout_topology(input);
    CHECK(layout.compact);
    // Compact nodes still show a name: not shrunk below it.
    for (std::size_t r = 0; r < role_count; ++r) {
        for (const Box& box : layout.nodes[r]) {
            if (box.width > 0) CHECK(box.width >= input.name_width_max);
        }
    }
    CHECK(broken_promise(input, layout) == "");
}

}  // namespace
}  // namespace kafkasim::viz
