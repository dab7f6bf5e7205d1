// The summary's Stats tables stay readable whatever the values: in every
// row of the broker, producer and consumer tables, each column's value is
// separated from the next (a count as wide as its column once printed
// "330000660000" for 330000 operations and 660000 sent). Runs with counts
// of 1 to 6 digits and names of 1 to 14 characters.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "core/stream.hpp"
#include "report/outputs.hpp"
#include "scenario_builders.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

std::vector<std::string> fields(const std::string& line) {
    std::istringstream in(line);
    std::vector<std::string> result;
    for (std::string field; in >> field;) result.push_back(field);
    return result;
}

}  // namespace

TEST_CASE("summary: every Stats row has as many fields as its header", "[report][summary]") {
    // Every name length with small counts; one long run (120,000 sent: six
    // digits in the 6-wide `sent` column) with a 9-character name.
    std::vector<std::pair<std::uint64_t, std::size_t>> cases;
    for (const std::uint64_t count : {1u, 12u, 999u, 5'000u}) {
        for (const std::size_t name_length : {1u, 8u, 9u, 14u}) cases.emplace_back(count, name_length);
    }
    cases.emplace_back(60'000, 9);
    {
        for (const auto& [count, name_length] : cases) {
            CAPTURE(count, name_length);
            ScenarioSpec spec = base_scenario(1);
            spec.brokers = {broker(std::string(name_length, 'b'), 0, {}), broker("b2", 0, {})};
            spec.producers = {workload_producer(std::string(name_length, 'p'), {0, 1}, DistributionSpec::constant(1000), count,
                                                {"t"})};
            spec.consumers = {workload_consumer(std::string(name_length, 'c'), DistributionSpec::constant(1000),
                                                count / 4 + 1, choice(ChoiceSpec::Kind::first), choice(ChoiceSpec::Kind::last))};
            StreamedRun run(spec, 100'000'000);
            run.run({});
            const std::string text = summary_text(run, 0);
            const std::size_t stats = text.find("\nStats\n");
            REQUIRE(stats != std::string::npos);
            std::istringstream lines(text.substr(stats + 7));
            std::size_t header_fields = 0;
            int rows = 0;
            for (std::string line; std::getline(lines, line) && !line.empty();) {
                const std::string first = fields(line).empty() ? "" : fields(line)[0];
                if (first == "broker" || first == "producer" || first == "consumer") {
                    header_fields = fields(line).size();
                    continue;
                }
                CAPTURE(line);
                CHECK(fields(line).size() == header_fields);
                ++rows;
            }
            CHECK(rows == 4);  // two brokers, one producer, one consumer
        }
    }
}
