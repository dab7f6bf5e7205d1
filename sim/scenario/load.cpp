// load_scenario_text / load_scenario_file: text -> YAML documents -> the
// top-level key table -> the section readers -> cross checks. Every yaml-cpp
// exception is caught here and becomes a diagnostic.
#include "scenario/load.hpp"

#include "scenario/sections.hpp"
#include "scenario/yaml_reader.hpp"

#include <yaml-cpp/depthguard.h>  // YAML::DeepRecursion; yaml.h does not include it
#include <yaml-cpp/exceptions.h>

#include <cerrno>
#include <cstdio>
#include <limits>
#include <system_error>

namespace kafkasim {
namespace scenario_detail {
namespace {

// The top-level keys and their readers, in the order the README documents
// them. A later section (expect:, faults:) is one more row here plus a reader
// in a file of its own; nothing else changes. `model` is read first, wherever
// it stands, since it decides which keys the other sections accept.
void read_top_level(Reader& reader, const Entry& document, Draft& draft) {
    ScenarioSpec& spec = draft.spec;
    read_model(reader, document, draft);
    const KeyRule rules[] = {
        {"name", false, [&](const Entry& e) { spec.name = read_name(reader, e).value_or(spec.name); }},
        {"description", false,
         [&](const Entry& e) { spec.description = read_string(reader, e).value_or(spec.description); }},
        {"seed", false,
         [&](const Entry& e) {
             spec.seed = read_integer(reader, e, 0, std::numeric_limits<std::uint64_t>::max()).value_or(spec.seed);
         }},
        {"until", false, [&](const Entry& e) { spec.until_ns = read_duration(reader, e); }},
        {"model", false, nullptr},  // read above
        {"network", false, [&](const Entry& e) { read_network(reader, e, spec.network); }},
        {"brokers", true, [&](const Entry& e) { read_brokers(reader, e, draft); }, "at least one broker is required"},
        // Listed (as valid keys, for suggestions) in the log model only.
        {"topics", false, [&](const Entry& e) { read_log_topics(reader, e, draft); }, {}, draft.log_model()},
        {"groups", false, [&](const Entry& e) { read_groups(reader, e, draft); }, {}, draft.log_model()},
        {"producers", false, [&](const Entry& e) { read_producers(reader, e, draft); }},
        {"consumers", false, [&](const Entry& e) { read_consumers(reader, e, draft); }},
        {"faults", false, [&](const Entry& e) { read_faults(reader, e, draft); }},
        {"monitors", false, [&](const Entry& e) { read_monitors(reader, e, draft, spec.monitors); }},
        {"expect", false, [&](const Entry& e) { read_expect(reader, e, draft); }},
    };
    read_mapping(reader, document, "scenario", rules);
}

// Whether line `line` (1-based) or the one before it is indented with a tab.
bool tab_in_indentation(const std::string& text, int line) {
    int current = 1;
    bool at_line_start = true;
    for (char c : text) {
        if (current > line) break;
        if (c == '\n') {
            ++current;
            at_line_start = true;
            continue;
        }
        if (at_line_start && c == '\t' && current >= line - 1) return true;
        if (c != ' ' && c != '\t') at_line_start = false;
    }
    return false;
}

// yaml-cpp's parser messages are terse; say what usually causes them.
std::string explain_parser_error(const std::string& message, const std::string& text, Pos pos) {
    std::string out = "invalid YAML: " + message;
    if (pos.line > 0 && tab_in_indentation(text, pos.line)) {
        out += " (YAML does not allow tabs for indentation: use spaces)";
    } else if (message.find("end of map not found") != std::string::npos ||
        message.find("end of sequence not found") != std::string::npos ||
        message.find("illegal map value") != std::string::npos) {
        out += " (check the indentation, and quote values that contain ': ')";
    } else if (message.find("end of sequence flow not found") != std::string::npos ||
               message.find("end of map flow not found") != std::string::npos) {
        out += " (a '[' or '{' is not closed)";
    }
    return out;
}

// The position of the last character before `offset` that is not
// whitespace: where the text stood when yaml-cpp gave up. Its DeepRecursion
// mark has a reliable offset only; the line and column it carries can be
// {0, 0} or the line after the end.
Pos position_before(const std::string& text, std::size_t offset) {
    std::size_t end = std::min(offset, text.size());
    while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\n' || text[end - 1] == '\r')) {
        --end;
    }
    if (end == 0) return {1, 1};
    Pos pos{1, 1};
    for (std::size_t i = 0; i + 1 < end; ++i) {
        if (text[i] == '\n') {
            ++pos.line;
            pos.column = 1;
        } else {
            ++pos.column;
        }
    }
    return pos;
}

void read_documents(Reader& reader, const std::string& text, Draft& draft) {
    // yaml-cpp 0.7 never ends on a ',' outside a flow collection (",",
    // "- 1\n,"): each document it reads starts one more empty one without
    // reading on. The tree stops one document past the bound.
    constexpr std::size_t documents_max = 100;
    const YamlTree tree(text, documents_max);
    if (tree.document_starts().size() > documents_max) {
        reader.error(mark_pos(tree.document_starts().back()),
                     "invalid YAML: the text does not end (more than " + std::to_string(documents_max) +
                         " documents; a ',' outside [ ] or { }?)");
        return;
    }
    const std::vector<YamlNode>& documents = tree.documents();
    const Pos start{1, 1};
    if (documents.empty() || documents.front().IsNull()) {
        reader.error(start, "the scenario is empty (expected a mapping with at least a 'brokers' key)");
        return;
    }
    // A second document is either a deliberate `---` or text yaml-cpp could
    // not attach to the first: `- a\nb: 1` parses as two documents, and
    // reading only the first would drop `b: 1` without a word.
    for (std::size_t i = 1; i < documents.size(); ++i) {
        reader.error(node_pos(documents[i], start),
                     "unexpected content after the end of the scenario (a second YAML document, or a line whose "
                     "indentation does not fit what comes before it)");
    }
    Entry document;
    document.value = documents.front();
    document.pos = node_pos(document.value, start);
    document.key_pos = document.pos;
    document.label = "the scenario";
    if (!document.value.IsMap()) {
        reader.error(document.pos, "the scenario must be a mapping (keys such as name, seed, brokers), got " +
                                       describe(document.value));
        return;
    }
    read_top_level(reader, document, draft);
    check_scenario(reader, draft);
    check_expect(reader, draft);
}

}  // namespace
}  // namespace scenario_detail

