// See yaml_tree.hpp. The builder follows yaml-cpp 0.7's NodeBuilder event
// for event (which node an event makes, what mark it gets, where an anchor
// is registered), so the tree reads as yaml-cpp's would.
#include "scenario/yaml_tree.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <cassert>
#include <limits>
#include <optional>
#include <sstream>

namespace kafkasim::scenario_detail {

namespace {

const std::string empty_scalar;

}  // namespace

YamlType YamlNode::Type() const { return tree_ ? tree_->nodes_[id_].type : YamlType::null; }

const std::string& YamlNode::Scalar() const {
    if (!IsScalar()) return empty_scalar;
    return tree_->scalars_[tree_->nodes_[id_].first];
}

YAML::Mark YamlNode::Mark() const {
    YAML::Mark mark = YAML::Mark::null_mark();
    if (!tree_) return mark;
    const YamlTree::Node& node = tree_->nodes_[id_];
    mark.pos = node.pos;
    mark.line = node.line;
    mark.column = node.column;
    return mark;
}

std::size_t YamlNode::size() const {
    if (!tree_) return 0;
    const YamlTree::Node& node = tree_->nodes_[id_];
    if (node.type == YamlType::sequence) return node.count;
    if (node.type == YamlType::map) return node.count / 2;
    return 0;
}

std::vector<YamlNode> YamlNode::items() const {
    std::vector<YamlNode> items;
    if (!IsSequence()) return items;
    const YamlTree::Node& node = tree_->nodes_[id_];
    items.reserve(node.count);
    for (std::uint32_t i = 0; i < node.count; ++i) items.push_back(YamlNode(tree_, tree_->children_[node.first + i]));
    return items;
}

std::vector<YamlPair> YamlNode::pairs() const {
    std::vector<YamlPair> pairs;
    if (!IsMap()) return pairs;
    const YamlTree::Node& node = tree_->nodes_[id_];
    pairs.reserve(node.count / 2);
    for (std::uint32_t i = 0; i + 1 < node.count; i += 2) {
        pairs.push_back({YamlNode(tree_, tree_->children_[node.first + i]), YamlNode(tree_, tree_->children_[node.first + i + 1])});
    }
    return pairs;
}

// Builds the tree from the parser's events, one document at a time.
class YamlTreeBuilder : public YAML::EventHandler {
public:
    explicit YamlTreeBuilder(YamlTree& tree) : tree_(tree) {}

    void OnDocumentStart(const YAML::Mark& mark) override {
        tree_.document_starts_.push_back(mark);
        anchors_.assign(1, 0);  // anchors start at 1, per document
        root_.reset();
    }
    void OnDocumentEnd() override {
        assert(depth_ == 0);
        // No node at all (yaml-cpp's Root() is then a null Node without a mark).
        tree_.documents_.push_back(root_ ? YamlNode(&tree_, *root_) : YamlNode());
    }
    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { add(make(YamlType::null, mark, anchor)); }
    void OnAlias(const YAML::Mark&, YAML::anchor_t anchor) override {
        assert(anchor < anchors_.size());
        add(anchors_[anchor]);
    }
    void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, const std::string& value) override {
        const std::uint32_t id = make(YamlType::scalar, mark, anchor);
        assert(tree_.scalars_.size() < std::numeric_limits<std::uint32_t>::max());
        tree_.nodes_[id].first = static_cast<std::uint32_t>(tree_.scalars_.size());
        tree_.scalars_.push_back(value);
        add(id);
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
        open(make(YamlType::sequence, mark, anchor));
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
        open(make(YamlType::map, mark, anchor));
    }
    void OnMapEnd() override { close(); }

private:
    // A collection being read: its node and the children seen so far (the
    // frames are reused, so their vectors keep their capacity).
    struct Frame {
        std::uint32_t id = 0;
        std::vector<std::uint32_t> children;
    };

    std::uint32_t make(YamlType type, const YAML::Mark& mark, YAML::anchor_t anchor) {
        assert(tree_.nodes_.size() < std::numeric_limits<std::uint32_t>::max());
        const auto id = static_cast<std::uint32_t>(tree_.nodes_.size());
        YamlTree::Node node;
        node.type = type;
        node.pos = mark.pos;
        node.line = mark.line;
        node.column = mark.column;
        tree_.nodes_.push_back(node);
        if (anchor) {
            // Registered at the node's start, as yaml-cpp does (so an alias
            // inside the collection names the collection itself).
            assert(anchor == anchors_.size());
            anchors_.push_back(id);
        }
        return id;
    }

    // A finished node joins the open collection, or is the document's root.
    void add(std::uint32_t id) {
        if (depth_ == 0) {
            root_ = id;
            return;
        }
        frames_[depth_ - 1].children.push_back(id);
    }

    void open(std::uint32_t id) {
        if (frames_.size() == depth_) frames_.emplace_back();
        Frame& frame = frames_[depth_++];
        frame.id = id;
        frame.children.clear();
    }

    // The collection's children go to the tree in one contiguous run.
    void close() {
        assert(depth_ > 0);
        Frame& frame = frames_[--depth_];
        YamlTree::Node& node = tree_.nodes_[frame.id];
        assert(tree_.children_.size() + frame.children.size() < std::numeric_limits<std::uint32_t>::max());
        node.first = static_cast<std::uint32_t>(tree_.children_.size());
        node.count = static_cast<std::uint32_t>(frame.children.size());
        tree_.children_.insert(tree_.children_.end(), frame.children.begin(), frame.children.end());
        add(frame.id);
    }

    YamlTree& tree_;
    std::vector<std::uint32_t> anchors_;
    std::vector<Frame> frames_;
    std::size_t depth_ = 0;
    std::optional<std::uint32_t> root_;
};

YamlTree::YamlTree(const std::string& text, std::size_t documents_max) {
    std::istringstream in(text);
    YAML::Parser parser(in);
    YamlTreeBuilder builder(*this);
    while (document_starts_.size() <= documents_max && parser.HandleNextDocument(builder)) {
    }
}

}  // namespace kafkasim::scenario_detail
