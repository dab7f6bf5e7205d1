// choose_broker() over every policy x every mix of broker views (1 to 4
// brokers, each unanswered, refused, down, busy, or idle with one of three
// queue lengths) x every round-robin cursor: the choice, the reason, the
// draws taken from the consumer's stream and the cursor's move all match
// the policy as the README states it, computed here independently.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "core/choose_broker.hpp"

using namespace kafkasim;

namespace {

// One broker's status as the consumer may have seen it.
enum class Seen { unanswered, refused, down, busy, idle_q0, idle_q1, idle_q2 };
constexpr Seen all_seen[] = {Seen::unanswered, Seen::refused, Seen::down, Seen::busy, Seen::idle_q0, Seen::idle_q1, Seen::idle_q2};

BrokerView view_of(Seen seen) {
    BrokerView view;
    switch (seen) {
        case Seen::unanswered: break;
        case Seen::refused:
            view.answered = true;
            view.refused = true;
            break;
        case Seen::down:
            // A refused connection is answered, down and refused.
            view.answered = true;
            view.down = true;
            view.refused = true;
            break;
        case Seen::busy:
            view.answered = true;
            view.busy = true;
            view.holder = 7;
            view.queue_length = 0;
            break;
        case Seen::idle_q0:
        case Seen::idle_q1:
        case Seen::idle_q2:
            view.answered = true;
            view.queue_length = static_cast<std::uint32_t>(static_cast<int>(seen) - static_cast<int>(Seen::idle_q0));
            break;
    }
    return view;
}

// Also views that are odd combinations (busy and refused, an error reply
// that still says idle): never available.
std::vector<BrokerView> odd_views() {
    std::vector<BrokerView> views;
    BrokerView busy_refused = view_of(Seen::busy);
    busy_refused.refused = true;
    views.push_back(busy_refused);
    BrokerView refused_idle = view_of(Seen::idle_q0);
    refused_idle.refused = true;
    views.push_back(refused_idle);
    BrokerView down_only = view_of(Seen::idle_q1);
    down_only.down = true;
    views.push_back(down_only);
    return views;
}

bool is_idle(Seen seen) { return seen == Seen::idle_q0 || seen == Seen::idle_q1 || seen == Seen::idle_q2; }

bool same_stream(const Prng& a, const Prng& b) {
    for (int i = 0; i < 4; ++i) {
        if (a.state_word(i) != b.state_word(i)) return false;
    }
    return true;
}

constexpr PolicyKind all_policies[] = {PolicyKind::seed, PolicyKind::first_idle, PolicyKind::round_robin, PolicyKind::random_idle,
                                       PolicyKind::least_loaded};

// The expected outcome, from the policy's description.
struct Expected {
    std::size_t broker;
    Reason reason;
    Prng prng;
    std::uint32_t cursor;
};

Expected expected_choice(PolicyKind policy, const std::vector<std::size_t>& idle, const std::vector<BrokerView>& views, Prng prng,
                         std::uint32_t cursor) {
    const std::size_t count = views.size();
    if (idle.empty()) return {count, Reason::none, prng, cursor};
    const bool one = idle.size() == 1;
    switch (policy) {
        case PolicyKind::seed:
            if (one) return {idle[0], Reason::only_idle, prng, cursor};
            {
                const std::size_t pick = idle[prng.below(idle.size())];
                return {pick, Reason::random_among_idle, prng, cursor};
            }
        case PolicyKind::random_idle: {
            const std::size_t pick = idle[prng.below(idle.size())];  // one draw even among one
            return {pick, one ? Reason::only_idle : Reason::random_among_idle, prng, cursor};
        }
        case PolicyKind::first_idle: return {idle.front(), one ? Reason::only_idle : Reason::first_idle, prng, cursor};
        case PolicyKind::round_robin: {
            std::size_t pick = count;
            for (std::size_t b : idle) {
                if (b >= cursor) {
                    pick = b;
                    break;
                }
            }
            if (pick == count) pick = idle.front();  // wrap around
            return {pick, one ? Reason::only_idle : Reason::round_robin, prng, static_cast<std::uint32_t>((pick + 1) % count)};
        }
        case PolicyKind::least_loaded: {
            std::size_t pick = idle.front();
            for (std::size_t b : idle) {
                if (views[b].queue_length < views[pick].queue_length) pick = b;
            }
            return {pick, one ? Reason::only_idle : Reason::least_loaded, prng, cursor};
        }
    }
    FAIL("unknown policy");
    return {count, Reason::none, prng, cursor};
}

void check_all(const std::vector<BrokerView>& views, const std::vector<std::size_t>& idle, std::uint64_t& cases, std::uint64_t seed) {
    for (const PolicyKind policy : all_policies) {
        for (std::uint32_t cursor = 0; cursor < views.size(); ++cursor) {
            Prng prng = Prng::stream(seed, "consumer:c1");
            const Expected expected = expected_choice(policy, idle, views, prng, cursor);
            std::uint32_t moved = cursor;
            const BrokerChoice choice = choose_broker(policy, views, prng, moved);
            INFO("policy " << policy_name(policy) << ", " << views.size() << " brokers, " << idle.size() << " idle, cursor " << cursor);
            REQUIRE(choice.broker == expected.broker);
            REQUIRE(choice.reason == expected.reason);
            REQUIRE(moved == expected.cursor);
            REQUIRE(same_stream(prng, expected.prng));
            if (choice.broker < views.size()) REQUIRE(available(views[choice.broker]));
            ++cases;
        }
    }
}

}  // namespace

