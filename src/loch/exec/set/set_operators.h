#pragma once
// Set operators with Spark semantics (rows compare whole; NULL equals NULL,
// NaN equals NaN, -0.0 equals 0.0):
//   UnionAll            all rows of all children, in (child, morsel) order
//   Distinct            first occurrence of every distinct row, input order
//   Intersect [ALL]     rows of the left child also in the right; ALL keeps
//                       min(left count, right count) copies
//   Except [ALL]        rows of the left child not in the right; ALL keeps
//                       left count - right count copies
// (Spark SQL reference: "Set Operators".) The result order is deterministic:
// surviving left rows keep their input order (for ALL, the first copies
// of each row survive).

#include <string>
#include <vector>

#include "loch/exec/set/buffered_set_operator.h"

namespace loch {

class UnionAll : public BufferedSetOperator {
 public:
  /// @param children at least one child, all with the same column types.
  /// @throws InternalException when column counts or types differ.
  explicit UnionAll(std::vector<PhysicalOperatorPtr> children);
  /// "UnionAll(3 children)".
  std::string toString() const override;
  void finalize(ExecContext& ctx) override;
};

class Distinct : public BufferedSetOperator {
 public:
  explicit Distinct(PhysicalOperatorPtr child);
  /// "Distinct".
  std::string toString() const override { return "Distinct"; }
  void finalize(ExecContext& ctx) override;
};

enum class SetOpKind : uint8_t { Intersect, Except };

class SetOperation : public BufferedSetOperator {
 public:
  /// @param all INTERSECT ALL / EXCEPT ALL (multiset) instead of DISTINCT.
  /// @throws InternalException when the children's column types differ.
  SetOperation(SetOpKind kind, bool all, PhysicalOperatorPtr left, PhysicalOperatorPtr right);
  /// "Intersect", "IntersectAll", "Except", "ExceptAll".
  std::string toString() const override;
  void finalize(ExecContext& ctx) override;

 private:
  SetOpKind kind_;
  bool all_;
};

}  // namespace loch
