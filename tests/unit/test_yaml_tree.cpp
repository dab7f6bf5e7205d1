// The loader's own YAML tree (scenario/yaml_tree.hpp) against yaml-cpp's
// node tree, the oracle it replaces: the same documents, and node for node
// the same types, scalars, marks, sizes and pair order (duplicates, aliases,
// nulls, flow and block styles), so every diagnostic keeps its position.
#include <catch2/catch.hpp>

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "scenario/yaml_tree.hpp"

namespace kafkasim::scenario_detail {
namespace {

YamlType type_of(const YAML::Node& node) {
    switch (node.Type()) {
        case YAML::NodeType::Scalar: return YamlType::scalar;
        case YAML::NodeType::Sequence: return YamlType::sequence;
        case YAML::NodeType::Map: return YamlType::map;
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined: break;
    }
    return YamlType::null;
}

// Compares two trees to `depth` levels (aliases may make cycles).
void same_tree(const YamlNode& ours, const YAML::Node& theirs, int depth) {
    REQUIRE(ours.Type() == type_of(theirs));
    CHECK(ours.Scalar() == (theirs.IsScalar() ? theirs.Scalar() : std::string()));
    CHECK(ours.Mark().pos == theirs.Mark().pos);
    CHECK(ours.Mark().line == theirs.Mark().line);
    CHECK(ours.Mark().column == theirs.Mark().column);
    REQUIRE(ours.size() == theirs.size());
    if (depth == 0) return;
    if (ours.IsSequence()) {
        const std::vector<YamlNode> items = ours.items();
        for (std::size_t i = 0; i < items.size(); ++i) same_tree(items[i], theirs[i], depth - 1);
    }
    if (ours.IsMap()) {
        const std::vector<YamlPair> pairs = ours.pairs();
        std::size_t i = 0;
        for (const auto& pair : theirs) {
            REQUIRE(i < pairs.size());
            same_tree(pairs[i].first, pair.first, depth - 1);
            same_tree(pairs[i].second, pair.second, depth - 1);
            ++i;
        }
        CHECK(i == pairs.size());
    }
}

TEST_CASE("yaml tree: node for node what yaml-cpp builds", "[loader][yaml_tree]") {
    const std::vector<std::string> texts = {
        "",
        "# only a comment\n",
        "name: x\nseed: 1\n",
        "brokers:\n  - {name: b1, topics: {\"Hello world\": [message 1, message 2]}}\n  - name: b2\n",
        "a: 1\na: 2\nb:\n",                        // duplicate key, empty value
        "- \n- ~\n- null\n-\n  - x\n",             // empty and explicit nulls
        "s: &one [{at: 0s}]\nt: *one\nu: *one\n",  // shared through an alias
        "&a [*a]\n",                               // a cycle
        "x: 'quoted'\ny: \"double\\n\"\nz: |\n  block\n  text\n",
        "? [complex, key]\n: value\n",
        "- a\nb: 1\n",                             // two documents, as yaml-cpp reads it
        "---\nfirst: 1\n---\nsecond: 2\n...\n",
    };
    for (const std::string& text : texts) {
        INFO("text: " << text);
        const YamlTree tree(text, 100);
        const std::vector<YAML::Node> documents = YAML::LoadAll(text);
        REQUIRE(tree.documents().size() == documents.size());
        for (std::size_t d = 0; d < documents.size(); ++d) same_tree(tree.documents()[d], documents[d], 6);
    }
}

TEST_CASE("yaml tree: stops one document past the bound", "[loader][yaml_tree]") {
    // yaml-cpp 0.7 never ends on a ',' outside a flow collection.
    const YamlTree tree(",", 100);
    CHECK(tree.document_starts().size() == 101);
}

}  // namespace
}  // namespace kafkasim::scenario_detail
