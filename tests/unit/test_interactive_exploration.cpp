// Interactive mode below the UI: injections at given times give a run equal
// (same trace bytes) to a fresh run of the saved scenario; a manual consumer
// session walked step by step consumes what the person picked; branches are
// kept, switched and discarded; the script drives the same path.
#include "interactive/exploration.hpp"
#include "interactive_support.hpp"
#include "interactive/prompt.hpp"
#include "interactive/script.hpp"
#include "report/outputs.hpp"
#include "scenario/load.hpp"
#include "scenario/save.hpp"
#include "scenario_builders.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace kafkasim;
using namespace kafkasim::interactive;

namespace {

// Two brokers with the original topics, p1 (targets all), c1 (nothing to
// do until the person starts a session) and c2 (a small workload, so other
// actors compete while the person chooses).
ScenarioSpec base() {
    using namespace testing;
    ScenarioSpec spec = base_scenario(7);
    spec.brokers = {broker("b1", ns_per_ms / 2, original_topics()), broker("b2", ns_per_ms / 2, original_topics())};
    spec.producers = {producer("p1", {0, 1})};
    spec.consumers = {consumer("c1", {}), consumer("c2", {session(5 * ns_per_ms, choice(ChoiceSpec::Kind::random),
                                                                   choice(ChoiceSpec::Kind::random))})};
    return spec;
}

using testing::reload;
using testing::trace_bytes;

Injection publish(TimeNs at_ns, std::string topic, std::string message) {
    Injection i;
    i.kind = Injection::Kind::operation;
    i.at_ns = at_ns;
    i.op = {OpKind::publish, std::move(topic), std::move(message), 0};
    return i;
}

Injection consumer_step(Injection::Kind kind, TimeNs at_ns) {
    Injection i;
    i.kind = kind;
    i.at_ns = at_ns;
    return i;
}

const Consumer& c1(const Exploration& exploration) { return exploration.run().final_state().consumers()[0]; }

}  // namespace

TEST_CASE("a manual consumer session walked step by step consumes what the person picked", "[interactive]") {
    Exploration exploration(base());
    REQUIRE_FALSE(exploration.inject(consumer_step(Injection::Kind::session_start, 10 * ns_per_ms)));
    CHECK(c1(exploration).stage == Stage::choosing_broker);
    // Every broker answered the status round, as the consumer saw it.
    for (const BrokerView& view : c1(exploration).views) CHECK(view.answered);
    ConsumerPrompt prompt = consumer_prompt(exploration.run().final_state(), 0);
    CHECK(prompt.awaits == ConsumerPrompt::Awaits::broker);
    REQUIRE(prompt.brokers.size() == 2);
    CHECK(prompt.brokers[1].name == "b2");
    CHECK(prompt.brokers[1].answered);

    Injection broker = consumer_step(Injection::Kind::pick_broker, 20 * ns_per_ms);
    broker.broker = 1;
    REQUIRE_FALSE(exploration.inject(broker));
    CHECK(c1(exploration).stage == Stage::choosing_topic);
    CHECK(c1(exploration).received.size() == 4);
    prompt = consumer_prompt(exploration.run().final_state(), 0);
    CHECK(prompt.awaits == ConsumerPrompt::Awaits::topic);
    CHECK(prompt.topics == std::vector<std::string>{"Hola mundo", "Hello world", "Hallo welt", "Ciao mondo"});

    Injection topic = consumer_step(Injection::Kind::pick_topic, 30 * ns_per_ms);
    topic.topic = "Hello world";
    REQUIRE_FALSE(exploration.inject(topic));
    CHECK(c1(exploration).stage == Stage::choosing_index);
    CHECK(c1(exploration).messages_count == 3);
    prompt = consumer_prompt(exploration.run().final_state(), 0);
    CHECK(prompt.awaits == ConsumerPrompt::Awaits::index);
    CHECK(prompt.chosen_topic == "Hello world");
    CHECK(prompt.messages_count == 3);

    Injection index = consumer_step(Injection::Kind::pick_index, 40 * ns_per_ms);
    index.index = 1;
    REQUIRE_FALSE(exploration.inject(index));
    const Simulation& final_state = exploration.run().final_state();
    CHECK(c1(exploration).stage == Stage::idle);
    CHECK(consumer_prompt(final_state, 0).awaits == ConsumerPrompt::Awaits::nothing);
    REQUIRE(c1(exploration).consumed.size() == 1);
    const Consumption& item = c1(exploration).consumed[0];
    CHECK(final_state.actor_name(item.broker) == "b2");
    CHECK(final_state.strings().text(item.topic) == "Hello world");
    CHECK(item.index == 1);
    CHECK(final_state.strings().text(item.text) == "message 2");
    CHECK(item.time_ns > 40 * ns_per_ms);
}

