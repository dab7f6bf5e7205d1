// Interactive mode in the log model (model: log): a person's send with a
// key, a late join, a new consumer, a commit and a leave become scenario
// keys (a producer action, join_at, a consumer, commit_at, leave_at); the
// saved exploration reproduces the run byte for byte and, with its end
// state as expectations (brokers, partitions, the group, consumers, the
// fingerprint), passes its own check; what makes no sense at that
// time (a second join, a leave before joining, a dictionary action) is
// refused with the reason and changes nothing; the script says all of it.
#include "check/check.hpp"
#include "interactive/exploration.hpp"
#include "interactive_support.hpp"
#include "interactive/script.hpp"
#include "log_builders.hpp"
#include "report/outputs.hpp"
#include "scenario/load.hpp"
#include "scenario/save.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace kafkasim;
using namespace kafkasim::interactive;

namespace {

// Two brokers, orders with 3 partitions, p1 sending keyed records, g1 with
// c1 (from the start) and c2 (joins at 80ms, unless the person says so).
ScenarioSpec base() {
    using namespace testing;
    ScenarioSpec spec = log_scenario(2, {log_topic("orders", 3)}, 150 * ns_per_ms);
    const std::uint32_t g1 = add_group(spec, "g1", 20 * ns_per_ms);
    ProducerSpec producer = log_producer("p1");
    producer.workload = send_workload("orders", 20, 3 * ns_per_ms, {"user-1", "user-2"});
    spec.producers.push_back(producer);
    spec.consumers.push_back(member("c1", g1, {0}, CommitMode::manual));
    ConsumerSpec c2 = member("c2", g1, {0});
    c2.join_at_ns = 80 * ns_per_ms;
    spec.consumers.push_back(c2);
    return spec;
}

using testing::reload;
using testing::trace_bytes;

Injection at(Injection::Kind kind, TimeNs at_ns, std::uint32_t actor) {
    Injection i;
    i.kind = kind;
    i.at_ns = at_ns;
    i.actor = actor;
    return i;
}

Injection send(TimeNs at_ns, std::string topic, std::string value, std::optional<std::string> key) {
    Injection i = at(Injection::Kind::operation, at_ns, 0);
    i.op.kind = OpKind::send;
    i.op.topic = std::move(topic);
    i.op.message = std::move(value);
    i.op.key = std::move(key);
    return i;
}

}  // namespace

TEST_CASE("log injections become scenario keys and the saved file replays them", "[interactive][log_model]") {
    Exploration exploration(base());
    REQUIRE_FALSE(exploration.inject(send(5 * ns_per_ms, "orders", "by hand", "user-42")));
    REQUIRE_FALSE(exploration.inject(at(Injection::Kind::join, 20 * ns_per_ms, 1)));    // c2 joins early
    Injection add = at(Injection::Kind::add_consumer, 30 * ns_per_ms, 0);
    add.name = "c3";
    REQUIRE_FALSE(exploration.inject(add));
    REQUIRE_FALSE(exploration.inject(at(Injection::Kind::commit, 50 * ns_per_ms, 0)));  // c1 commits (manual)
    REQUIRE_FALSE(exploration.inject(at(Injection::Kind::leave, 90 * ns_per_ms, 2)));   // c3 leaves
    const ScenarioSpec spec = exploration.spec();
    REQUIRE(spec.consumers.size() == 3);
    CHECK(spec.producers[0].actions.back().op.key == std::optional<std::string>("user-42"));
    CHECK(spec.consumers[1].join_at_ns == 20 * ns_per_ms);
    CHECK(spec.consumers[2].name == "c3");
    CHECK(spec.consumers[2].group == 0);
    CHECK(spec.consumers[2].topics == spec.consumers[0].topics);
    CHECK(spec.consumers[2].join_at_ns == 30 * ns_per_ms);
    CHECK(spec.consumers[2].leave_at_ns == std::optional<TimeNs>(90 * ns_per_ms));
    CHECK(spec.consumers[0].commit_at_ns == std::vector<TimeNs>{50 * ns_per_ms});

    // The run shows them: the record at its key's partition, three members, a commit by c1.
    const Simulation& end = exploration.run().final_state();
    const LogModel& model = end.log_model();
    bool found = false;
    for (const log::PartitionLog& partition : model.partitions) {
        for (const log::LogRecord& record : partition.records()) found = found || end.strings().text(record.value) == "by hand";
    }
    CHECK(found);
    CHECK(model.consumers[2].phase == MemberPhase::left);
    CHECK(model.consumers[0].stats.commits >= 1);
    CHECK(model.groups[0].rebalances >= 3);

    const std::string expected = trace_bytes(exploration.run());
    for (const bool with_expectations : {false, true}) {
        const std::string saved = save_scenario_yaml(exploration.spec_to_save(with_expectations));
        const RecordedRun fresh(reload(saved), RecordOptions{});
        CHECK(trace_bytes(fresh) == expected);
        if (!with_expectations) continue;
        // The end state as expectations: all of them pass on the saved file's run.
        const std::vector<ExpectationResult> results = evaluate_expectations(fresh, write_trace(fresh, nullptr));
        REQUIRE(results.size() == fresh.spec().expectations.size());
        // Each broker's state, each partition, each group, each consumer, the fingerprint.
        CHECK(results.size() == fresh.spec().brokers.size() + 3 + 1 + fresh.spec().consumers.size() + 1);
        for (std::size_t i = 0; i < results.size(); ++i) {
            INFO(expectation_title(fresh.spec().expectations[i]) << ": expected " << results[i].expected << ", got " << results[i].actual);
            CHECK(results[i].passed);
        }
    }
}

