// The log model's engine (model: log), on hand-built scenarios: where
// records go, what consumers read, how groups rebalance, what faults lose,
// and that runs stay deterministic values. The partitioner, assignors and
// ConsumerGroup have their own tests (test_log_*.cpp); these run them inside
// the engine.
//
// [SECTION] producers: partitions and offsets
// [SECTION] consumers: one member, many members
// [SECTION] rebalancing: join, leave, crash
// [SECTION] broker faults
// [SECTION] determinism and snapshots
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "core/log/partitioner.hpp"
#include "core/log_stats.hpp"
#include "core/recorded_run.hpp"
#include "log_builders.hpp"
#include "run_inspect.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

// Every record of every partition, as (global partition, offset).
std::set<std::pair<std::uint32_t, std::uint64_t>> all_records(const Simulation& s) {
    std::set<std::pair<std::uint32_t, std::uint64_t>> result;
    for (std::uint32_t p = 0; p < s.log_model().partitions.size(); ++p) {
        for (const log::LogRecord& record : s.log_model().partitions[p].records()) result.emplace(p, record.offset);
    }
    return result;
}

// What a group's members consumed, as a set (duplicates collapse).
std::set<std::pair<std::uint32_t, std::uint64_t>> consumed_by_group(const Simulation& s, std::uint32_t group) {
    std::set<std::pair<std::uint32_t, std::uint64_t>> result;
    for (std::size_t c = 0; c < s.spec().consumers.size(); ++c) {
        if (s.spec().consumers[c].group != group) continue;
        for (const LogConsumption& item : s.log_model().consumers[c].consumed) result.emplace(item.partition, item.offset);
    }
    return result;
}

std::uint64_t total_duplicates(const Simulation& s) {
    std::uint64_t total = 0;
    for (const std::uint64_t d : consumer_duplicates(s)) total += d;
    return total;
}

// Three brokers, topic orders with 3 partitions, one producer sending
// `count` keyed records every 2 ms.
ScenarioSpec orders_scenario(std::uint64_t count, TimeNs until_ns) {
    ScenarioSpec spec = log_scenario(3, {log_topic("orders", 3)}, until_ns);
    ProducerSpec producer = log_producer("p1");
    producer.workload = send_workload("orders", count, 2 * ns_per_ms, {"user-1", "user-2", "user-3", "user-4", "user-5"});
    spec.producers.push_back(producer);
    return spec;
}

}  // namespace

// [SECTION] producers: partitions and offsets

TEST_CASE("a keyed record goes to the partition Kafka's partitioner picks and gets the next offset", "[log]") {
    ScenarioSpec spec = log_scenario(3, {log_topic("orders", 3), log_topic("audit", 1)}, 50 * ns_per_ms);
    const std::vector<std::string> keys = {"21", "foobar", "abc", "21", "user-42", "abc"};
    std::vector<ProducerActionSpec> actions;
    for (std::size_t i = 0; i < keys.size(); ++i) actions.push_back(send_action(static_cast<TimeNs>(i + 1) * ns_per_ms, "orders", keys[i], "v" + std::to_string(i)));
    actions.push_back(send_action(10 * ns_per_ms, "audit", std::nullopt, "no key"));
    spec.producers.push_back(log_producer("p1", actions));
    const RecordedRun run(spec, records_only());
    const Simulation& s = run.final_state();
    std::map<std::uint32_t, std::vector<std::string>> expected;
    for (std::size_t i = 0; i < keys.size(); ++i) expected[log::partition_for_key(keys[i], 3)].push_back("v" + std::to_string(i));
    for (std::uint32_t p = 0; p < 3; ++p) {
        std::vector<std::string> values;
        for (const log::LogRecord& record : s.log_model().partitions[p].records()) values.push_back(s.strings().text(record.value));
        CHECK(values == expected[p]);
        // Partition p of the first topic is led by broker p (placement: (p + 0) mod 3).
        CHECK(s.log_model().layout.leader[p] == p);
    }
    // audit (topic 1) partition 0 is led by broker (0 + 1) mod 3.
    CHECK(s.log_model().layout.leader[3] == 1);
    CHECK(s.log_model().partitions[3].end_offset() == 1);
    // Every ack names the offset the leader gave.
    const std::vector<Record> acks = records_of(run, RecordKind::ack);
    REQUIRE(acks.size() == keys.size() + 1);
    for (const Record& ack : acks) {
        const std::uint32_t global = s.log_model().layout.global(ack.topic == s.log_model().layout.topic_names[0] ? 0 : 1, record_partition(ack));
        const auto& records = s.log_model().partitions[global].records();
        const bool found = std::any_of(records.begin(), records.end(), [&](const log::LogRecord& r) {
            return static_cast<std::int64_t>(r.offset) == ack.index && r.value == ack.text;
        });
        CHECK(found);
    }
    CHECK(s.producers()[0].stats.acked == keys.size() + 1);
}

