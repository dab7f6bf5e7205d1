// A client acts on what a reply says: an error is never taken for success.
// Every (request kind x error kind) the model can produce is provoked (see
// reply_error_cases.hpp) and, after each reply, the client's state is checked
// against the reply: a refused status never makes a broker idle, a refused
// claim never leads on to listing topics, a failed read never consumes, a
// refused release leaves the broker held, a nack never counts as an ack; in
// the log model an error fetch reply buffers and consumes nothing, an error
// join reply leaves the member joining, a rejoin gives up every partition,
// an error commit reply is not taken as committed.
#include <catch2/catch.hpp>

#include <set>
#include <utility>

#include "reply_error_cases.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

constexpr TimeNs ms = ns_per_ms;

bool policy_reason(Reason reason) {
    return reason == Reason::only_idle || reason == Reason::random_among_idle || reason == Reason::first_idle ||
           reason == Reason::round_robin || reason == Reason::least_loaded;
}

// The reason a client must give for an error reply to `request`.
Reason reason_for(MessageType request, ErrorCode error, SessionOutcome outcome) {
    if (request == MessageType::claim) {
        if (error == ErrorCode::held_by_other) return outcome == SessionOutcome::none ? Reason::race_lost_restart : Reason::race_lost_refused;
        return error == ErrorCode::broker_down ? Reason::broker_unavailable : Reason::broker_refused;
    }
    switch (error) {
        case ErrorCode::unknown_topic: return Reason::missing_topic;
        case ErrorCode::index_out_of_range: return Reason::missing_index;
        case ErrorCode::broker_down: return Reason::broker_unavailable;
        default: return Reason::broker_refused;
    }
}

// A log member's reply against what the member did with it (log_consumer.cpp).
void check_log_reply(const Record& r, const Simulation& before, const Simulation& after,
                     std::set<std::pair<MessageType, ErrorCode>>& seen) {
    const std::size_t c = after.layout().consumer_index(r.target);
    const LogConsumer& was = before.log_model().consumers[c];
    const LogConsumer& is = after.log_model().consumers[c];
    const bool ok = r.error == ErrorCode::none;
    CHECK(ok == ((r.flags & record_flag::ok) != 0));
    CHECK(is.consumed.size() == was.consumed.size());  // a reply never processes a record itself
    if (r.reason == Reason::stale_reply) {
        CHECK(is.buffer.size() == was.buffer.size());
        CHECK(is.phase == was.phase);
        return;
    }
    if (!ok) seen.insert({r.request, r.error});
    switch (r.kind) {
        case RecordKind::fetch_reply:
            if (!ok) {
                CHECK(is.buffer.size() == was.buffer.size());
                CHECK(is.stats.records_fetched == was.stats.records_fetched);
                CHECK(r.reason == (r.error == ErrorCode::offset_out_of_range ? Reason::offset_reset
                                   : r.error == ErrorCode::broker_down       ? Reason::broker_unavailable
                                                                             : Reason::broker_refused));
            }
            break;
        case RecordKind::join_group_reply:
            if (!ok) {
                CHECK(is.phase == MemberPhase::joining);
                CHECK(is.generation == was.generation);
                CHECK(is.owned.empty());
                CHECK(r.reason == (r.error == ErrorCode::queue_full ? Reason::broker_refused : Reason::coordinator_down));
            } else {
                CHECK(is.phase == MemberPhase::stable);
                CHECK(is.generation == static_cast<std::uint32_t>(r.index));
            }
            break;
        case RecordKind::heartbeat_reply:
            if (r.error == ErrorCode::rebalance_in_progress || r.error == ErrorCode::unknown_member ||
                r.error == ErrorCode::illegal_generation) {
                // Rejoin: every partition given up, what was fetched dropped.
                CHECK(r.reason == Reason::rejoin);
                CHECK(is.phase == MemberPhase::joining);
                CHECK(is.owned.empty());
                CHECK(is.buffer.empty());
                if (r.error == ErrorCode::unknown_member) CHECK(is.generation == 0);
            } else if (!ok) {
                CHECK(is.phase == was.phase);
                CHECK(is.owned.size() == was.owned.size());
            }
            break;
        case RecordKind::offset_commit_reply:
            if (!ok) {
                // Not stored: the member commits it again next time.
                for (const OwnedPartition& owned : is.owned) {
                    if (after.log_model().layout.local(owned.partition) == record_partition(r) &&
                        r.topic == after.log_model().layout.topic_names[after.log_model().layout.topic_of[owned.partition]]) {
                        CHECK(owned.committed == -1);
                    }
                }
            }
            break;
        default: break;
    }
}

