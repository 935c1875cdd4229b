#include "loch/io/parquet/schema.h"

#include "loch/io/parquet/parquet_error.h"

namespace loch::parquet {

namespace {

constexpr int kMaxNesting = 100;

bool validPhysicalType(PhysicalType t) {
  int v = static_cast<int>(t);
  return v >= 0 && v <= 7;
}

class SchemaBuilder {
 public:
  SchemaBuilder(const std::vector<SchemaElement>& elements, std::vector<SchemaNode>& nodes)
      : elements_(elements), nodes_(nodes) {}

  // Adds element `next_` and its subtree under `parent`; returns its index.
  int addNode(int parent, int depth) {
    if (depth > kMaxNesting) throwCorrupt("schema nesting too deep");
    if (next_ >= elements_.size()) throwCorrupt("schema child count exceeds element list");
    const SchemaElement& e = elements_[next_++];
    int index = static_cast<int>(nodes_.size());
    nodes_.push_back(SchemaNode{});
    {
      SchemaNode& n = nodes_.back();
      n.element = e;
      n.parent = parent;
      if (parent >= 0) {
        const SchemaNode& p = nodes_[parent];
        n.path = p.path;
        n.path.push_back(e.name);
        n.max_definition_level = p.max_definition_level;
        n.max_repetition_level = p.max_repetition_level;
        Repetition rep = e.repetition.value_or(Repetition::kRequired);
        if (rep == Repetition::kOptional) ++n.max_definition_level;
        if (rep == Repetition::kRepeated) {
          ++n.max_definition_level;
          ++n.max_repetition_level;
        }
        int r = static_cast<int>(rep);
        if (r < 0 || r > 2) throwCorrupt("unsupported repetition type in schema");
      }
    }
    int32_t num_children = e.num_children.value_or(0);
    if (num_children < 0) throwCorrupt("negative num_children in schema");
    if (e.num_children.has_value() && num_children > 0) {
      for (int32_t i = 0; i < num_children; ++i) {
        int child = addNode(index, depth + 1);
        nodes_[index].children.push_back(child);
      }
    } else if (parent >= 0) {
      checkLeaf(e);
    }
    return index;
  }

  size_t consumed() const { return next_; }

 private:
  static void checkLeaf(const SchemaElement& e) {
    if (!e.type) {
      // An empty group (num_children = 0) is legal but has no column.
      if (e.num_children.has_value()) return;
      throwCorrupt("schema leaf '" + e.name + "' has no physical type");
    }
    if (!validPhysicalType(*e.type)) {
      throwCorrupt("schema leaf '" + e.name + "' has invalid physical type " +
                   std::to_string(static_cast<int>(*e.type)));
    }
    if (*e.type == PhysicalType::kFixedLenByteArray && e.type_length.value_or(0) <= 0) {
      throwCorrupt("FIXED_LEN_BYTE_ARRAY '" + e.name + "' has no positive type_length");
    }
  }

  const std::vector<SchemaElement>& elements_;
  std::vector<SchemaNode>& nodes_;
  size_t next_ = 0;
};

}  // namespace

std::string ColumnDescriptor::dottedPath() const {
  std::string out;
  for (const auto& p : path) {
    if (!out.empty()) out += '.';
    out += p;
  }
  return out;
}

Schema Schema::build(const std::vector<SchemaElement>& elements) {
  if (elements.empty()) throwCorrupt("empty schema");
  Schema s;
  s.nodes_.reserve(elements.size());
  SchemaBuilder builder(elements, s.nodes_);
  builder.addNode(-1, 0);
  if (builder.consumed() != elements.size()) throwCorrupt("schema has elements outside the root");
  for (size_t i = 0; i < s.nodes_.size(); ++i) {
    SchemaNode& n = s.nodes_[i];
    if (i == 0 || !n.isLeaf()) continue;
    n.leaf_index = static_cast<int>(s.columns_.size());
    ColumnDescriptor d;
    d.leaf_index = n.leaf_index;
    d.node_index = static_cast<int>(i);
    d.path = n.path;
    d.physical_type = *n.element.type;
    d.type_length = n.element.type_length.value_or(0);
    d.max_definition_level = n.max_definition_level;
    d.max_repetition_level = n.max_repetition_level;
    s.columns_.push_back(std::move(d));
  }
  return s;
}

int Schema::findColumn(const std::string& dotted) const {
  for (const auto& c : columns_) {
    if (c.dottedPath() == dotted) return c.leaf_index;
  }
  return -1;
}

std::vector<int> Schema::leavesUnder(int node_index) const {
  std::vector<int> out;
  std::vector<int> stack{node_index};
  while (!stack.empty()) {
    int i = stack.back();
    stack.pop_back();
    const SchemaNode& n = nodes_.at(i);
    if (n.leaf_index >= 0) out.push_back(n.leaf_index);
    for (auto it = n.children.rbegin(); it != n.children.rend(); ++it) stack.push_back(*it);
  }
  return out;
}

}  // namespace loch::parquet