TEST_CASE("unkeyed records go round robin, or in sticky batches", "[log]") {
    for (const auto kind : {log::PartitionerKind::round_robin, log::PartitionerKind::sticky}) {
        ScenarioSpec spec = log_scenario(2, {log_topic("t", 3)}, 100 * ns_per_ms);
        ProducerSpec producer = log_producer("p1");
        producer.partitioner = kind;
        producer.batch_records = 2;
        producer.workload = send_workload("t", 12, ns_per_ms, {"k"});  // the key is ignored by both
        spec.producers.push_back(producer);
        const RecordedRun run(spec, records_only());
        std::vector<std::uint32_t> partitions;
        for (const Record& send : records_of(run, RecordKind::send)) partitions.push_back(record_partition(send));
        const std::vector<std::uint32_t> expected = kind == log::PartitionerKind::round_robin
                                                        ? std::vector<std::uint32_t>{0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2}
                                                        : std::vector<std::uint32_t>{0, 0, 1, 1, 2, 2, 0, 0, 1, 1, 2, 2};
        CHECK(partitions == expected);
        for (std::uint32_t p = 0; p < 3; ++p) CHECK(run.final_state().log_model().partitions[p].end_offset() == 4);
    }
}

// [SECTION] consumers: one member, many members

TEST_CASE("one member reads every record once, in offset order, and commits the end", "[log]") {
    for (const CommitMode commit : {CommitMode::after_poll, CommitMode::auto_commit}) {
        ScenarioSpec spec = orders_scenario(60, 500 * ns_per_ms);
        const auto g = add_group(spec, "g1");
        spec.consumers.push_back(member("c1", g, {0}, commit));
        const RecordedRun run(spec, records_only());
        const Simulation& s = run.final_state();
        CHECK(consumed_by_group(s, g) == all_records(s));
        CHECK(s.log_model().consumers[0].consumed.size() == 60);
        CHECK(total_duplicates(s) == 0);
        // Per partition, offsets in order.
        std::map<std::uint32_t, std::int64_t> last;
        for (const LogConsumption& item : s.log_model().consumers[0].consumed) {
            auto [at, inserted] = last.try_emplace(item.partition, -1);
            CHECK(static_cast<std::int64_t>(item.offset) == at->second + 1);
            at->second = static_cast<std::int64_t>(item.offset);
        }
        CHECK(group_lag(s, g).total == 0);
        CHECK(s.log_model().groups[g].rebalances == 1);
    }
}

TEST_CASE("more members than partitions: the extra members sit idle", "[log]") {
    for (const auto assignor : {log::AssignorKind::range, log::AssignorKind::round_robin}) {
        ScenarioSpec spec = orders_scenario(30, 300 * ns_per_ms);
        const auto g = add_group(spec, "g1", 30 * ns_per_ms, assignor);
        for (const char* name : {"c1", "c2", "c3", "c4"}) spec.consumers.push_back(member(name, g, {0}));
        const RecordedRun run(spec, records_only());
        const Simulation& s = run.final_state();
        const CoordinatedGroup& group = s.log_model().groups[g];
        REQUIRE(group.phase == GroupPhase::stable);
        for (std::uint32_t c = 0; c < 3; ++c) {
            const auto assigned = group.group.assignment(c);
            REQUIRE(assigned.size() == 1);
            CHECK(assigned[0].partition == c);
        }
        CHECK(group.group.assignment(3).empty());
        CHECK(s.log_model().consumers[3].consumed.empty());
        CHECK(consumed_by_group(s, g) == all_records(s));
        // The idle member was told why.
        const std::vector<Record> replies = records_of(run, RecordKind::join_group_reply);
        CHECK(std::any_of(replies.begin(), replies.end(), [&](const Record& r) {
            return r.target == s.consumer_actor(3) && r.reason == Reason::no_partitions && r.index == group.group.generation();
        }));
    }
}

