#pragma once
// The Parquet schema as a tree, rebuilt from the depth-first SchemaElement
// list of the footer, with the maximum definition and repetition level of
// every node (Parquet format README, "Nested Encoding"; Dremel levels).

#include <cstdint>
#include <string>
#include <vector>

#include "loch/io/parquet/metadata.h"

namespace loch::parquet {

/// One node of the schema tree. Indices refer to Schema::nodes().
struct SchemaNode {
  SchemaElement element;
  int parent = -1;            ///< -1 for the root
  std::vector<int> children;  ///< empty for leaves
  int16_t max_definition_level = 0;  ///< levels counted from the root down to this node
  int16_t max_repetition_level = 0;
  int leaf_index = -1;  ///< column ordinal for leaves, -1 for groups
  std::vector<std::string> path;  ///< names from below the root to this node

  bool isLeaf() const { return children.empty() && element.type.has_value(); }
  Repetition repetition() const {
    return element.repetition.value_or(Repetition::kRequired);
  }
};

/// A leaf column: what the column reader needs to decode its pages.
struct ColumnDescriptor {
  int leaf_index = 0;
  int node_index = 0;
  std::vector<std::string> path;
  PhysicalType physical_type = PhysicalType::kInt32;
  int32_t type_length = 0;  ///< bytes per value for FIXED_LEN_BYTE_ARRAY
  int16_t max_definition_level = 0;
  int16_t max_repetition_level = 0;

  /// "a.b.c" for messages.
  std::string dottedPath() const;
};

/// Immutable schema tree; safe to share between threads.
class Schema {
 public:
  /// Builds the tree. Throws IOException(PARQUET_CORRUPT_FILE) when the list
  /// is empty, child counts overrun the list, a leaf has no physical type or
  /// an invalid one, a FIXED_LEN_BYTE_ARRAY has no positive length, or
  /// nesting exceeds 100 levels.
  static Schema build(const std::vector<SchemaElement>& elements);

  const std::vector<SchemaNode>& nodes() const { return nodes_; }
  const SchemaNode& node(int i) const { return nodes_.at(i); }
  const SchemaNode& root() const { return nodes_.front(); }
  /// Leaf columns in file order (the order of ColumnChunks in a row group).
  const std::vector<ColumnDescriptor>& columns() const { return columns_; }
  int numColumns() const { return static_cast<int>(columns_.size()); }
  /// Index of the leaf whose dotted path equals `dotted`, or -1.
  int findColumn(const std::string& dotted) const;
  /// Leaf indices under node `node_index` (itself if it is a leaf), in order.
  std::vector<int> leavesUnder(int node_index) const;

 private:
  std::vector<SchemaNode> nodes_;
  std::vector<ColumnDescriptor> columns_;
};

}  // namespace loch::parquet
