// The property behind every sentence kafkasim says: it is built from the
// record's own fields, so it never contradicts them. Every record of every
// shipped scenario (configs/, tests/scenarios/) and of scenarios written to
// provoke each error, each no-op fault and each person's choice, is rendered
// by describe() (the -v narrative and the visualizer's event log) and
// explain() (the visualizer's Explain panel) with the state right after it,
// and checked against its payload: an error is never told as success,
// ok:false never as served/idle/granted, a no-op never as a change, the
// actors it names appear, an outcome is said. The walk must meet every
// record kind, so a new kind cannot go unchecked.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "core/recorder.hpp"
#include "log_tour_scenarios.hpp"
#include "reply_error_cases.hpp"
#include "scenario_files.hpp"
#include "report/format.hpp"
#include "report/outputs.hpp"
#include "scenario/load.hpp"
#include "text/utf8_text.hpp"

#ifndef KAFKASIM_SOURCE_DIR
#error "the tests' CMake defines KAFKASIM_SOURCE_DIR as the repository root"
#endif

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

constexpr TimeNs ms = ns_per_ms;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// How a sentence must name an error so a reader sees it.
std::string error_mention(ErrorCode error) {
    switch (error) {
        case ErrorCode::queue_full: return "queue full";
        case ErrorCode::broker_down: return "down";
        case ErrorCode::held_by_other: return "held by";
        case ErrorCode::rebalance_in_progress: return "rebalancing";
        case ErrorCode::unknown_member: return "unknown member";
        case ErrorCode::illegal_generation: return "old generation";
        case ErrorCode::offset_out_of_range: return "no such offset";
        default: return std::string(error_name(error));
    }
}

bool is_reply(RecordKind kind) {
    return (kind >= RecordKind::ack && kind <= RecordKind::release_reply) ||
           (kind >= RecordKind::fetch_reply && kind <= RecordKind::leave_group_reply);
}

// The word a log sentence must use for its reason (format_log.cpp).
const char* log_reason_word(Reason reason) {
    switch (reason) {
        case Reason::partition_by_key: return "murmur2";
        case Reason::partition_round_robin: return "round robin";
        case Reason::partition_sticky: return "sticky";
        case Reason::member_joined_group: return "joined";
        case Reason::member_left_group: return "left";
        case Reason::session_expired: return "expired";
        case Reason::no_partitions: return "idle";
        case Reason::processing: return "processing";
        case Reason::caught_up: return "caught up";
        case Reason::offset_reset: return "reset";
        case Reason::rejoin: return "rejoin";
        case Reason::commit_auto:
        case Reason::commit_after_poll: return "commit";
        case Reason::commit_manual: return "commit_at";
        case Reason::coordinator_down: return "down";
        case Reason::consumer_crashed: return "crash";
        default: return nullptr;
    }
}

// A log record's sentence names what its fields hold: the partition
// ("orders-2"), the offset or generation, the key, the value, the group,
// and says its reason's verb.
void check_log_sentence(const Record& r, const Simulation& after, const std::string& said) {
    const StringTable& strings = after.strings();
    if (r.kind == RecordKind::dropped) return;  // format.cpp's sentence for any lost message
    if (r.topic != no_string && r.kind != RecordKind::poll && r.kind != RecordKind::rebalance_end) {
        CHECK(contains(said, terminal_text(strings.text(r.topic))));
    }
    const bool partition = record_partition(r) != no_partition && !log_names_group(r) && r.topic != no_string;
    if (partition) CHECK(contains(said, terminal_text(strings.text(r.topic)) + "-" + std::to_string(record_partition(r))));
    const std::string_view index_field = log_index_field(r);
    if (index_field == "offset" && r.index >= 0 && r.kind != RecordKind::poll) CHECK(contains(said, std::to_string(r.index)));
    if (index_field == "generation" && r.index >= 0 && (r.flags & record_flag::ok || !is_reply(r.kind))) {
        CHECK(contains(said, "generation " + std::to_string(r.index)));
    }
    if (record_key(r) != no_string) CHECK(contains(said, terminal_text(strings.text(record_key(r)))));
    if (log_text_field(r) == "value" && r.text != no_string && r.error == ErrorCode::none) {
        CHECK(contains(said, terminal_text(strings.text(r.text))));
    }
    if (const char* word = log_reason_word(r.reason)) CHECK(contains(said, word));
    if (r.kind == RecordKind::crash && r.reason != Reason::already_down && after.is_broker(r.source)) {
        CHECK(contains(said, (r.flags & record_flag::logs_lost) ? "gone" : "survive"));
    }
}

struct Coverage {
    std::set<RecordKind> kinds;
    std::set<Reason> reasons;
    std::set<std::pair<RecordKind, ErrorCode>> errors;
    std::size_t records = 0;
};

