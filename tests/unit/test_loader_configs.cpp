// The shipped scenarios (configs/*.yaml) and the built-in default load without
// errors, the default is configs/seed.yaml byte for byte, and file-level
// problems (missing file, directory) get one position-less diagnostic.
#include "scenario/load.hpp"
#include "scenario_files.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#ifndef KAFKASIM_SOURCE_DIR
#error "the tests' CMake defines KAFKASIM_SOURCE_DIR as the repository root"
#endif

using namespace kafkasim;

namespace {

const std::string configs_dir = std::string(KAFKASIM_SOURCE_DIR) + "/configs/";

ScenarioSpec load_config(const std::string& name) {
    LoadResult result = load_scenario_file(configs_dir + name);
    for (const Diagnostic& d : result.errors) UNSCOPED_INFO(format_diagnostic(d));
    REQUIRE(result.errors.empty());
    REQUIRE(result.spec);
    return std::move(*result.spec);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("configs/seed.yaml is the original system", "[loader][configs]") {
    const ScenarioSpec spec = load_config("seed.yaml");
    CHECK(spec.seed == 1);
    REQUIRE(spec.brokers.size() == 2);
    CHECK(spec.brokers[0].name == "b1");
    CHECK(spec.brokers[1].name == "b2");
    for (const BrokerSpec& broker : spec.brokers) {
        REQUIRE(broker.topics.size() == 4);
        CHECK(broker.topics[0].name == "Hola mundo");
        CHECK(broker.topics[0].messages == std::vector<std::string>{"mensaje 1", "mensaje 2", "mensaje 3"});
        CHECK(broker.topics[1].name == "Hello world");
        CHECK(broker.topics[1].messages == std::vector<std::string>{"message 1", "message 2", "message 3"});
        CHECK(broker.topics[2].name == "Hallo welt");
        CHECK(broker.topics[2].messages == std::vector<std::string>{"botschaft 1", "botschaft 2", "botschaft 3"});
        CHECK(broker.topics[3].name == "Ciao mondo");
        CHECK(broker.topics[3].messages == std::vector<std::string>{"messaggio 1", "messaggio 2", "messaggio 3"});
    }
    REQUIRE(spec.producers.size() == 2);
    CHECK(spec.producers[0].name == "p1");
    CHECK(spec.producers[1].name == "p2");
    for (const ProducerSpec& producer : spec.producers) CHECK(producer.targets == std::vector<std::uint32_t>{0, 1});
    REQUIRE(spec.consumers.size() == 2);
    CHECK(spec.consumers[0].name == "c1");
    CHECK(spec.consumers[1].name == "c2");
    for (const ConsumerSpec& consumer : spec.consumers) {
        CHECK(consumer.policy == PolicyKind::seed);
        CHECK_FALSE(consumer.retry_after_ns);  // on_all_busy: fail
    }
}

TEST_CASE("the built-in default is configs/seed.yaml", "[loader][configs]") {
    CHECK(std::string(default_scenario_yaml()) == read_file(configs_dir + "seed.yaml"));
    const LoadResult result = load_default_scenario();
    for (const Diagnostic& d : result.errors) UNSCOPED_INFO(format_diagnostic(d));
    REQUIRE(result.spec);
    CHECK(result.spec->file == "<built-in>");
    CHECK(result.spec->brokers[0].pos.file == "<built-in>");
    CHECK(result.spec->name == load_config("seed.yaml").name);
}

TEST_CASE("every shipped scenario loads", "[loader][configs]") {
    const ScenarioSpec contention = load_config("contention.yaml");
    CHECK(contention.consumers.size() > contention.brokers.size());
    bool some_fail = false, some_retry = false;
    for (const ConsumerSpec& consumer : contention.consumers) {
        (consumer.retry_after_ns ? some_retry : some_fail) = true;
    }
    CHECK(some_fail);
    CHECK(some_retry);

    const ScenarioSpec edit_delete = load_config("edit-delete.yaml");
    bool seen[4] = {};
    for (const ProducerSpec& producer : edit_delete.producers) {
        for (const ProducerActionSpec& action : producer.actions) seen[static_cast<int>(action.op.kind)] = true;
    }
    CHECK(seen[static_cast<int>(OpKind::publish)]);
    CHECK(seen[static_cast<int>(OpKind::edit)]);
    CHECK(seen[static_cast<int>(OpKind::delete_topic)]);
    CHECK(seen[static_cast<int>(OpKind::delete_message)]);
    CHECK_FALSE(edit_delete.consumers.empty());

    const ScenarioSpec workload = load_config("workload.yaml");
    std::uint64_t generated = 0;
    for (const ProducerSpec& producer : workload.producers) {
        if (producer.workload) generated += producer.workload->count;
    }
    for (const ConsumerSpec& consumer : workload.consumers) {
        if (consumer.workload) generated += consumer.workload->count;
    }
    CHECK(generated >= 1000);
}

TEST_CASE("the side-by-side configs run one workload on the two models", "[loader][configs][log]") {
    const ScenarioSpec dictionary = load_config("side-by-side-dictionary.yaml");
    const ScenarioSpec log = load_config("side-by-side-log.yaml");
    CHECK(dictionary.model == BrokerModel::dictionary);
    CHECK(log.model == BrokerModel::log);
    CHECK(dictionary.seed == log.seed);
    CHECK(dictionary.brokers.size() == log.brokers.size());
    CHECK(dictionary.network.latency.value_ns == log.network.latency.value_ns);
    for (std::size_t b = 0; b < dictionary.brokers.size() && b < log.brokers.size(); ++b) {
        CHECK(dictionary.brokers[b].service_time.value_ns == log.brokers[b].service_time.value_ns);
    }
    REQUIRE(dictionary.producers.size() == log.producers.size());
    for (std::size_t p = 0; p < dictionary.producers.size(); ++p) {
        INFO(dictionary.producers[p].name);
        REQUIRE(dictionary.producers[p].workload);
        REQUIRE(log.producers[p].workload);
        const ProducerWorkloadSpec& left = *dictionary.producers[p].workload;
        const ProducerWorkloadSpec& right = *log.producers[p].workload;
        CHECK(left.start_ns == right.start_ns);
        CHECK(left.interarrival.kind == right.interarrival.kind);
        CHECK(left.interarrival.value_ns == right.interarrival.value_ns);
        CHECK(left.count == right.count);
        CHECK(left.topics == right.topics);
        CHECK(left.message_template == right.message_template);
    }
    CHECK(dictionary.consumers.size() == log.consumers.size());
    REQUIRE(log.topics.size() == 1);
    CHECK(log.topics[0].partitions == log.brokers.size());  // one partition per broker
}

TEST_CASE("log-scaling-group.yaml: 1, 3 and 4 members on 3 partitions", "[loader][configs][log]") {
    const ScenarioSpec spec = load_config("log-scaling-group.yaml");
    REQUIRE(spec.topics.size() == 1);
    CHECK(spec.topics[0].partitions == 3);
    std::vector<std::size_t> members(spec.groups.size(), 0);
    for (const ConsumerSpec& consumer : spec.consumers) members.at(consumer.group)++;
    CHECK(members == std::vector<std::size_t>{1, 3, 4});
}

TEST_CASE("every shipped scenario opens with a comment saying what it teaches", "[loader][configs]") {
    for (const std::string& path : kafkasim::testing::scenario_files({"configs"})) {
        INFO(path);
        const std::string text = read_file(path);
        CHECK(text.rfind("# ", 0) == 0);
    }
}

TEST_CASE("files that cannot be read", "[loader][files]") {
    const LoadResult missing = load_scenario_file("/nonexistent/kafkasim/none.yaml");
    CHECK_FALSE(missing.spec);
    REQUIRE(missing.errors.size() == 1);
    CHECK(format_diagnostic(missing.errors[0]) ==
          "/nonexistent/kafkasim/none.yaml: error: cannot open: No such file or directory");

    const LoadResult directory = load_scenario_file(configs_dir);
    CHECK_FALSE(directory.spec);
    REQUIRE(directory.errors.size() == 1);
    CHECK(format_diagnostic(directory.errors[0]) == configs_dir + ": error: cannot read: Is a directory");
}

TEST_CASE("a file's diagnostics carry its path", "[loader][files]") {
    const std::string path = "test_loader_configs_bad.yaml";  // in the test's working directory
    {
        std::ofstream out(path, std::ios::binary);
        out << "brokers: 1\nseed: x\n";
    }
    const LoadResult result = load_scenario_file(path);
    std::remove(path.c_str());
    REQUIRE(result.errors.size() == 1);
    CHECK(format_diagnostic(result.errors[0]) ==
          path + ":2:7: error: 'seed' must be an integer from 0 to 18446744073709551615, got 'x'");
}
