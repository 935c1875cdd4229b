#include "loch/exec/project_operator.h"

#include "loch/common/format.h"

namespace loch {

std::string ProjectOperator::toString() const {
  std::vector<std::string> parts;
  for (const auto& e : exprs_) parts.push_back(e->toString());
  return "Project [" + join(parts, ", ") + "]";
}

void ProjectOperator::execute(const RecordBatchPtr& input, OperatorState*, ExecContext& ctx, const Emit& emit) {
  std::vector<VectorPtr> cols;
  cols.reserve(exprs_.size());
  for (const auto& e : exprs_) cols.push_back(e->evaluate(*input, ctx.eval));
  emit(RecordBatch::make(schema(), std::move(cols), input->numRows()));
}

}  // namespace loch