// Checks one record's sentences against its payload. `after`: the state
// right after the event (what the Explain panel reads).
void check_sentences(const Record& r, const Simulation& after) {
    const std::string said = describe(r, after);
    const std::string why = explain(r, after);
    const std::string source = std::string(after.actor_name(r.source));
    const std::string target = std::string(after.actor_name(r.target));
    INFO("record " << record_kind_name(r.kind) << " " << source << " -> " << target << ", request "
                   << message_type_name(r.request) << ", error " << error_name(r.error) << ", reason " << reason_name(r.reason)
                   << ", outcome " << outcome_name(r.outcome) << ", flags " << int(r.flags));
    INFO("describe: " << said);
    INFO("explain:  " << why);

    // The actors it concerns are named.
    if (r.source != no_actor) CHECK(contains(said, source));
    if (r.target != no_actor) CHECK(contains(said, target));
    const bool log_record = is_log_record(r) || (after.is_log_model() && (r.kind == RecordKind::crash || r.kind == RecordKind::restart));
    // (a log record's `chosen` is its partition: check_log_sentence)
    if (r.chosen != no_actor && !log_record) CHECK(contains(said, std::string(after.actor_name(r.chosen))));
    if (r.holder != no_actor && r.kind != RecordKind::status_reported && r.kind != RecordKind::status_reply &&
        r.kind != RecordKind::claim_granted) {
        CHECK(contains(said, std::string(after.actor_name(r.holder))));
    }
    if ((r.kind == RecordKind::status_reported || r.kind == RecordKind::status_reply) && (r.flags & record_flag::busy)) {
        CHECK(contains(said, "held by " + std::string(after.actor_name(r.holder))));
    }

    // An error (or ok: false) is said, and never told as success.
    const bool failed = r.error != ErrorCode::none || (is_reply(r.kind) && !(r.flags & record_flag::ok));
    if (failed) {
        if (r.kind == RecordKind::dropped) {
            CHECK(contains(said, "error reply (" + std::string(error_name(r.error)) + ")"));
        } else {
            CHECK((contains(said, error_mention(r.error)) || contains(said, std::string(error_name(r.error)))));
        }
        for (const char* success : {"served at once", "waits, queue", "is now held", " holds ", " consumed ", "got ack", " appended ",
                                    " granted"}) {
            CHECK_FALSE(contains(said, success));
        }
        if (r.source != no_actor) {
            CHECK_FALSE(contains(said, source + " is idle"));
            CHECK_FALSE(contains(said, "released " + source));
            CHECK_FALSE(contains(said, "chose " + source));
            CHECK_FALSE(contains(why, "chose " + source));
        }
    }
    // A reply the client ignores is said to be ignored.
    if (r.reason == Reason::stale_reply) CHECK(contains(said, "ignored"));

    // A no-op fault is a no-op in words too.
    if (r.reason == Reason::already_down || r.reason == Reason::already_up) {
        CHECK(contains(said, "nothing happens"));
        CHECK(contains(why, "changes nothing"));
        for (const char* change : {"crashed", "restarted", "is gone", "survives", "lost its session", "requests lost"}) {
            CHECK_FALSE(contains(said, change));
        }
    }
    if (log_record) check_log_sentence(r, after, said);
    if (r.kind == RecordKind::crash && r.reason != Reason::already_down && !after.is_log_model()) {
        // Whose dictionary: the broker is named with it.
        CHECK(contains(said, source + "'s dictionary"));
    }

    // A session that ended here is said to have ended, with its outcome.
    if (r.outcome != SessionOutcome::none) CHECK(contains(said, "session " + std::string(outcome_name(r.outcome))));

    // Only a person's pick is narrated as the person's.
    if (r.kind == RecordKind::broker_chosen) CHECK(contains(said, "the person") == (r.reason == Reason::person_chose));

    // A lost reply is named for what it was: an ack, an error reply or a reply, to whose request.
    if (r.kind == RecordKind::dropped && after.is_broker(r.source)) {
        CHECK(contains(said, target + "'s " + std::string(message_type_name(r.request))));
        if (r.error == ErrorCode::none && is_write(r.request)) CHECK(contains(said, "the ack of"));
    }

    // Success replies are not told as failures.
    if (is_reply(r.kind) && (r.flags & record_flag::ok)) {
        for (const char* failure : {"could not", "refused the", "lost the race", "found no", "got error"}) CHECK_FALSE(contains(said, failure));
    }
}

