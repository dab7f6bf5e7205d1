// See json.hpp.
#include "report/json.hpp"
#include "text/decimal.hpp"

#include <cassert>
#include <charconv>
#include <cmath>

namespace kafkasim {

JsonValue JsonValue::boolean(bool value) {
    JsonValue v;
    v.type_ = Type::boolean;
    v.boolean_ = value;
    return v;
}
JsonValue JsonValue::integer(std::int64_t value) {
    JsonValue v;
    v.type_ = Type::integer;
    v.integer_ = value;
    return v;
}
JsonValue JsonValue::unsigned_integer(std::uint64_t value) {
    JsonValue v;
    v.type_ = Type::integer;
    v.unsigned_ = true;
    v.integer_ = static_cast<std::int64_t>(value);  // modular: as_unsigned() gives it back
    return v;
}
JsonValue JsonValue::number(double value, int decimals) {
    JsonValue v;
    v.type_ = Type::number;
    v.number_ = std::isfinite(value) ? value : 0.0;  // JSON has no NaN or infinity
    v.decimals_ = decimals;
    return v;
}
JsonValue JsonValue::string(std::string_view value) {
    JsonValue v;
    v.type_ = Type::string;
    v.string_ = value;
    return v;
}
JsonValue JsonValue::array() {
    JsonValue v;
    v.type_ = Type::array;
    return v;
}
JsonValue JsonValue::object() {
    JsonValue v;
    v.type_ = Type::object;
    return v;
}

JsonValue& JsonValue::push(JsonValue value) {
    assert(type_ == Type::array);
    items_.push_back(std::move(value));
    return items_.back();
}

JsonValue& JsonValue::set(std::string_view key, JsonValue value) {
    assert(type_ == Type::object);
    members_.emplace_back(std::string(key), std::move(value));
    return members_.back().second;
}

const JsonValue* JsonValue::find(std::string_view key) const {
    if (type_ == Type::object) {
        for (const auto& [name, value] : members_) {
            if (name == key) return &value;
        }
        return nullptr;
    }
    if (type_ == Type::array) {
        std::size_t index = 0;
        const auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), index);
        if (error != std::errc() || end != key.data() + key.size() || index >= items_.size()) return nullptr;
        return &items_[index];
    }
    return nullptr;
}

const JsonValue* JsonValue::find_path(std::string_view path) const {
    const JsonValue* node = this;
    // Keys may contain dots (topic names): at each level try the longest
    // prefix that names a member, then the shorter ones.
    for (int depth = 0; node && !path.empty() && depth < 64; ++depth) {
        std::size_t end = path.size();
        const JsonValue* next = node->find(path);
        while (!next) {
            const std::size_t dot = end == 0 ? std::string_view::npos : path.rfind('.', end - 1);
            if (dot == std::string_view::npos) return nullptr;
            end = dot;
            next = node->find(path.substr(0, end));
        }
        node = next;
        path.remove_prefix(end == path.size() ? end : end + 1);
    }
    return path.empty() ? node : nullptr;
}

void append_integer(std::string& out, std::int64_t value) {
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

void append_fixed(std::string& out, double value, int decimals) {
    char buffer[64];
    auto result = decimal_to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
    if (result.ec != std::errc()) {
        out += "0";
        return;
    }
    std::string_view text(buffer, static_cast<std::size_t>(result.ptr - buffer));
    if (text.find('.') != std::string_view::npos) {
        while (text.back() == '0') text.remove_suffix(1);
        if (text.back() == '.') text.remove_suffix(1);
    }
    if (text == "-0") text = "0";
    out += text;
}

void JsonValue::write_at(std::string& out, int indent, int depth) const {
    auto newline = [&](int level) {
        if (indent < 0) return;
        out += '\n';
        out.append(static_cast<std::size_t>(indent * level), ' ');
    };
    switch (type_) {
        case Type::null: out += "null"; return;
        case Type::boolean: out += boolean_ ? "true" : "false"; return;
        case Type::integer: {
            if (!unsigned_) {
                append_integer(out, integer_);
                return;
            }
            char buffer[24];
            const auto result = std::to_chars(buffer, buffer + sizeof buffer, as_unsigned());
            out.append(buffer, result.ptr);
            return;
        }
        case Type::number: append_fixed(out, number_, decimals_); return;
        case Type::string: append_json_string(out, string_); return;
        case Type::array: {
            out += '[';
            for (std::size_t i = 0; i < items_.size(); ++i) {
                if (i) out += indent < 0 ? ", " : ",";
                newline(depth + 1);
                items_[i].write_at(out, indent, depth + 1);
            }
            if (!items_.empty()) newline(depth);
            out += ']';
            return;
        }
        case Type::object: {
            out += '{';
            for (std::size_t i = 0; i < members_.size(); ++i) {
                if (i) out += indent < 0 ? ", " : ",";
                newline(depth + 1);
                append_json_string(out, members_[i].first);
                out += ": ";
                members_[i].second.write_at(out, indent, depth + 1);
            }
            if (!members_.empty()) newline(depth);
            out += '}';
            return;
        }
    }
}

void JsonValue::write(std::string& out, int indent) const { write_at(out, indent, 0); }

std::string JsonValue::dump(int indent) const {
    std::string out;
    write(out, indent);
    return out;
}

}  // namespace kafkasim
