// Faults: a crash stops a broker (its queue and service are lost, the
// session holding it fails, a broker that is not durable loses its store), a
// restart brings it back; slow / drop / partition faults start and end here
// and act on messages in network.cpp.
#include <cassert>

#include "core/simulation.hpp"

namespace kafkasim {

void Simulation::broker_crash(ActorId broker_id, std::size_t fault) {
    Broker& broker = brokers_[broker_id];
    Record& record = begin_record(RecordKind::crash, broker_id, no_actor);
    record.index = static_cast<std::int64_t>(fault);
    if (!broker.up) {
        record.reason = Reason::already_down;  // nothing more to lose: said, so nobody narrates a loss
        return;
    }
    broker.up = false;
    broker.epoch++;          // the pending service_done is void (see cancelled)
    // In-flight and queued requests are lost; their connections reset.
    std::uint32_t lost = 0;
    if (broker.serving != no_slot) {
        broker.stats.busy_serving_ns += now_ns_ - broker.service_started_ns;
        reply_broker_down(broker_id, broker.serving);
        broker.serving = no_slot;
        ++lost;
    }
    queue_length_changed(broker);
    for (std::uint32_t bound = broker.queue.size(); bound > 0; --bound, ++lost) reply_broker_down(broker_id, broker.queue.pop());
    record.count = lost;
    if (broker.busy) {
        // The holder's session dies with the connection.
        broker.stats.held_total_ns += now_ns_ - broker.stats.held_since_ns;
        const ActorId holder = broker.holder;
        record.holder = holder;
        broker.busy = false;
        broker.holder = no_actor;
        const std::size_t c = layout_.consumer_index(holder);
        if (consumers_[c].stage != Stage::idle && consumers_[c].target == broker_id) {
            record.reason = Reason::broker_crashed;
            session_end(c, SessionOutcome::failed, record);
        }
    }
    if (is_log_model()) {
        if (!spec_->brokers[broker_id].durable) record.flags |= record_flag::logs_lost;
        log_broker_crash(broker_id, record);
    } else if (!spec_->brokers[broker_id].durable) {
        // The original keeps topics in memory only: they die with the process.
        record.flags |= record_flag::whole_topic;
        broker.topics.clear();
    }
}

void Simulation::broker_restart(ActorId broker_id, std::size_t fault) {
    Broker& broker = brokers_[broker_id];
    Record& record = begin_record(RecordKind::restart, broker_id, no_actor);
    record.index = static_cast<std::int64_t>(fault);
    if (broker.up) {
        record.reason = Reason::already_up;  // it keeps its dictionary: nothing happens
        return;
    }
    broker.up = true;
    broker.stats.queue_changed_ns = now_ns_;
    if (!spec_->brokers[broker_id].durable && spec_->faults[fault].reload_initial) {
        load_initial_topics(layout_.broker_index(broker_id));
        record.flags |= record_flag::whole_topic;
    }
    record.count = static_cast<std::uint32_t>(broker.topics.size());
}

void Simulation::fault_start(std::size_t f) {
    const FaultSpec& fault = spec_->faults[f];
    switch (fault.kind) {
        case FaultSpec::Kind::crash:
            if (fault.consumer) {
                consumer_crash(*fault.consumer, f);
            } else {
                broker_crash(broker_actor(fault.broker), f);
            }
            return;
        case FaultSpec::Kind::restart:
            if (fault.consumer) {
                consumer_restart(*fault.consumer, f);
            } else {
                broker_restart(broker_actor(fault.broker), f);
            }
            return;
        case FaultSpec::Kind::slow:
        case FaultSpec::Kind::drop:
        case FaultSpec::Kind::partition: break;
    }
    fault_active_[f] = 1;
    begin_record(RecordKind::fault_start, no_actor, no_actor).index = static_cast<std::int64_t>(f);
}

void Simulation::fault_end(std::size_t f) {
    fault_active_[f] = 0;
    begin_record(RecordKind::fault_end, no_actor, no_actor).index = static_cast<std::int64_t>(f);
}

}  // namespace kafkasim