namespace {

// A scenario is a few kilobytes; this only stops `kafkasim run /dev/zero`
// style mistakes from eating memory.
constexpr std::size_t max_file_bytes = std::size_t{64} << 20;

}  // namespace

// YAML allows no C0 control character but tab, line feed and carriage
// return (YAML 1.2, 5.1 "Character Set"), and yaml-cpp takes NUL bytes as a
// sign of UTF-16 or UTF-32 and then reads the rest in that encoding, with
// positions that point outside the file. So the text is checked first: each
// line holding such a character gets one error at its first one (at most
// `errors_max`), and yaml-cpp never sees the text. True when the text is clean.
bool check_control_characters(scenario_detail::Reader& reader, const std::string& text) {
    constexpr int errors_max = 20;
    const bool utf16_bom = text.size() >= 2 && ((text[0] == '\xff' && text[1] == '\xfe') || (text[0] == '\xfe' && text[1] == '\xff'));
    if (utf16_bom) {
        reader.error({1, 1}, "the file is UTF-16 (it starts with a UTF-16 byte order mark): save it as UTF-8");
        return false;
    }
    int errors = 0;
    int line = 1;
    int column = 1;
    bool line_reported = false;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte == '\n') {
            ++line;
            column = 1;
            line_reported = false;
            continue;
        }
        if ((byte < 0x20 && byte != '\t' && byte != '\r') || byte == 0x7f) {
            if (!line_reported && errors < errors_max) {
                char code[8];
                std::snprintf(code, sizeof code, "U+%04X", byte);
                reader.error({line, column}, std::string("control character ") + code +
                                                 " is not allowed in a YAML file" +
                                                 (byte == 0 ? " (is the file UTF-16? save it as UTF-8)" : ""));
                ++errors;
                line_reported = true;
            }
        }
        ++column;
    }
    return errors == 0;
}

LoadResult load_scenario_text(const std::string& yaml_text, const std::string& file_name) {
    using namespace scenario_detail;
    Reader reader(file_name, yaml_text);
    Draft draft;
    draft.spec.file = file_name;
    try {
        if (check_control_characters(reader, yaml_text)) read_documents(reader, yaml_text, draft);
    } catch (const YAML::DeepRecursion& e) {
        // Its own message is "bad file", which sends people looking in the wrong place.
        const std::size_t offset = e.mark.pos < 0 ? yaml_text.size() : static_cast<std::size_t>(e.mark.pos);
        reader.error(position_before(yaml_text, offset), "invalid YAML: nesting is too deep (" + std::to_string(e.depth()) +
                                           " levels of lists and mappings; a scenario needs about 6)");
    } catch (const YAML::ParserException& e) {
        Pos pos = mark_pos(e.mark);
        if (e.mark.pos >= 0 && static_cast<std::size_t>(e.mark.pos) >= yaml_text.size()) {
            // At the end of the input ("end of map flow not found"): yaml-cpp
            // points at the line after the last; say it at the end of the text.
            pos = position_before(yaml_text, yaml_text.size());
            ++pos.column;
        }
        reader.error(pos, explain_parser_error(e.msg, yaml_text, pos));
    } catch (const YAML::Exception& e) {
        // A yaml-cpp representation error means a reader here misused the API: a bug, but
        // the user still gets an answer rather than a crash.
        reader.error(mark_pos(e.mark), "internal error while reading the scenario: " + e.msg);
    } catch (const std::exception& e) {
        reader.error({}, std::string("internal error while reading the scenario: ") + e.what());
    }
    LoadResult result;
    result.errors = reader.take_diagnostics();
    if (result.errors.empty()) result.spec = std::move(draft.spec);
    return result;
}

LoadResult load_scenario_file(const std::string& path) {
    auto cannot = [&](std::string_view verb, int error_number) {
        LoadResult result;
        result.errors.push_back(
            {path, 0, 0, std::string(verb) + ": " + std::generic_category().message(error_number)});
        return result;
    };
    // Read it ourselves: yaml-cpp's BadFile does not say why a file failed.
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) return cannot("cannot open", errno);
    std::string text;
    char buffer[64 * 1024];
    int read_error = 0;
    bool too_large = false;
    while (true) {
        const std::size_t n = std::fread(buffer, 1, sizeof buffer, file);
        text.append(buffer, n);
        if (text.size() > max_file_bytes) {
            too_large = true;
            break;
        }
        if (n < sizeof buffer) {
            if (std::ferror(file)) read_error = errno;  // EISDIR for a directory
            break;
        }
    }
    std::fclose(file);
    if (read_error != 0) return cannot("cannot read", read_error);
    if (too_large) {
        LoadResult result;
        result.errors.push_back({path, 0, 0, "the file is too large for a scenario (over " +
                                                 std::to_string(max_file_bytes >> 20) + " MiB)"});
        return result;
    }
    return load_scenario_text(text, path);
}

LoadResult load_default_scenario() { return load_scenario_text(default_scenario_yaml(), default_scenario_file_name); }

}  // namespace kafkasim