// Runs `spec` event by event, checking each record with the state after it.
void walk(const ScenarioSpec& spec, Coverage& coverage) {
    StringTable strings;
    Simulation simulation(spec, strings);
    Recorder recorder;
    simulation.set_recorder(&recorder);
    // The first 30,000 events of each scenario: long runs (workload.yaml, a
    // 100,000-publish burst) only repeat kinds met by then, and the whole
    // walk must stay quick under the sanitizer build.
    std::uint64_t bound = 30'000;
    while (bound-- > 0 && simulation.step()) {
        const Record& r = recorder.records().back();
        coverage.kinds.insert(r.kind);
        coverage.reasons.insert(r.reason);
        if (r.error != ErrorCode::none) coverage.errors.insert({r.kind, r.error});
        ++coverage.records;
        check_sentences(r, simulation);
    }
}

std::vector<std::string> shipped_scenarios() { return scenario_files({"configs", "tests/scenarios", "tests/scenarios/fail"}); }

// Scenarios for what the shipped ones may not show: no-op faults, a person's
// pick and a person's "use policy", queued sessions, retries and timeouts,
// a lost error reply.
std::vector<ScenarioSpec> extra_scenarios() {
    std::vector<ScenarioSpec> specs;
    {
        // A second crash and a restart of a broker that is up.
        ScenarioSpec spec = consumer_error_base();
        spec.brokers.push_back(broker("b2", ms, {{"t", {"m0"}}}));
        spec.brokers[1].durable = true;
        spec.faults = {restart_at(1 * ms, 0), crash_at(2 * ms, 1), crash_at(3 * ms, 1), restart_at(4 * ms, 1, true),
                       restart_at(5 * ms, 1)};
        specs.push_back(spec);
    }
    {
        // The person picks b1; then hands the choice to the policy; a session queued behind.
        ScenarioSpec spec = consumer_error_base();
        SessionSpec picked = session(5 * ms, named_topic("t"), named_index(0));
        picked.broker = 0;
        picked.broker_at_ns = 8 * ms;
        SessionSpec use_policy = session(6 * ms, named_topic("t"), named_index(0));
        use_policy.broker_at_ns = 30 * ms;
        SessionSpec waiting = session(40 * ms, named_topic("t"), named_index(0));
        waiting.manual = true;
        spec.consumers = {consumer("c1", {picked, use_policy, waiting})};
        specs.push_back(spec);
    }
    {
        // All busy, retry later; a lost race restarted; a topic, then an index, not there.
        ScenarioSpec spec = consumer_error_base();
        ConsumerSpec c2 = consumer("c2", {session(5 * ms, named_topic("t"), named_index(0))});
        c2.retry_after_ns = 2 * ms;
        c2.max_attempts = 5;
        spec.consumers.push_back(c2);
        spec.consumers.push_back(consumer("c3", {session(5 * ms, named_topic("nope"), named_index(0)),
                                                 session(60 * ms, named_topic("t"), named_index(7)),
                                                 session(90 * ms, choice(ChoiceSpec::Kind::last), choice(ChoiceSpec::Kind::first))}));
        specs.push_back(spec);
    }
    {
        // Timeouts: resends, a give-up, a status timeout; a dropped error reply.
        ScenarioSpec spec = consumer_error_base();
        spec.consumers[0].retry = retry_policy(3 * ms, 1, 1 * ms);
        spec.producers[0].retry = retry_policy(3 * ms, 1, 1 * ms);
        spec.producers[0].actions = {action(1 * ms, OpKind::edit, "nope", "x", 0), action(30 * ms, OpKind::publish, "t", "y")};
        spec.faults = {drop(links({0}, {}), 1.0, 0, 20 * ms), slow(links({}, {}), 5 * ms, 40 * ms, 60 * ms),
                       partition({{0}, {2}}, 70 * ms, 80 * ms)};
        spec.consumers[0].sessions.push_back(session(42 * ms, named_topic("t"), named_index(0)));
        spec.consumers[0].sessions.push_back(session(72 * ms, named_topic("t"), named_index(0)));
        specs.push_back(spec);
    }
    {
        // An empty topic, then no topic at all.
        ScenarioSpec spec = consumer_error_base();
        spec.brokers[0].topics = {{"e", {}}};
        spec.producers[0].actions = {action(20 * ms, OpKind::delete_topic, "e")};
        spec.consumers[0].sessions = {session(5 * ms, named_topic("e"), choice(ChoiceSpec::Kind::random)),
                                      session(40 * ms, choice(ChoiceSpec::Kind::random), choice(ChoiceSpec::Kind::random))};
        specs.push_back(spec);
    }
    for (ErrorCase& error_case : reply_error_cases()) specs.push_back(std::move(error_case.spec));
    // The log model: every log kind and reason (log_tour_scenarios.hpp).
    for (ScenarioSpec& spec : log_tour_scenarios()) specs.push_back(std::move(spec));
    // Every policy's reason.
    for (const PolicyKind policy : {PolicyKind::seed, PolicyKind::first_idle, PolicyKind::round_robin, PolicyKind::random_idle,
                                    PolicyKind::least_loaded}) {
        ScenarioSpec spec = consumer_error_base();
        spec.brokers.push_back(broker("b2", ms, {{"t", {"m0"}}}));
        spec.consumers = {consumer("c1", {session(5 * ms, named_topic("t"), named_index(0)),
                                          session(50 * ms, choice(ChoiceSpec::Kind::random), choice(ChoiceSpec::Kind::random))},
                                   policy)};
        specs.push_back(spec);
    }
    return specs;
}

}  // namespace

