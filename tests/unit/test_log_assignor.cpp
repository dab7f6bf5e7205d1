// Consumer-group assignors (range, round_robin) against hand-computed tables
// (Kafka's documented examples, uneven splits, more members than
// partitions, name order that is not numeric order), and properties over
// thousands of generated groups: every subscribed partition goes to exactly
// one subscriber, range splits each topic into contiguous near-equal
// ranges, round robin balances members with equal subscriptions.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "core/log/assignor.hpp"
#include "core/prng.hpp"

using namespace kafkasim;
using namespace kafkasim::log;

namespace {

// "t0-0 t0-1 t1-2" for member m of an assignment: topic names and partitions.
std::vector<std::string> texts(const std::vector<std::vector<TopicPartition>>& assignment,
                               const std::vector<TopicPartitions>& topics) {
    std::vector<std::string> result;
    for (const auto& partitions : assignment) {
        std::string text;
        for (const TopicPartition& tp : partitions) {
            if (!text.empty()) text += ' ';
            text += topics[tp.topic].name + "-" + std::to_string(tp.partition);
        }
        result.push_back(text);
    }
    return result;
}

std::vector<std::string> assign(AssignorKind kind, const std::vector<GroupMember>& members,
                                const std::vector<TopicPartitions>& topics) {
    return texts(assign_partitions(kind, members, topics), topics);
}

}  // namespace

TEST_CASE("log assignor: range, hand-computed tables", "[log][assignor]") {
    const std::vector<TopicPartitions> t0t1 = {{"t0", 3}, {"t1", 3}};
    // Kafka's RangeAssignor javadoc: C0, C1 on t0 and t1 with 3 partitions each.
    CHECK(assign(AssignorKind::range, {{"c0", {0, 1}}, {"c1", {0, 1}}}, t0t1) ==
          std::vector<std::string>{"t0-0 t0-1 t1-0 t1-1", "t0-2 t1-2"});
    // Uneven: 7 partitions over 3 members: 3, 2, 2 (the first P % C get one more).
    CHECK(assign(AssignorKind::range, {{"a", {0}}, {"b", {0}}, {"c", {0}}}, {{"orders", 7}}) ==
          std::vector<std::string>{"orders-0 orders-1 orders-2", "orders-3 orders-4", "orders-5 orders-6"});
    // More members than partitions: the last ones are idle.
    CHECK(assign(AssignorKind::range, {{"c1", {0}}, {"c2", {0}}, {"c3", {0}}, {"c4", {0}}}, {{"orders", 3}}) ==
          std::vector<std::string>{"orders-0", "orders-1", "orders-2", ""});
    // Members in any order: sorted by name (bytes: "c10" < "c2"), results in the caller's order.
    CHECK(assign(AssignorKind::range, {{"c2", {0}}, {"c10", {0}}, {"c1", {0}}}, {{"orders", 4}}) ==
          std::vector<std::string>{"orders-3", "orders-2", "orders-0 orders-1"});
    // Only subscribers share a topic; an unsubscribed topic is not assigned.
    CHECK(assign(AssignorKind::range, {{"a", {0}}, {"b", {0, 1}}}, {{"x", 2}, {"y", 3}, {"z", 4}}) ==
          std::vector<std::string>{"x-0", "x-1 y-0 y-1 y-2"});
    CHECK(assign(AssignorKind::range, {}, t0t1).empty());
}

TEST_CASE("log assignor: round robin, hand-computed tables", "[log][assignor]") {
    const std::vector<TopicPartitions> t0t1 = {{"t0", 3}, {"t1", 3}};
    // Kafka's RoundRobinAssignor javadoc, first example.
    CHECK(assign(AssignorKind::round_robin, {{"c0", {0, 1}}, {"c1", {0, 1}}}, t0t1) ==
          std::vector<std::string>{"t0-0 t0-2 t1-1", "t0-1 t1-0 t1-2"});
    // Its second example: C0 on t0; C1 on t0, t1; C2 on t0, t1, t2 (1, 2, 3 partitions).
    CHECK(assign(AssignorKind::round_robin, {{"C0", {0}}, {"C1", {0, 1}}, {"C2", {0, 1, 2}}}, {{"t0", 1}, {"t1", 2}, {"t2", 3}}) ==
          std::vector<std::string>{"t0-0", "t1-0", "t1-1 t2-0 t2-1 t2-2"});
    // Topics are dealt in name order, whatever their order in the scenario.
    CHECK(assign(AssignorKind::round_robin, {{"a", {0, 1}}, {"b", {0, 1}}}, {{"zeta", 1}, {"alpha", 2}}) ==
          std::vector<std::string>{"alpha-0 zeta-0", "alpha-1"});
    // More members than partitions.
    CHECK(assign(AssignorKind::round_robin, {{"c1", {0}}, {"c2", {0}}, {"c3", {0}}, {"c4", {0}}}, {{"orders", 3}}) ==
          std::vector<std::string>{"orders-0", "orders-1", "orders-2", ""});
}

