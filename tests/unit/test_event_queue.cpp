// The event queue orders by (time, insertion sequence): equal times run in
// the order they were scheduled. Checked against std::stable_sort (which
// keeps insertion order among equal times by definition) and against a
// plain ordered reference under interleaved pushes and pops.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <set>
#include <tuple>
#include <vector>

#include "core/event_queue.hpp"
#include "core/prng.hpp"

using namespace kafkasim;

namespace {

struct Pushed {
    TimeNs time_ns;
    std::uint32_t payload;
};

std::vector<std::uint32_t> drain_payloads(EventQueue& queue) {
    std::vector<std::uint32_t> payloads;
    while (!queue.empty()) payloads.push_back(queue.pop().payload);
    return payloads;
}

}  // namespace

TEST_CASE("event queue: pops by time, ties in scheduling order", "[event_queue]") {
    EventQueue queue;
    queue.push(50, 0, 0, 0);
    queue.push(10, 0, 0, 1);
    queue.push(50, 0, 0, 2);
    queue.push(30, 0, 0, 3);
    queue.push(10, 0, 0, 4);
    queue.push(0, 0, 0, 5);
    queue.push(50, 0, 0, 6);
    REQUIRE(queue.size() == 7);
    CHECK(drain_payloads(queue) == std::vector<std::uint32_t>{5, 1, 4, 3, 0, 2, 6});
}

TEST_CASE("event queue: many events at one time come out in push order", "[event_queue]") {
    EventQueue queue;
    for (std::uint32_t i = 0; i < 5000; ++i) queue.push(7, 0, 0, i);
    const auto payloads = drain_payloads(queue);
    REQUIRE(payloads.size() == 5000);
    for (std::uint32_t i = 0; i < 5000; ++i) REQUIRE(payloads[i] == i);
}

TEST_CASE("event queue: sequence numbers, fields and clear", "[event_queue]") {
    EventQueue queue;
    CHECK(queue.push(5, 3, 9, 77) == 0);
    CHECK(queue.push(4, 1, 2, 88) == 1);
    CHECK(queue.scheduled_total() == 2);
    const Event first = queue.pop();
    CHECK(first.time_ns == 4);
    CHECK(first.sequence == 1);
    CHECK(first.kind == 1);
    CHECK(first.actor == 2);
    CHECK(first.payload == 88);
    const Event second = queue.pop();
    CHECK(second.time_ns == 5);
    CHECK(second.sequence == 0);
    CHECK(second.kind == 3);
    CHECK(second.actor == 9);
    CHECK(second.payload == 77);
    CHECK(queue.empty());
    // The sequence keeps counting across an empty queue: it is the tie rule.
    CHECK(queue.push(1, 0, 0, 0) == 2);
    queue.clear();
    CHECK(queue.empty());
    CHECK(queue.push(1, 0, 0, 0) == 0);
}

TEST_CASE("event queue: random pushes then pops match std::stable_sort", "[event_queue]") {
    // Few distinct times, so ties are the common case.
    for (const TimeNs time_range : {TimeNs{1}, TimeNs{4}, TimeNs{50}, TimeNs{1'000'000}}) {
        Prng prng(static_cast<std::uint64_t>(time_range));
        EventQueue queue;
        std::vector<Pushed> reference;
        for (std::uint32_t i = 0; i < 20'000; ++i) {
            const auto time_ns = static_cast<TimeNs>(prng.below(static_cast<std::uint64_t>(time_range)));
            queue.push(time_ns, 0, 0, i);
            reference.push_back({time_ns, i});
        }
        std::stable_sort(reference.begin(), reference.end(), [](const Pushed& a, const Pushed& b) { return a.time_ns < b.time_ns; });
        INFO("time range " << time_range);
        for (const Pushed& expected : reference) {
            const Event got = queue.pop();
            REQUIRE(got.time_ns == expected.time_ns);
            REQUIRE(got.payload == expected.payload);
        }
        REQUIRE(queue.empty());
    }
}

TEST_CASE("event queue: interleaved pushes and pops match an ordered reference", "[event_queue]") {
    // A discrete-event engine never schedules into the past: pushes are at
    // or after the last popped time, as here.
    Prng prng(2024);
    EventQueue queue;
    std::set<std::tuple<TimeNs, std::uint64_t, std::uint32_t>> reference;  // (time, sequence, payload)
    TimeNs now_ns = 0;
    std::uint32_t next_payload = 0;
    std::uint64_t pops = 0;
    for (int step = 0; step < 200'000; ++step) {
        const bool push = reference.empty() || prng.below(100) < 55;
        if (push) {
            const TimeNs time_ns = now_ns + static_cast<TimeNs>(prng.below(8));
            const std::uint64_t sequence = queue.push(time_ns, 0, 0, next_payload);
            reference.emplace(time_ns, sequence, next_payload);
            ++next_payload;
        } else {
            const Event got = queue.pop();
            const auto expected = *reference.begin();
            reference.erase(reference.begin());
            REQUIRE(got.time_ns == std::get<0>(expected));
            REQUIRE(got.sequence == std::get<1>(expected));
            REQUIRE(got.payload == std::get<2>(expected));
            REQUIRE(got.time_ns >= now_ns);
            now_ns = got.time_ns;
            ++pops;
        }
        REQUIRE(queue.size() == reference.size());
    }
    CHECK(pops > 50'000);  // the walk really exercised both directions
}

TEST_CASE("event queue: a million events stay ordered", "[event_queue]") {
    Prng prng(99);
    EventQueue queue;
    queue.reserve(1'000'000);
    for (std::uint32_t i = 0; i < 1'000'000; ++i) {
        queue.push(static_cast<TimeNs>(prng.below(1u << 20)), 0, 0, i);
    }
    REQUIRE(queue.size() == 1'000'000);
    Event previous = queue.pop();
    std::size_t popped = 1;
    bool ordered = true;
    while (!queue.empty()) {
        const Event next = queue.pop();
        ordered = ordered && (previous.time_ns < next.time_ns ||
                              (previous.time_ns == next.time_ns && previous.sequence < next.sequence));
        // Within one time, sequence order is payload order here (payload = push index).
        ordered = ordered && (previous.time_ns != next.time_ns || previous.payload < next.payload);
        previous = next;
        ++popped;
    }
    CHECK(ordered);
    CHECK(popped == 1'000'000);
    CHECK(queue.scheduled_total() == 1'000'000);
}
