// See producer_progress.hpp.
#include "model/producer_progress.hpp"

#include <algorithm>

namespace kafkasim::viz {

ProducerProgress producer_progress(const Producer& producer, const ProducerSpec& spec) {
    ProducerProgress progress;
    if (spec.retry.timeout_ns) {
        // A producer with a timeout keeps every write it waits for, until an
        // answer or until it gives up (resends included).
        progress.unanswered = producer.pending.size();
        for (const PendingWrite& write : producer.pending) progress.attempt_max = std::max(progress.attempt_max, write.attempt);
    } else {
        // Without one, each write is sent once and answered at most once.
        const ProducerStats& stats = producer.stats;
        progress.unanswered = stats.sent - std::min<std::uint64_t>(stats.sent, stats.acked + stats.failed);
    }
    const bool scripted_left = producer.next_action < spec.actions.size();
    const bool workload_left = spec.workload && producer.workload_issued < spec.workload->count;
    progress.phase = scripted_left || workload_left ? ProducerPhase::producing
                     : progress.unanswered > 0      ? ProducerPhase::waiting
                                                    : ProducerPhase::done;
    return progress;
}

}  // namespace kafkasim::viz
