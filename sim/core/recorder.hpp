// The Recorder: the observer that keeps every Record of a run in order.
// It is a concrete class, not an interface, so that recording costs one
// vector append per event and no virtual call.
#pragma once

#include <vector>

#include "core/record.hpp"

namespace kafkasim {

class Recorder {
public:
    void reserve(std::size_t count) { records_.reserve(count); }
    Record& append() { return records_.emplace_back(); }
    const std::vector<Record>& records() const { return records_; }
    void clear() { records_.clear(); }

private:
    std::vector<Record> records_;
};

}  // namespace kafkasim