TEST_CASE("a pick before any session, or a heal without a partition, is refused", "[interactive]") {
    Exploration exploration(base());
    Injection topic = consumer_step(Injection::Kind::pick_topic, 30 * ns_per_ms);
    topic.topic = "Hello world";
    CHECK(exploration.inject(topic));
    CHECK(exploration.inject(consumer_step(Injection::Kind::partition_heal, ns_per_ms)));
    Injection bad = publish(ns_per_ms, "t", "m");
    bad.actor = 5;
    CHECK(exploration.inject(bad));
    CHECK(exploration.current().empty());
}

TEST_CASE("injected actions give the run of the saved scenario, byte for byte", "[interactive][save]") {
    Exploration exploration(base());
    REQUIRE_FALSE(exploration.inject(publish(3 * ns_per_ms, "Hello world", "message 4")));
    REQUIRE_FALSE(exploration.inject(consumer_step(Injection::Kind::session_start, 4 * ns_per_ms)));
    REQUIRE_FALSE(exploration.inject(consumer_step(Injection::Kind::pick_broker, 9 * ns_per_ms)));  // the policy
    Injection topic = consumer_step(Injection::Kind::pick_topic, 12 * ns_per_ms);
    topic.topic = "Hello world";
    REQUIRE_FALSE(exploration.inject(topic));
    Injection index = consumer_step(Injection::Kind::pick_index, 14 * ns_per_ms);
    index.index = 3;
    REQUIRE_FALSE(exploration.inject(index));
    Injection crash = consumer_step(Injection::Kind::crash, 30 * ns_per_ms);
    crash.actor = 0;
    REQUIRE_FALSE(exploration.inject(crash));
    Injection partition = consumer_step(Injection::Kind::partition_start, 31 * ns_per_ms);
    partition.groups = {{1}, {2, 3}};
    REQUIRE_FALSE(exploration.inject(partition));
    REQUIRE_FALSE(exploration.inject(publish(32 * ns_per_ms, "Hola mundo", "cut off")));
    REQUIRE_FALSE(exploration.inject(consumer_step(Injection::Kind::partition_heal, 40 * ns_per_ms)));
    Injection restart = consumer_step(Injection::Kind::restart, 50 * ns_per_ms);
    restart.actor = 0;
    REQUIRE_FALSE(exploration.inject(restart));
    REQUIRE(exploration.current().size() == 10);
    CHECK_FALSE(exploration.previous());

    const std::string expected = trace_bytes(exploration.run());
    for (const bool with_expectations : {false, true}) {
        const std::string saved = save_scenario_yaml(exploration.spec_to_save(with_expectations));
        const RecordedRun fresh(reload(saved), RecordOptions{});
        CHECK(trace_bytes(fresh) == expected);
    }
    // c1 read index 3 of "Hello world": the message p1 published before.
    REQUIRE(c1(exploration).consumed.size() == 1);
    CHECK(exploration.run().final_state().strings().text(c1(exploration).consumed[0].text) == "message 4");
}

TEST_CASE("saved expectations describe the end state", "[interactive][save]") {
    Exploration exploration(base());
    REQUIRE_FALSE(exploration.inject(publish(3 * ns_per_ms, "New", "x")));
    const ScenarioSpec spec = exploration.spec_to_save(true);
    std::size_t topics = 0, states = 0, consumed = 0, fingerprints = 0;
    for (const ExpectationSpec& e : spec.expectations) {
        topics += std::holds_alternative<ExpectBrokerTopics>(e.check);
        states += std::holds_alternative<ExpectBrokerState>(e.check);
        consumed += std::holds_alternative<ExpectConsumedExactly>(e.check);
        if (const auto* f = std::get_if<ExpectFingerprint>(&e.check)) {
            ++fingerprints;
            CHECK(f->hex == exploration.fingerprint());
        }
    }
    CHECK(topics == 2);
    CHECK(states == 2);
    CHECK(consumed == 2);
    CHECK(fingerprints == 1);
    const auto& b1 = std::get<ExpectBrokerTopics>(spec.expectations[0].check);
    CHECK(b1.broker == "b1");
    REQUIRE(b1.topics.size() == 5);
    CHECK(b1.topics[4].name == "New");
    CHECK(b1.topics[4].messages == std::vector<std::string>{"x"});
}

