// The log model's pure parts that hold state: a partition's append-only log
// (offsets, fetch windows, out of range, loss) and a consumer group (joins,
// leaves, rebalances, committed offsets, lag). Tables for the teaching
// cases (the fourth member on three partitions is idle; a new owner resumes
// from the committed offset, so uncommitted progress is read again) and a
// property over random sequences of group operations.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "core/log/consumer_group.hpp"
#include "core/log/partition_log.hpp"
#include "core/prng.hpp"

using namespace kafkasim;
using namespace kafkasim::log;

TEST_CASE("log partition: offsets in append order, fetch windows, out of range, loss", "[log][partition]") {
    PartitionLog log;
    CHECK(log.end_offset() == 0);
    CHECK(log.fetch(0, 10).records.empty());
    CHECK_FALSE(log.fetch(0, 10).out_of_range);
    CHECK(log.fetch(1, 10).out_of_range);
    const std::uint64_t empty_hash = log.hash();
    for (std::uint32_t i = 0; i < 25; ++i) CHECK(log.append(i % 3 == 0 ? no_string : i, 100 + i, 1000 * i) == i);
    CHECK(log.end_offset() == 25);
    const FetchResult window = log.fetch(20, 10);
    REQUIRE(window.records.size() == 5);
    CHECK(window.records[0] == LogRecord{20, 20, 120, 20'000});
    CHECK(window.records[4].offset == 24);
    CHECK(log.fetch(3, 4).records.size() == 4);
    CHECK(log.fetch(25, 4).records.empty());
    CHECK_FALSE(log.fetch(25, 4).out_of_range);
    CHECK(log.fetch(26, 4).out_of_range);
    CHECK(log.hash() != empty_hash);
    log.lose_all();
    CHECK(log.end_offset() == 0);
    CHECK(log.hash() == empty_hash);
    CHECK(log.fetch(5, 1).out_of_range);
    CHECK(partition_lag(10, 4) == 6);
    CHECK(partition_lag(3, 7) == 0);
}

TEST_CASE("log partition: the hash tells logs apart by any field and order", "[log][partition]") {
    std::set<std::uint64_t> hashes;
    // Every log of 2 records over small keys, values and times: all distinct.
    int logs = 0;
    for (StringId k1 : {no_string, 0u, 1u}) {
        for (StringId v1 : {0u, 1u}) {
            for (TimeNs t1 : {0, 1}) {
                for (StringId k2 : {no_string, 0u, 1u}) {
                    for (StringId v2 : {0u, 1u}) {
                        for (TimeNs t2 : {0, 1}) {
                            PartitionLog log;
                            log.append(k1, v1, t1);
                            log.append(k2, v2, t2);
                            hashes.insert(log.hash());
                            ++logs;
                        }
                    }
                }
            }
        }
    }
    CHECK(hashes.size() == static_cast<std::size_t>(logs));
}

namespace {

std::vector<TopicPartitions> orders(std::uint32_t partitions) { return {{"orders", partitions}, {"audit", 1}}; }

}  // namespace

TEST_CASE("log group: scaling a group of 1, 3, 4 members on 3 partitions", "[log][group]") {
    ConsumerGroup group(AssignorKind::range, orders(3));
    CHECK(group.generation() == 0);
    group.join(0, "c1", {0});
    CHECK(group.needs_rebalance());
    group.rebalance();
    CHECK(group.generation() == 1);
    CHECK(group.assignment(0).size() == 3);
    group.join(1, "c2", {0});
    group.join(2, "c3", {0});
    group.rebalance();
    for (std::uint32_t m = 0; m < 3; ++m) CHECK(group.assignment(m).size() == 1);
    group.join(3, "c4", {0});
    group.rebalance();
    CHECK(group.assignment(3).empty());  // idle: 4 members, 3 partitions
    CHECK(group.owner({0, 2}) == 2u);
    CHECK_FALSE(group.owner({1, 0}));    // nobody subscribes to audit
    group.leave(0);
    CHECK_FALSE(group.owner({0, 0}));    // until the rebalance
    group.rebalance();
    CHECK(group.assignment(3).size() == 1);  // the idle member takes over
    CHECK(group.generation() == 4);
}

TEST_CASE("log group: a new owner resumes from the committed offset", "[log][group]") {
    ConsumerGroup group(AssignorKind::round_robin, orders(2));
    group.join(7, "c1", {0, 1});
    group.rebalance();
    CHECK(group.start_offset({0, 0}) == 0);  // never committed: from the start
    CHECK_FALSE(group.committed({0, 0}));
    group.commit({0, 0}, 40);  // c1 read up to 59 but committed only 40
    CHECK(group.lag({0, 0}, 100) == 60);
    CHECK(group.lag({0, 1}, 100) == 100);
    group.leave(7);
    group.join(8, "c2", {0});
    group.rebalance();
    CHECK(group.owner({0, 0}) == 8u);
    CHECK(group.start_offset({0, 0}) == 40);  // records 40..59 are read again: duplicates
}

TEST_CASE("log group: random joins, leaves and rebalances keep one owner per partition", "[log][group]") {
    Prng prng(11);
    for (int round = 0; round < 300; ++round) {
        CAPTURE(round);
        const AssignorKind kind = prng.below(2) == 0 ? AssignorKind::range : AssignorKind::round_robin;
        std::vector<TopicPartitions> topics = {{"a", static_cast<std::uint32_t>(1 + prng.below(6))},
                                               {"b", static_cast<std::uint32_t>(1 + prng.below(6))}};
        ConsumerGroup group(kind, topics);
        std::map<std::uint32_t, std::vector<std::uint32_t>> members;  // the model's expectation
        for (int step = 0; step < 40; ++step) {
            const std::uint32_t id = static_cast<std::uint32_t>(prng.below(8));
            if (members.count(id)) {
                group.leave(id);
                members.erase(id);
            } else {
                std::vector<std::uint32_t> subscription;
                if (prng.below(3) != 0) subscription.push_back(0);
                if (prng.below(2) != 0) subscription.push_back(1);
                group.join(id, "m" + std::to_string(id), subscription);
                members[id] = subscription;
            }
            CHECK(group.member_count() == members.size());
            if (prng.below(2) == 0) continue;
            group.rebalance();
            // The same members joined in another order: the same assignment.
            ConsumerGroup fresh(kind, topics);
            for (auto it = members.rbegin(); it != members.rend(); ++it) fresh.join(it->first, "m" + std::to_string(it->first), it->second);
            fresh.rebalance();
            for (std::uint32_t t = 0; t < topics.size(); ++t) {
                bool subscribed = false;
                for (const auto& [member, subscription] : members) {
                    subscribed = subscribed || std::find(subscription.begin(), subscription.end(), t) != subscription.end();
                }
                for (std::uint32_t p = 0; p < topics[t].partitions; ++p) {
                    const auto owner = group.owner({t, p});
                    REQUIRE(owner.has_value() == subscribed);
                    REQUIRE(owner == fresh.owner({t, p}));
                    if (owner) REQUIRE(members.count(*owner) == 1);
                }
            }
        }
    }
}
