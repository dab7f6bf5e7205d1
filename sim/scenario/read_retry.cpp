// How a producer or consumer copes with requests that get no reply:
//   timeout: D      no reply after D: the request timed out (consumers also
//                   stop waiting for status replies after D);
//   retries: N      resend a timed-out request up to N times, then give up;
//   backoff: D      wait D before each resend; or {initial: D, doubling: true}
//                   to double the wait after every resend.
// Without a timeout a client waits forever (the original's blocking calls),
// so retries and backoff without one would be silently ignored: an error.
#include "scenario/sections.hpp"

namespace kafkasim::scenario_detail {
namespace {

void read_backoff(Reader& reader, const Entry& entry, RetrySpec& retry) {
    if (entry.value.IsMap()) {
        const KeyRule rules[] = {
            {"initial", true, [&](const Entry& e) { retry.backoff_ns = read_duration(reader, e).value_or(0); }},
            {"doubling", false, [&](const Entry& e) { retry.backoff_doubling = read_boolean(reader, e).value_or(false); }},
        };
        read_mapping(reader, entry, "backoff", rules);
        return;
    }
    if (entry.value.IsScalar()) {
        retry.backoff_ns = read_duration(reader, entry).value_or(0);
        return;
    }
    reader.error(entry.pos, "'backoff' must be a duration such as '5ms' or {initial: 5ms, doubling: true}, got " +
                                describe(entry.value));
}

}  // namespace

void read_retry_key(Reader& reader, const Entry& entry, RetryDraft& retry) {
    if (entry.key == "timeout") {
        if (auto timeout = read_positive_duration(reader, entry)) retry.spec.timeout_ns = *timeout;
        // A placeholder when the value is bad, so that retries/backoff do not
        // also report "needs a timeout": the error already voids the spec.
        if (!retry.spec.timeout_ns) retry.spec.timeout_ns = 1;
    } else if (entry.key == "retries") {
        retry.retries = entry.key_pos;
        if (auto retries = read_integer(reader, entry, 0, max_attempts_limit)) {
            retry.spec.retries = static_cast<std::uint32_t>(*retries);
        }
    } else if (entry.key == "backoff") {
        retry.backoff = entry.key_pos;
        read_backoff(reader, entry, retry.spec);
    }
}

void finish_retry(Reader& reader, const RetryDraft& retry, RetrySpec& out) {
    out = retry.spec;
    if (out.timeout_ns) return;
    for (const auto& [key, pos] : {std::pair{"retries", retry.retries}, std::pair{"backoff", retry.backoff}}) {
        if (!pos) continue;
        reader.error(*pos, "'" + std::string(key) +
                               "' needs a 'timeout' in the same client: without one a request waits for its reply "
                               "forever and is never resent");
    }
}

}  // namespace kafkasim::scenario_detail