// [SECTION] rebalancing: join, leave, crash

TEST_CASE("a member that joins late takes partitions over; what was not committed is read again", "[log]") {
    ScenarioSpec spec = orders_scenario(100, 400 * ns_per_ms);
    const auto g = add_group(spec, "g1", 30 * ns_per_ms);
    ConsumerSpec c1 = member("c1", g, {0}, CommitMode::auto_commit);
    c1.auto_commit_interval_ns = 10 * ns_per_s;  // never within the run: only the revoke commits
    c1.process_time = DistributionSpec::constant(3 * ns_per_ms);  // falls behind the producer
    spec.consumers.push_back(c1);
    ConsumerSpec c2 = member("c2", g, {0}, CommitMode::manual);
    c2.join_at_ns = 100 * ns_per_ms;
    spec.consumers.push_back(c2);
    SECTION("auto commit before the revoke: no duplicates") {
        const RecordedRun run(spec, records_only());
        const Simulation& s = run.final_state();
        CHECK(s.log_model().groups[g].rebalances == 2);
        CHECK(!s.log_model().groups[g].group.assignment(1).empty());
        CHECK(total_duplicates(s) == 0);
    }
    SECTION("no commit at all: the new owners start from the beginning") {
        spec.consumers[0].commit = CommitMode::manual;
        const RecordedRun run(spec, records_only());
        const Simulation& s = run.final_state();
        CHECK(s.log_model().groups[g].rebalances == 2);
        CHECK(total_duplicates(s) > 0);
        CHECK(consumer_duplicates(s)[0] + consumer_duplicates(s)[1] == total_duplicates(s));
    }
}

TEST_CASE("a member that leaves hands its partitions to the others at once", "[log]") {
    ScenarioSpec spec = orders_scenario(60, 400 * ns_per_ms);
    const auto g = add_group(spec, "g1", 10 * ns_per_s);  // a long session: only the leave can trigger this
    spec.groups[g].heartbeat_interval_ns = 5 * ns_per_ms;   // members hear of a rebalance at their next heartbeat
    spec.consumers.push_back(member("c1", g, {0}));
    ConsumerSpec c2 = member("c2", g, {0});
    c2.leave_at_ns = 50 * ns_per_ms;
    spec.consumers.push_back(c2);
    const RecordedRun run(spec, records_only());
    const Simulation& s = run.final_state();
    CHECK(s.log_model().consumers[1].phase == MemberPhase::left);
    CHECK(s.log_model().groups[g].group.assignment(0).size() == 3);
    CHECK(consumed_by_group(s, g) == all_records(s));
    const std::vector<Record> starts = records_of(run, RecordKind::rebalance_start);
    CHECK(std::any_of(starts.begin(), starts.end(), [](const Record& r) { return r.reason == Reason::member_left_group; }));
}

TEST_CASE("a crashed member is removed after its session timeout; the others take its partitions", "[log]") {
    ScenarioSpec spec = orders_scenario(100, 600 * ns_per_ms);
    const auto g = add_group(spec, "g1", 30 * ns_per_ms);
    spec.consumers.push_back(member("c1", g, {0}));
    spec.consumers.push_back(member("c2", g, {0}));
    FaultSpec crash;
    crash.kind = FaultSpec::Kind::crash;
    crash.from_ns = 100 * ns_per_ms;
    crash.consumer = 1;
    spec.faults.push_back(crash);
    const RecordedRun run(spec, records_only());
    const Simulation& s = run.final_state();
    const std::vector<Record> expired = records_of(run, RecordKind::member_expired);
    REQUIRE(expired.size() == 1);
    CHECK(expired[0].target == s.consumer_actor(1));
    CHECK(expired[0].time_ns >= 100 * ns_per_ms + 20 * ns_per_ms);  // at least session_timeout after its last heartbeat
    CHECK(expired[0].time_ns <= 100 * ns_per_ms + 30 * ns_per_ms + ns_per_ms);
    CHECK(s.log_model().consumers[1].phase == MemberPhase::crashed);
    CHECK(s.log_model().groups[g].group.assignment(0).size() == 3);
    CHECK(consumed_by_group(s, g) == all_records(s));
}

