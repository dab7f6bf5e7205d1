// The one strict parser for numeric command-line options (kafkasim's
// commands and kafkasim-viz): decimal digits only, within a range, refused
// with the YAML loader's words ("--seed must be an integer from 0 to ..., got
// '-1'"). Boost's own parsing of an unsigned option goes through
// lexical_cast, which takes "-1" as 2^64 - 1 and "+5" as 5.
//
// Header-only so that kafkasim-viz (Boost too, not the CLI library) uses it.
#pragma once

#include <boost/program_options.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>

#include "scenario/diagnostic.hpp"
#include "scenario/values.hpp"

namespace kafkasim::cli {

// The value of numeric option `option` ("--seed") from `text`, or a
// boost::program_options::error with the message, which the commands print as
// "PROGRAM: error: MESSAGE".
inline std::uint64_t parse_integer_option(const std::string& option, const std::string& text, std::uint64_t min,
                                          std::uint64_t max) {
    if (const auto value = parse_integer(text, min, max)) return *value;
    throw boost::program_options::error(integer_problem(option, quote_for_message(text), min, max));
}

template <class Target>
struct integer_option_type {
    using type = Target;
};
template <class Value>
struct integer_option_type<std::optional<Value>> {
    using type = Value;
};

// A program_options value for a numeric option: the text is kept as given and
// parsed strictly when the options are notified (po::notify), into `target`
// (an unsigned integer, or a std::optional of one, set only when given).
// `max` must fit the target's type.
template <class Target>
boost::program_options::typed_value<std::string>* integer_option(const std::string& option, Target& target,
                                                                 std::uint64_t min, std::uint64_t max) {
    using Value = typename integer_option_type<Target>::type;
    static_assert(std::is_unsigned_v<Value>);
    return boost::program_options::value<std::string>()->value_name("N")->notifier(
        [option, &target, min, max](const std::string& text) {
            target = static_cast<Value>(parse_integer_option(option, text, min, max));
        });
}

}  // namespace kafkasim::cli