TEST_CASE("every sentence agrees with its record, for every record kind, error and reason the model produces", "[narrative][property]") {
    Coverage coverage;
    for (const std::string& file : shipped_scenarios()) {
        INFO("scenario " << file);
        LoadResult loaded = load_scenario_file(file);
        REQUIRE(loaded.spec);
        walk(*loaded.spec, coverage);
    }
    for (const ScenarioSpec& spec : extra_scenarios()) walk(spec, coverage);

    // Every record kind was met, so a new kind cannot go unchecked.
    for (std::size_t k = 0; k < record_kind_count; ++k) {
        const auto kind = static_cast<RecordKind>(k);
        INFO("record kind never met: " << record_kind_name(kind) << " (#" << k << ")");
        CHECK(coverage.kinds.count(kind) == 1);
    }
    // And every reason.
    for (std::size_t reason = 0; reason < reason_count; ++reason) {
        INFO("reason never met: " << reason_name(static_cast<Reason>(reason)));
        CHECK(coverage.reasons.count(static_cast<Reason>(reason)) == 1);
    }
    // Every error on the arrival, the rejection and the reply it causes.
    for (const auto& [kind, error] : std::vector<std::pair<RecordKind, ErrorCode>>{
             {RecordKind::status, ErrorCode::queue_full}, {RecordKind::status, ErrorCode::broker_down},
             {RecordKind::status_reply, ErrorCode::queue_full}, {RecordKind::status_reply, ErrorCode::broker_down},
             {RecordKind::claim_reply, ErrorCode::held_by_other}, {RecordKind::claim_reply, ErrorCode::queue_full},
             {RecordKind::claim_reply, ErrorCode::broker_down}, {RecordKind::list_topics_reply, ErrorCode::queue_full},
             {RecordKind::get_topic_reply, ErrorCode::unknown_topic}, {RecordKind::get_message_reply, ErrorCode::index_out_of_range},
             {RecordKind::release_reply, ErrorCode::queue_full}, {RecordKind::rejected, ErrorCode::unknown_topic},
             {RecordKind::nack, ErrorCode::queue_full}, {RecordKind::nack, ErrorCode::broker_down},
             {RecordKind::dropped, ErrorCode::unknown_topic},
             // The log model's.
             {RecordKind::append, ErrorCode::queue_full}, {RecordKind::fetch, ErrorCode::broker_down},
             {RecordKind::nack, ErrorCode::broker_down}, {RecordKind::fetch_reply, ErrorCode::offset_out_of_range},
             {RecordKind::fetch_reply, ErrorCode::queue_full}, {RecordKind::join_group_reply, ErrorCode::broker_down},
             {RecordKind::join_group_reply, ErrorCode::queue_full}, {RecordKind::heartbeat_reply, ErrorCode::rebalance_in_progress},
             {RecordKind::heartbeat_reply, ErrorCode::unknown_member}, {RecordKind::heartbeat_reply, ErrorCode::queue_full},
             {RecordKind::offset_commit_reply, ErrorCode::unknown_member}, {RecordKind::leave_group_reply, ErrorCode::broker_down},
             {RecordKind::rejected, ErrorCode::rebalance_in_progress}, {RecordKind::rejected, ErrorCode::offset_out_of_range}}) {
        INFO("never met: " << record_kind_name(kind) << " with " << error_name(error));
        CHECK(coverage.errors.count({kind, error}) == 1);
    }
    CHECK(coverage.records > 10'000);
}

TEST_CASE("the -v narrative is the describe() sentence of each record, in order", "[narrative]") {
    // The narrative adds only the time and the monitors' lines: what the
    // property test checks is what a -v reader sees.
    const RecordedRun run(reply_error_cases().front().spec, records_only());
    std::ostringstream narrative;
    write_narrative(run, narrative);
    std::istringstream lines(narrative.str());
    std::string line;
    std::size_t i = 0;
    while (std::getline(lines, line)) {
        if (line.rfind("             ", 0) == 0) continue;  // a monitor's finding under its event
        REQUIRE(i < run.event_count());
        CHECK(line == format_time_ms(run.records()[i].time_ns) + "  " + describe(run.records()[i], run.final_state()));
        ++i;
    }
    CHECK(i == run.event_count());
}