// Walks the run event by event and checks each reply against what the client
// did with it. Returns the (request, error) pairs of the error replies seen
// that the client waited for (not stale).
std::set<std::pair<MessageType, ErrorCode>> check_replies(const ScenarioSpec& spec) {
    std::set<std::pair<MessageType, ErrorCode>> seen;
    const RecordedRun run(spec, RecordOptions{});
    Simulation before = run.state_after(0);
    for (std::size_t i = 0; i < run.event_count(); ++i) {
        Simulation after = before;
        REQUIRE(RecordedRun::step(after));
        const Record& r = run.records()[i];
        INFO("event " << i << ": " << record_kind_name(r.kind) << " " << after.actor_name(r.source) << " -> "
                      << after.actor_name(r.target) << " error " << error_name(r.error) << " reason " << reason_name(r.reason));
        const bool stale = r.reason == Reason::stale_reply;
        // Any broker decision by a policy picks a broker whose status reply was a plain idle status.
        if (r.chosen != no_actor && policy_reason(r.reason)) {
            const ActorId deciding = r.kind == RecordKind::status_timeout || r.kind == RecordKind::broker_chosen ? r.source : r.target;
            const Consumer& consumer = after.consumers()[deciding - after.brokers().size() - after.producers().size()];
            const BrokerView& view = consumer.views[r.chosen];
            CHECK(view.answered);
            CHECK_FALSE(view.refused);
            CHECK_FALSE(view.down);
            CHECK_FALSE(view.busy);
        }
        const bool consumer_reply = r.kind >= RecordKind::status_reply && r.kind <= RecordKind::release_reply;
        const bool producer_reply = r.kind == RecordKind::ack || r.kind == RecordKind::nack;
        if (producer_reply) {
            const std::size_t p = r.target - after.brokers().size();
            const ProducerStats& was = before.producers()[p].stats;
            const ProducerStats& is = after.producers()[p].stats;
            CHECK((r.kind == RecordKind::ack) == (r.error == ErrorCode::none));
            CHECK(is.acked == was.acked + (r.kind == RecordKind::ack && !stale ? 1 : 0));
            CHECK(is.failed == was.failed + (r.kind == RecordKind::nack && !stale ? 1 : 0));
            if (r.error != ErrorCode::none && !stale) seen.insert({r.request, r.error});
        }
        if (r.kind >= RecordKind::fetch_reply && r.kind <= RecordKind::leave_group_reply) {
            check_log_reply(r, before, after, seen);
            before = std::move(after);
            continue;
        }
        if (!consumer_reply || r.error == ErrorCode::none || stale) {
            before = std::move(after);
            continue;
        }
        seen.insert({r.request, r.error});
        CHECK_FALSE(r.flags & record_flag::ok);
        const std::size_t c = r.target - after.brokers().size() - after.producers().size();
        const Consumer& consumer = after.consumers()[c];
        const Consumer& consumer_before = before.consumers()[c];
        CHECK(consumer.consumed.size() == consumer_before.consumed.size());  // an error never consumes
        switch (r.request) {
            case MessageType::status: {
                const BrokerView& view = consumer.views[r.source];
                CHECK(view.refused);
                CHECK(view.down == (r.error == ErrorCode::broker_down));
                CHECK(r.chosen != r.source);
                break;
            }
            case MessageType::claim:
                CHECK(r.reason == reason_for(r.request, r.error, r.outcome));
                CHECK((consumer.stage == Stage::asking_status || consumer.stage == Stage::idle));
                CHECK(consumer.target != r.source);
                break;
            case MessageType::list_topics:
            case MessageType::get_topic:
            case MessageType::get_message:
                CHECK(r.reason == reason_for(r.request, r.error, r.outcome));
                CHECK((consumer.stage == Stage::releasing || consumer.stage == Stage::idle));
                if (consumer.stage == Stage::releasing) CHECK(consumer.pending_outcome == SessionOutcome::failed);
                break;
            case MessageType::release:
                CHECK(consumer.stage == Stage::idle);
                CHECK(r.outcome != SessionOutcome::none);
                if (r.error == ErrorCode::queue_full) {
                    // Refused: the broker is still held, and the record says so.
                    CHECK(r.reason == Reason::broker_refused);
                    CHECK(after.brokers()[r.source].busy);
                    CHECK(after.brokers()[r.source].holder == r.target);
                }
                break;
            default: FAIL("a consumer reply to a request consumers do not send");
        }
        before = std::move(after);
    }
    return seen;
}

}  // namespace

TEST_CASE("every error reply (request kind x error kind) is acted on as an error", "[reply_errors]") {
    const std::vector<ErrorCase> cases = reply_error_cases();
    std::set<std::pair<MessageType, ErrorCode>> seen;
    for (const ErrorCase& error_case : cases) {
        DYNAMIC_SECTION(error_case.name) {
            const std::set<std::pair<MessageType, ErrorCode>> found = check_replies(error_case.spec);
            if (error_case.stale_expected) {
                // The session died with the crash: the refusal arrives too late.
                const RecordedRun run(error_case.spec, records_only());
                bool refused_arrival = false;
                for (const Record& r : run.records()) {
                    refused_arrival = refused_arrival || (r.kind <= RecordKind::release && r.request == error_case.request &&
                                                          r.error == error_case.error);
                }
                CHECK(refused_arrival);
            } else {
                CHECK(found.count({error_case.request, error_case.error}) == 1);
            }
        }
    }
}

