// The Recorder: the observer that keeps every Record of a run in order.
// It is a concrete class, not an interface, so that recording costs one
// append per event and no virtual call. Records live in fixed-size chunks:
// a growing run never copies what it already recorded (a vector's
// reallocation did, and cost more than the simulation itself).
#pragma once

#include <cassert>
#include <cstddef>
#include <iterator>
#include <memory>
#include <vector>

#include "core/record.hpp"

namespace kafkasim {

class RecordLog {
public:
    static constexpr std::size_t chunk_bits = 14;  // 16384 records (1 MiB) per chunk
    static constexpr std::size_t chunk_size = std::size_t{1} << chunk_bits;

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    const Record& operator[](std::size_t i) const {
        assert(i < size_);
        return chunks_[i >> chunk_bits][i & (chunk_size - 1)];
    }
    const Record& back() const { return (*this)[size_ - 1]; }

    Record& append() {
        if ((size_ & (chunk_size - 1)) == 0) chunks_.push_back(std::make_unique<Record[]>(chunk_size));
        Record& record = chunks_.back()[size_ & (chunk_size - 1)];
        ++size_;
        return record;
    }
    void clear() {
        chunks_.clear();
        size_ = 0;
    }

    class const_iterator {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = Record;
        using difference_type = std::ptrdiff_t;
        using pointer = const Record*;
        using reference = const Record&;
        const_iterator() = default;
        const_iterator(const RecordLog* log, std::size_t i) : log_(log), i_(i) {}
        reference operator*() const { return (*log_)[i_]; }
        pointer operator->() const { return &(*log_)[i_]; }
        reference operator[](difference_type n) const { return (*log_)[i_ + static_cast<std::size_t>(n)]; }
        const_iterator& operator++() { ++i_; return *this; }
        const_iterator operator++(int) { auto old = *this; ++i_; return old; }
        const_iterator& operator--() { --i_; return *this; }
        const_iterator operator--(int) { auto old = *this; --i_; return old; }
        const_iterator& operator+=(difference_type n) { i_ += static_cast<std::size_t>(n); return *this; }
        const_iterator& operator-=(difference_type n) { i_ -= static_cast<std::size_t>(n); return *this; }
        friend const_iterator operator+(const_iterator it, difference_type n) { return it += n; }
        friend const_iterator operator+(difference_type n, const_iterator it) { return it += n; }
        friend const_iterator operator-(const_iterator it, difference_type n) { return it -= n; }
        friend difference_type operator-(const const_iterator& a, const const_iterator& b) {
            return static_cast<difference_type>(a.i_) - static_cast<difference_type>(b.i_);
        }
        friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.i_ == b.i_; }
        friend auto operator<=>(const const_iterator& a, const const_iterator& b) { return a.i_ <=> b.i_; }

    private:
        const RecordLog* log_ = nullptr;
        std::size_t i_ = 0;
    };
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, size_}; }

private:
    std::vector<std::unique_ptr<Record[]>> chunks_;
    std::size_t size_ = 0;
};

class Recorder {
public:
    Record& append() { return log_.append(); }
    const RecordLog& records() const { return log_; }
    RecordLog take() { return std::move(log_); }
    void clear() { log_.clear(); }

private:
    RecordLog log_;
};

}  // namespace kafkasim