TEST_CASE("log injections that make no sense at their time are refused and change nothing", "[interactive][log_model]") {
    Exploration exploration(base());
    const std::string before = trace_bytes(exploration.run());
    const auto refused = [&](Injection injection, const std::string& words) {
        const auto error = exploration.inject(std::move(injection));
        REQUIRE(error);
        INFO(error->message);
        CHECK(error->message.find(words) != std::string::npos);
        CHECK(exploration.current().empty());
        CHECK(trace_bytes(exploration.run()) == before);
    };
    refused(at(Injection::Kind::join, 10 * ns_per_ms, 0), "c1 is in its group already at 10ms");
    refused(at(Injection::Kind::leave, 10 * ns_per_ms, 1), "c2 is not in its group yet at 10ms (it joins at 80ms)");
    refused(at(Injection::Kind::commit, 10 * ns_per_ms, 1), "c2 is not in its group at 10ms");
    refused(at(Injection::Kind::join, 10 * ns_per_ms, 7), "no consumer number 7");
    refused(send(5 * ns_per_ms, "nope", "v", std::nullopt), "no topic 'nope' (the topics: orders)");
    Injection publish = send(5 * ns_per_ms, "orders", "v", std::nullopt);
    publish.op.kind = OpKind::publish;
    refused(publish, "publish, edit and delete are the dictionary model's");
    refused(at(Injection::Kind::session_start, 5 * ns_per_ms, 0), "poll by themselves");
    Injection add = at(Injection::Kind::add_consumer, 30 * ns_per_ms, 0);
    add.name = "p1";
    refused(add, "an actor is named 'p1' already");
    add.name = "";
    refused(add, "name");
    add.actor = 3;
    add.name = "c9";
    refused(add, "no group number 3");

    // After a leave, no second join (one join_at per consumer) and no second leave.
    REQUIRE_FALSE(exploration.inject(at(Injection::Kind::leave, 40 * ns_per_ms, 0)));
    const auto rejoin = exploration.inject(at(Injection::Kind::join, 60 * ns_per_ms, 0));
    REQUIRE(rejoin);
    CHECK(rejoin->message == "c1 has left its group at 60ms (add a new consumer instead)");
    CHECK(exploration.inject(at(Injection::Kind::leave, 60 * ns_per_ms, 0)));
    CHECK(exploration.current().size() == 1);

    // The dictionary model refuses the log model's actions.
    ScenarioSpec dictionary;
    dictionary.brokers.push_back(BrokerSpec{});
    dictionary.brokers[0].name = "b1";
    dictionary.producers.push_back(testing::log_producer("p1"));
    dictionary.producers[0].targets = {0};
    dictionary.consumers.push_back(ConsumerSpec{});
    dictionary.consumers[0].name = "c1";
    Exploration original(dictionary);
    const auto send_there = original.inject(send(5 * ns_per_ms, "orders", "v", std::nullopt));
    REQUIRE(send_there);
    CHECK(send_there->message.find("'send' is the log model's operation") != std::string::npos);
    const auto join_there = original.inject(at(Injection::Kind::join, 5 * ns_per_ms, 0));
    REQUIRE(join_there);
    CHECK(join_there->message.find("consumer groups are the log model's") != std::string::npos);
}

TEST_CASE("the script says the log model's actions, names added consumers, and describes them", "[interactive][log_model][script]") {
    const ScenarioSpec spec = base();
    std::vector<std::string> errors;
    const std::vector<ScriptCommand> commands = parse_script(
        "at 5ms send p1 orders \"by hand\" user-42\n"
        "at 6ms send p1 orders \"no key\"\n"
        "at 20ms join c2\n"
        "at 30ms add-consumer c3 g1\n"
        "at 50ms commit c1\n"
        "at 90ms leave c3\n",
        "s.txt", spec, errors);
    for (const std::string& error : errors) UNSCOPED_INFO(error);
    REQUIRE(errors.empty());
    REQUIRE(commands.size() == 6);
    CHECK(commands[0].injection.op.key == std::optional<std::string>("user-42"));
    CHECK_FALSE(commands[1].injection.op.key);
    CHECK(commands[5].injection.kind == Injection::Kind::leave);
    CHECK(commands[5].injection.actor == 2);  // c3, the consumer the script added
    Exploration exploration(spec);
    std::vector<std::string> described;
    for (const ScriptCommand& command : commands) {
        std::string error;
        REQUIRE(run_script_command(exploration, command, error));
        described.push_back(describe(command.injection, exploration.spec()));
    }
    CHECK(described == std::vector<std::string>{"5ms p1 send \"orders\" \"by hand\" \"user-42\"", "6ms p1 send \"orders\" \"no key\"",
                                                "20ms c2 join", "30ms add-consumer \"c3\" g1", "50ms c1 commit", "90ms c3 leave"});

    const auto error_of = [&](const std::string& line) {
        std::vector<std::string> line_errors;
        parse_script(line, "s.txt", spec, line_errors);
        return line_errors.size() == 1 ? line_errors[0] : std::string("(no single error)");
    };
    CHECK(error_of("at 5ms send p1 orders") == "s.txt:1: error: usage: at T send PRODUCER TOPIC VALUE [KEY]");
    CHECK(error_of("at 5ms join") == "s.txt:1: error: usage: at T join|leave|commit CONSUMER");
    CHECK(error_of("at 5ms leave c9") == "s.txt:1: error: no consumer named 'c9'");
    CHECK(error_of("at 5ms add-consumer c1 g1") == "s.txt:1: error: an actor is named 'c1' already");
    CHECK(error_of("at 5ms add-consumer c9 g7") == "s.txt:1: error: no group named 'g7'");
}
