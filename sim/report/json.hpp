// A small JSON value with ordered objects: the stats are built once as a tree,
// then written as text (--stats-json) or navigated by path (expectations'
// `stat:` entries). Numbers are written with std::to_chars, so the output does
// not depend on the locale.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text/utf8_text.hpp"

namespace kafkasim {

class JsonValue {
public:
    enum class Type : std::uint8_t { null, boolean, integer, number, string, array, object };

    JsonValue() = default;
    static JsonValue boolean(bool value);
    static JsonValue integer(std::int64_t value);
    // A 64-bit unsigned value (the seed), written exactly; type integer.
    static JsonValue unsigned_integer(std::uint64_t value);
    // Written in fixed notation with `decimals` digits, trailing zeros trimmed.
    static JsonValue number(double value, int decimals = 3);
    static JsonValue string(std::string_view value);
    static JsonValue array();
    static JsonValue object();

    Type type() const { return type_; }
    bool is_numeric() const { return type_ == Type::integer || type_ == Type::number; }
    double as_double() const {
        if (type_ != Type::integer) return number_;
        return unsigned_ ? static_cast<double>(static_cast<std::uint64_t>(integer_)) : static_cast<double>(integer_);
    }
    std::int64_t as_integer() const { return integer_; }  // unsigned values above 2^63 - 1: use as_unsigned
    std::uint64_t as_unsigned() const { return static_cast<std::uint64_t>(integer_); }
    bool as_bool() const { return boolean_; }
    const std::string& as_string() const { return string_; }
    const std::vector<JsonValue>& items() const { return items_; }
    const std::vector<std::pair<std::string, JsonValue>>& members() const { return members_; }

    // Arrays and objects.
    JsonValue& push(JsonValue value);
    JsonValue& set(std::string_view key, JsonValue value);  // appends; keys are kept in insertion order
    const JsonValue* find(std::string_view key) const;
    // A dotted path ("consumers.c1.sessions_refused"; array items by number).
    const JsonValue* find_path(std::string_view path) const;

    void write(std::string& out, int indent = -1) const;  // indent < 0: one line
    std::string dump(int indent = -1) const;

private:
    void write_at(std::string& out, int indent, int depth) const;

    Type type_ = Type::null;
    bool boolean_ = false;
    bool unsigned_ = false;  // integer_ holds the bits of a std::uint64_t
    int decimals_ = 3;
    std::int64_t integer_ = 0;
    double number_ = 0;
    std::string string_;
    std::vector<JsonValue> items_;
    std::vector<std::pair<std::string, JsonValue>> members_;
};

// append_json_string (a string literal, quotes included) is in
// text/utf8_text.hpp, with the rest of the text-encoding policy.
// Appends a number without locale effects.
void append_integer(std::string& out, std::int64_t value);
void append_fixed(std::string& out, double value, int decimals);

}  // namespace kafkasim