TEST_CASE("choose_broker: every policy over every mix of views", "[choose_broker][policies]") {
    std::uint64_t cases = 0;
    for (std::size_t count = 1; count <= 4; ++count) {
        std::vector<std::size_t> digits(count, 0);
        for (;;) {
            std::vector<BrokerView> views;
            std::vector<std::size_t> idle;
            for (std::size_t b = 0; b < count; ++b) {
                views.push_back(view_of(all_seen[digits[b]]));
                if (is_idle(all_seen[digits[b]])) idle.push_back(b);
            }
            check_all(views, idle, cases, 1 + cases % 5);
            // Next mix (an odometer over the seven states).
            std::size_t d = 0;
            while (d < count && ++digits[d] == std::size(all_seen)) digits[d++] = 0;
            if (d == count) break;
        }
    }
    // 7 + 49 + 343 + 2401 mixes x 5 policies x (1..4 cursors).
    CHECK(cases == 5 * (7 * 1 + 49 * 2 + 343 * 3 + 2401 * 4));
}

TEST_CASE("choose_broker: odd views are never available", "[choose_broker][policies]") {
    std::uint64_t cases = 0;
    for (const BrokerView& odd : odd_views()) {
        CHECK_FALSE(available(odd));
        // The odd one beside an idle one: the idle one is chosen by every policy.
        for (std::size_t at = 0; at < 2; ++at) {
            std::vector<BrokerView> views(2, view_of(Seen::idle_q2));
            views[at] = odd;
            check_all(views, {1 - at}, cases, 3);
        }
    }
    CHECK(cases == 3 * 2 * 5 * 2);
}

TEST_CASE("choose_broker: a stream of decisions draws as the policy says", "[choose_broker][policies]") {
    // random_idle draws once per decision even with one idle broker; seed
    // does not: over many decisions their streams part exactly there.
    const std::vector<BrokerView> one_idle = {view_of(Seen::busy), view_of(Seen::idle_q0)};
    Prng seed_stream = Prng::stream(9, "consumer:c1");
    Prng random_stream = Prng::stream(9, "consumer:c1");
    const Prng untouched = seed_stream;
    std::uint32_t cursor = 0;
    for (int k = 0; k < 10; ++k) {
        CHECK(choose_broker(PolicyKind::seed, one_idle, seed_stream, cursor).broker == 1);
        CHECK(choose_broker(PolicyKind::random_idle, one_idle, random_stream, cursor).broker == 1);
    }
    CHECK(same_stream(seed_stream, untouched));
    CHECK_FALSE(same_stream(random_stream, untouched));
}