// [SECTION] broker faults

TEST_CASE("a leader that crashes without durability loses its partition's log", "[log]") {
    ScenarioSpec spec = orders_scenario(40, 300 * ns_per_ms);
    const auto g = add_group(spec, "g1");
    spec.consumers.push_back(member("c1", g, {0}));
    FaultSpec crash;
    crash.kind = FaultSpec::Kind::crash;
    crash.from_ns = 40 * ns_per_ms;
    crash.broker = 2;  // leads orders-2
    spec.faults.push_back(crash);
    FaultSpec restart = crash;
    restart.kind = FaultSpec::Kind::restart;
    restart.from_ns = 60 * ns_per_ms;
    spec.faults.push_back(restart);
    const RecordedRun run(spec, RecordOptions{});
    const Simulation& s = run.final_state();
    CHECK(s.log_model().log_incarnation[2] == 1);
    CHECK(s.log_model().log_incarnation[0] == 0);
    CHECK(run.monitors().count(MonitorKind::lost_ack) > 0);
    // The member read on after the loss: every record of the new log too.
    CHECK(consumed_by_group(s, g).size() >= all_records(s).size());
    std::set<std::pair<std::uint32_t, std::uint64_t>> consumed = consumed_by_group(s, g);
    for (const auto& record : all_records(s)) CHECK(consumed.count(record) == 1);
}

TEST_CASE("the coordinator's crash makes every member rejoin", "[log]") {
    ScenarioSpec spec = orders_scenario(60, 500 * ns_per_ms);
    const auto g = add_group(spec, "g1", 30 * ns_per_ms, log::AssignorKind::range, 1);
    spec.consumers.push_back(member("c1", g, {0}));
    spec.consumers.push_back(member("c2", g, {0}));
    FaultSpec crash;
    crash.kind = FaultSpec::Kind::crash;
    crash.from_ns = 50 * ns_per_ms;
    crash.broker = 1;
    spec.faults.push_back(crash);
    FaultSpec restart = crash;
    restart.kind = FaultSpec::Kind::restart;
    restart.from_ns = 80 * ns_per_ms;
    spec.faults.push_back(restart);
    const RecordedRun run(spec, RecordOptions{});
    const Simulation& s = run.final_state();
    const CoordinatedGroup& group = s.log_model().groups[g];
    CHECK(group.phase == GroupPhase::stable);
    CHECK(group.members.size() == 2);
    const std::vector<Record> replies = records_of(run, RecordKind::heartbeat_reply);
    CHECK(std::any_of(replies.begin(), replies.end(), [](const Record& r) { return r.error == ErrorCode::unknown_member; }));
    CHECK(consumed_by_group(s, g) == all_records(s));
}

// [SECTION] determinism and snapshots

TEST_CASE("log runs are deterministic, and a snapshot continues exactly as the run does", "[log]") {
    ScenarioSpec spec = orders_scenario(80, 400 * ns_per_ms);
    spec.network.latency = DistributionSpec::uniform(50 * ns_per_us, 500 * ns_per_us);
    const auto g = add_group(spec, "g1", 30 * ns_per_ms);
    spec.consumers.push_back(member("c1", g, {0}, CommitMode::auto_commit));
    ConsumerSpec c2 = member("c2", g, {0});
    c2.join_at_ns = 60 * ns_per_ms;
    c2.process_time = DistributionSpec::exponential(500 * ns_per_us);
    spec.consumers.push_back(c2);
    ConsumerSpec c3 = member("c3", g, {0});
    c3.leave_at_ns = 200 * ns_per_ms;
    spec.consumers.push_back(c3);
    const Traced first = trace_of(spec);
    const Traced second = trace_of(spec);
    CHECK(first.bytes == second.bytes);
    CHECK(first.state_hash == second.state_hash);
    CHECK(first.events > 1000);

    StringTable strings;
    Simulation whole(spec, strings);
    for (int i = 0; i < 700; ++i) REQUIRE(whole.step());
    Simulation copy = whole;  // a snapshot
    whole.run(100000000);
    copy.run(100000000);
    CHECK(copy.state_hash() == whole.state_hash());
    whole.check_invariants();
}