TEST_CASE("branching: an earlier injection starts a new branch, then switch and discard", "[interactive][branch]") {
    Exploration exploration(base());
    REQUIRE_FALSE(exploration.inject(publish(10 * ns_per_ms, "A", "first")));
    REQUIRE_FALSE(exploration.inject(publish(20 * ns_per_ms, "B", "second")));
    CHECK_FALSE(exploration.previous());
    const std::string first_branch = trace_bytes(exploration.run());

    // Back to 15ms: keeps the 10ms publish, drops the 20ms one.
    REQUIRE_FALSE(exploration.inject(publish(15 * ns_per_ms, "C", "other")));
    REQUIRE(exploration.current().size() == 2);
    CHECK(exploration.current()[0].op.topic == "A");
    CHECK(exploration.current()[1].op.topic == "C");
    REQUIRE(exploration.previous());
    CHECK(exploration.previous()->size() == 2);
    const std::string second_branch = trace_bytes(exploration.run());
    CHECK(second_branch != first_branch);

    exploration.switch_branch();
    CHECK(exploration.current()[1].op.topic == "B");
    CHECK(trace_bytes(exploration.run()) == first_branch);
    exploration.switch_branch();
    CHECK(trace_bytes(exploration.run()) == second_branch);

    exploration.discard_previous();
    CHECK_FALSE(exploration.previous());
    exploration.switch_branch();  // nothing to switch to
    CHECK(trace_bytes(exploration.run()) == second_branch);

    // An injection at the same time as the latest one extends the branch.
    REQUIRE_FALSE(exploration.inject(publish(15 * ns_per_ms, "D", "same time")));
    CHECK(exploration.current().size() == 3);
    CHECK_FALSE(exploration.previous());
}

TEST_CASE("a script drives the same path and saves a scenario that reproduces the run", "[interactive][script]") {
    const ScenarioSpec spec = base();
    const std::filesystem::path out = std::filesystem::temp_directory_path() / "kafkasim_test_script_out.yaml";
    const std::string script = "# one publish, one full consumer pipeline\n"
                               "at 3ms publish p1 \"Hello world\" \"message 9\"\n"
                               "at 4ms session c1\n"
                               "at 9ms pick-broker c1 b1   # not the policy\n"
                               "at 12ms pick-topic c1 \"Hello world\"\n"
                               "at 14ms pick-index c1 3\n"
                               "\n"
                               "save " + out.string() + " expect\n";
    std::vector<std::string> errors;
    const std::vector<ScriptCommand> commands = parse_script(script, "actions.txt", spec, errors);
    for (const std::string& e : errors) UNSCOPED_INFO(e);
    REQUIRE(errors.empty());
    REQUIRE(commands.size() == 6);
    Exploration exploration(spec);
    for (const ScriptCommand& command : commands) {
        std::string error;
        INFO("line " << command.line);
        REQUIRE(run_script_command(exploration, command, error));
    }
    REQUIRE(c1(exploration).consumed.size() == 1);
    CHECK(exploration.run().final_state().strings().text(c1(exploration).consumed[0].text) == "message 9");

    LoadResult saved = load_scenario_file(out.string());
    REQUIRE(saved.spec);
    const RecordedRun fresh(std::move(*saved.spec), RecordOptions{});
    CHECK(format_fingerprint(write_trace(fresh, nullptr)) == exploration.fingerprint());
    std::filesystem::remove(out);
}

TEST_CASE("script errors name the line", "[interactive][script]") {
    std::vector<std::string> errors;
    parse_script("at 1ms publish p9 t m\nat soon session c1\nfly\nat 1ms publish p1 \"open\n", "s.txt", base(), errors);
    REQUIRE(errors.size() == 4);
    CHECK(errors[0] == "s.txt:1: error: no producer named 'p9'");
    CHECK(errors[1].rfind("s.txt:2: error: invalid duration for 'at': 'soon' is not a duration", 0) == 0);
    CHECK(errors[2].rfind("s.txt:3: error: unknown command 'fly'", 0) == 0);
    CHECK(errors[3] == "s.txt:4: error: unterminated quote");
}
