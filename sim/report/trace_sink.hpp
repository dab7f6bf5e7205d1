// TraceSink: the JSON-lines trace and its fingerprint, made as the run goes.
// Each event's line is rendered straight into one reusable buffer (names
// escaped once per run, texts escaped in bulk runs, no JSON tree, no
// allocation per event once the buffer has grown to its working size), then
// written out in blocks and/or hashed: the fingerprint is FNV-1a 64 over
// exactly the bytes of the trace (the definition teachers' `fingerprint:`
// entries and the golden traces rely on). A listener may see each line as it
// is made (check --golden compares it with the golden file's line).
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/event_sink.hpp"

namespace kafkasim {

// Sees each trace line (without its newline) right after it is rendered.
class TraceLineListener {
public:
    virtual ~TraceLineListener() = default;
    virtual void on_line(std::uint64_t event, const Record& record, std::string_view line) = 0;
};

class TraceSink final : public EventSink {
public:
    struct Options {
        std::ostream* out = nullptr;             // where the trace goes; null: nowhere
        bool fingerprint = true;                 // hash the bytes (FNV-1a 64)
        TraceLineListener* listener = nullptr;   // sees every line
    };
    explicit TraceSink(Options options);

    void begin(const Simulation& initial) override;
    void on_event(std::uint64_t event, const Record& record, const Simulation& state,
                  std::span<const Violation> violations) override;
    void end(const Simulation& final_state, RunStatus status) override;

    // FNV-1a 64 of every byte so far (after end(): of the whole trace).
    // Only with Options::fingerprint.
    std::uint64_t fingerprint() const { return hash_; }
    std::uint64_t bytes() const { return bytes_; }
    // Whether writing to Options::out failed.
    bool write_failed() const { return write_failed_; }
    // The block buffer's capacity: bounded, whatever the run's length
    // (the memory test reads it).
    std::size_t buffer_capacity() const { return capacity_; }

private:
    void flush();
    void reserve(std::size_t capacity);

    Options options_;
    std::unique_ptr<char[]> buffer_;        // lines not yet hashed or written
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
    std::vector<std::string> actor_json_;   // each actor's name as a JSON string, quotes included
    std::uint64_t hash_ = 0xcbf29ce484222325ull;
    std::uint64_t bytes_ = 0;
    bool write_failed_ = false;
};

}  // namespace kafkasim