TEST_CASE("the error cases cover every error each request kind can get", "[reply_errors]") {
    std::set<std::pair<MessageType, ErrorCode>> provoked;
    for (const ErrorCase& error_case : reply_error_cases()) provoked.insert({error_case.request, error_case.error});
    // Every request can meet a full queue or a down broker; reads and writes
    // can name what is gone; a claim can lose the race.
    for (std::size_t t = 0; t < message_type_count; ++t) {
        const auto type = static_cast<MessageType>(t);
        if (type == MessageType::reply) continue;
        CHECK(provoked.count({type, ErrorCode::queue_full}) == 1);
        CHECK(provoked.count({type, ErrorCode::broker_down}) == 1);
    }
    for (const MessageType type : {MessageType::edit, MessageType::delete_topic, MessageType::delete_message,
                                   MessageType::get_topic, MessageType::get_message}) {
        CHECK(provoked.count({type, ErrorCode::unknown_topic}) == 1);
    }
    for (const MessageType type : {MessageType::edit, MessageType::delete_message, MessageType::get_message}) {
        CHECK(provoked.count({type, ErrorCode::index_out_of_range}) == 1);
    }
    CHECK(provoked.count({MessageType::claim, ErrorCode::held_by_other}) == 1);
    // The group protocol's own errors, and a read past a lost log's end.
    CHECK(provoked.count({MessageType::heartbeat, ErrorCode::rebalance_in_progress}) == 1);
    CHECK(provoked.count({MessageType::heartbeat, ErrorCode::unknown_member}) == 1);
    CHECK(provoked.count({MessageType::offset_commit, ErrorCode::unknown_member}) == 1);
    CHECK(provoked.count({MessageType::fetch, ErrorCode::offset_out_of_range}) == 1);
}

TEST_CASE("no policy chooses a broker whose status reply was an error or never came", "[reply_errors][policies]") {
    // b1 refuses c1's status (queue_full: a blocking publish is in service,
    // queue_capacity 0), is down, or never answers (its link is cut); b2 is
    // idle. Every policy, under many seeds, must choose b2.
    const PolicyKind policies[] = {PolicyKind::seed, PolicyKind::first_idle, PolicyKind::round_robin, PolicyKind::random_idle,
                                   PolicyKind::least_loaded};
    enum class Refusal { queue_full, broker_down, no_answer };
    for (const PolicyKind policy : policies) {
        for (const Refusal refusal : {Refusal::queue_full, Refusal::broker_down, Refusal::no_answer}) {
            for (std::uint64_t seed = 1; seed <= 12; ++seed) {
                ScenarioSpec spec = base_scenario(seed);
                spec.brokers = {broker("b1", ms, {{"t", {"m0"}}}), broker("b2", ms, {{"t", {"m0"}}})};
                spec.producers = {producer("p1", {0})};
                ConsumerSpec c1 = consumer("c1", {session(5 * ms, named_topic("t"), named_index(0))}, policy);
                c1.retry.timeout_ns = 20 * ms;  // status replies: b1's never comes when its link is cut
                spec.consumers = {c1};
                switch (refusal) {
                    case Refusal::queue_full:
                        spec.brokers[0].queue_capacity = 0;
                        spec.producers[0].actions.push_back(action(4 * ms + ms / 2, OpKind::publish, "blocker", "x"));
                        break;
                    case Refusal::broker_down:
                        spec.faults = {crash_at(5 * ms, 0), restart_at(50 * ms, 0)};
                        break;
                    case Refusal::no_answer: spec.faults = {drop(links({3}, {0}), 1.0, 0, std::nullopt)}; break;
                }
                const RecordedRun run(spec, records_only());
                INFO("policy " << policy_name(policy) << ", refusal " << static_cast<int>(refusal) << ", seed " << seed);
                const ActorId c = 3;  // b1, b2, p1, c1
                ActorId chosen = no_actor;
                bool b1_refused = false;
                for (const Record& r : run.records()) {
                    if (r.kind == RecordKind::status_reply && r.source == 0 && r.target == c && r.error != ErrorCode::none) b1_refused = true;
                    if (r.kind == RecordKind::dropped && r.source == c && r.target == 0) b1_refused = true;
                    if (r.chosen != no_actor && chosen == no_actor) chosen = r.chosen;
                }
                CHECK(b1_refused);  // the precondition: b1 did not give a status
                CHECK(chosen == 1);
            }
        }
    }
}

TEST_CASE("a queue without queue_capacity never rejects", "[reply_errors][queue]") {
    // One producer bursting 100,000 publishes at once into a slow broker:
    // every one is queued and served (the original had no limit).
    ScenarioSpec spec = base_scenario(1);
    spec.brokers = {broker("b1", 1000)};
    ProducerSpec p1 = workload_producer("p1", {0}, DistributionSpec::constant(0), 100'000, {"t"});
    spec.producers = {p1};
    const RecordedRun run(spec, records_only());
    CHECK(run.final_state().brokers()[0].stats.requests_rejected == 0);
    CHECK(run.final_state().producers()[0].stats.acked == 100'000);
    CHECK(run.final_state().brokers()[0].stats.queue_length_max > 65'536);  // the old default limit, passed
    CHECK(run.final_state().brokers()[0].topics[0].messages.size() == 100'000);
}
