// The loader's own tree of a YAML text, built from yaml-cpp's event API
// (YAML::Parser + YAML::EventHandler) instead of yaml-cpp's node tree, which
// costs about 500 bytes per node: a 100,000-actor scenario written out as a
// list took 450 MB to hold. Here a node is 24 bytes in one array.
//
// YamlNode mirrors the part of YAML::Node the readers use, with yaml-cpp's
// meaning, so every diagnostic keeps its position and wording:
// - each node has the mark of the event that made it; an alias is the node
//   its anchor named (same mark, same children), as in yaml-cpp's builder;
//   an anchor is known from the start of its collection, so `&a [*a]` is a
//   cycle, as there (readers only descend where the schema expects);
// - a mapping keeps every pair in file order, duplicates included;
// - Scalar() is "" for anything but a scalar; a default YamlNode (an empty
//   document) is null with a null mark.
// PRIVATE to kafkasim_scenario, like yaml_reader.hpp.
#pragma once

#include <yaml-cpp/mark.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace kafkasim::scenario_detail {

enum class YamlType : std::uint8_t { null, scalar, sequence, map };

class YamlTree;
struct YamlPair;

class YamlNode {
public:
    YamlNode() = default;

    YamlType Type() const;
    bool IsNull() const { return Type() == YamlType::null; }
    bool IsScalar() const { return Type() == YamlType::scalar; }
    bool IsSequence() const { return Type() == YamlType::sequence; }
    bool IsMap() const { return Type() == YamlType::map; }
    const std::string& Scalar() const;
    YAML::Mark Mark() const;
    // A list's items or a mapping's pairs; 0 for anything else.
    std::size_t size() const;

    // A list's items in order (empty for anything else).
    std::vector<YamlNode> items() const;
    // A mapping's pairs in file order (empty for anything else).
    std::vector<YamlPair> pairs() const;

private:
    friend class YamlTree;
    friend class YamlTreeBuilder;
    YamlNode(const YamlTree* tree, std::uint32_t id) : tree_(tree), id_(id) {}
    const YamlTree* tree_ = nullptr;
    std::uint32_t id_ = 0;
};

struct YamlPair {
    YamlNode first;   // the key
    YamlNode second;  // the value
};

// Every document of one text. The tree must outlive the nodes taken from it.
class YamlTree {
public:
    // Parses `text`; stops after `documents_max` + 1 documents (yaml-cpp
    // never ends on some inputs, see load.cpp). Throws what yaml-cpp's
    // parser throws (YAML::ParserException, YAML::DeepRecursion).
    YamlTree(const std::string& text, std::size_t documents_max);

    // The documents' roots, and where each document started.
    const std::vector<YamlNode>& documents() const { return documents_; }
    const std::vector<YAML::Mark>& document_starts() const { return document_starts_; }

private:
    friend class YamlNode;
    friend class YamlTreeBuilder;
    struct Node {
        YamlType type = YamlType::null;
        int pos = -1;  // the mark, as yaml-cpp gives it (0-based)
        int line = -1;
        int column = -1;
        std::uint32_t first = 0;  // a scalar's index in scalars_, a collection's first child in children_
        std::uint32_t count = 0;  // a collection's children (a mapping's are key, value, key, value...)
    };
    std::vector<Node> nodes_;
    std::vector<std::string> scalars_;
    std::vector<std::uint32_t> children_;
    std::vector<YamlNode> documents_;
    std::vector<YAML::Mark> document_starts_;
};

}  // namespace kafkasim::scenario_detail