TEST_CASE("log assignor: properties over generated groups", "[log][assignor]") {
    Prng prng(7);
    for (int round = 0; round < 3000; ++round) {
        CAPTURE(round);
        std::vector<TopicPartitions> topics(1 + prng.below(4));
        for (std::size_t t = 0; t < topics.size(); ++t) {
            topics[t] = {"t" + std::to_string(prng.below(100)) + "-" + std::to_string(t), static_cast<std::uint32_t>(1 + prng.below(12))};
        }
        const bool same_subscriptions = prng.below(2) == 0;
        std::vector<std::uint32_t> shared;
        for (std::uint32_t t = 0; t < topics.size(); ++t) {
            if (prng.below(2) == 0 || t == 0) shared.push_back(t);
        }
        std::vector<GroupMember> members(prng.below(9));
        for (std::size_t m = 0; m < members.size(); ++m) {
            members[m].name = "m" + std::to_string(prng.below(1000)) + "." + std::to_string(m);
            if (same_subscriptions) {
                members[m].topics = shared;
            } else {
                for (std::uint32_t t = 0; t < topics.size(); ++t) {
                    if (prng.below(2) == 0) members[m].topics.push_back(t);
                }
            }
        }
        for (const AssignorKind kind : {AssignorKind::range, AssignorKind::round_robin}) {
            CAPTURE(static_cast<int>(kind));
            const auto assignment = assign_partitions(kind, members, topics);
            REQUIRE(assignment.size() == members.size());
            std::map<std::pair<std::uint32_t, std::uint32_t>, int> owners;
            for (std::size_t m = 0; m < members.size(); ++m) {
                for (std::size_t i = 0; i < assignment[m].size(); ++i) {
                    const TopicPartition tp = assignment[m][i];
                    REQUIRE(tp.topic < topics.size());
                    REQUIRE(tp.partition < topics[tp.topic].partitions);
                    // Only to a subscriber.
                    REQUIRE(std::find(members[m].topics.begin(), members[m].topics.end(), tp.topic) != members[m].topics.end());
                    ++owners[{tp.topic, tp.partition}];
                    // Sorted by topic name, then partition.
                    if (i > 0) {
                        const TopicPartition prev = assignment[m][i - 1];
                        REQUIRE((topics[prev.topic].name < topics[tp.topic].name ||
                                 (prev.topic == tp.topic && prev.partition < tp.partition)));
                    }
                }
            }
            // Every partition of a subscribed topic exactly once; others never.
            for (std::uint32_t t = 0; t < topics.size(); ++t) {
                const bool subscribed = std::any_of(members.begin(), members.end(), [&](const GroupMember& m) {
                    return std::find(m.topics.begin(), m.topics.end(), t) != m.topics.end();
                });
                for (std::uint32_t p = 0; p < topics[t].partitions; ++p) {
                    REQUIRE(owners[{t, p}] == (subscribed ? 1 : 0));
                }
            }
            // Balance.
            if (kind == AssignorKind::range) {
                for (std::uint32_t t = 0; t < topics.size(); ++t) {
                    std::vector<std::uint32_t> counts;
                    for (std::size_t m = 0; m < members.size(); ++m) {
                        if (std::find(members[m].topics.begin(), members[m].topics.end(), t) == members[m].topics.end()) continue;
                        counts.push_back(static_cast<std::uint32_t>(std::count_if(assignment[m].begin(), assignment[m].end(),
                                                                                  [&](const TopicPartition& tp) { return tp.topic == t; })));
                    }
                    if (counts.empty()) continue;
                    const auto [low, high] = std::minmax_element(counts.begin(), counts.end());
                    REQUIRE(*high - *low <= 1);
                }
            } else if (same_subscriptions && !members.empty()) {
                std::vector<std::size_t> counts;
                for (const auto& partitions : assignment) counts.push_back(partitions.size());
                const auto [low, high] = std::minmax_element(counts.begin(), counts.end());
                REQUIRE(*high - *low <= 1);
            }
        }
    }
}
