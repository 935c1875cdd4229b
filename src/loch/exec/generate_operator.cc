#include "loch/exec/generate_operator.h"

#include <algorithm>

#include "loch/common/format.h"
#include "loch/vector/vector_ops.h"

namespace loch {

namespace {

/// Parent row, element index (-1: NULL, for outer rows) and 0-based
/// position of each output row of one batch.
struct ExpansionIndex {
  std::vector<int32_t> parent;
  std::vector<int32_t> element;
  std::vector<int32_t> position;  // -1 on outer rows
};

ExpansionIndex expand(const Vector& list, bool outer) {
  ExpansionIndex x;
  const int32_t* off = list.offsets();
  int64_t n = list.size();
  bool nulls = list.mayHaveNulls();
  int64_t total = 0;
  for (int64_t i = 0; i < n; ++i) {
    int64_t c = nulls && list.isNull(i) ? 0 : off[i + 1] - off[i];
    total += c == 0 && outer ? 1 : c;
  }
  x.parent.resize(static_cast<size_t>(total));
  x.element.resize(static_cast<size_t>(total));
  x.position.resize(static_cast<size_t>(total));
  size_t k = 0;
  for (int64_t i = 0; i < n; ++i) {
    int32_t c = nulls && list.isNull(i) ? 0 : off[i + 1] - off[i];
    if (c == 0) {
      if (outer) {
        x.parent[k] = static_cast<int32_t>(i);
        x.element[k] = -1;
        x.position[k] = -1;
        ++k;
      }
      continue;
    }
    for (int32_t j = 0; j < c; ++j, ++k) {
      x.parent[k] = static_cast<int32_t>(i);
      x.element[k] = off[i] + j;
      x.position[k] = j;
    }
  }
  return x;
}

VectorPtr positions(const std::vector<int32_t>& pos) {
  auto v = Vector::makeFlat(IntegerType(), static_cast<int64_t>(pos.size()));
  int32_t* out = v->mutableValues<int32_t>();
  for (size_t i = 0; i < pos.size(); ++i) {
    out[i] = pos[i] < 0 ? 0 : pos[i];
    if (pos[i] < 0) v->setNull(static_cast<int64_t>(i));
  }
  return v;
}

}  // namespace

std::string GenerateOperator::toString() const {
  static const char* names[] = {"explode", "posexplode", "inline"};
  return std::string("Generate ") + names[static_cast<int>(kind_)] + (outer_ ? "_outer" : "") + "(" +
         input_->toString() + ")";
}

void GenerateOperator::execute(const RecordBatchPtr& input, OperatorState*, ExecContext& ctx, const Emit& emit) {
  VectorPtr list = input_->evaluate(*input, ctx.eval)->flatten();
  ExpansionIndex x = expand(*list, outer_);
  VectorPtr elements = list->child(0)->flatten();
  bool is_map = list->type()->id() == TypeId::Map;
  if (kind_ == GeneratorKind::Inline && elements->mayHaveNulls()) {
    // A NULL struct element yields a row of NULL fields.
    for (auto& e : x.element) {
      if (e >= 0 && elements->isNull(e)) e = -1;
    }
  }
  // Explosion multiplies rows: cut the output into batches of at most
  // batch_size rows so downstream operators see bounded batches.
  auto total = static_cast<int64_t>(x.parent.size());
  int64_t step = ctx.batch_size > 0 ? ctx.batch_size : total;
  for (int64_t start = 0; start < total; start += step) {
    int64_t rows = std::min(step, total - start);
    const int32_t* parent = x.parent.data() + start;
    const int32_t* element = x.element.data() + start;
    std::vector<VectorPtr> cols;
    for (int c : kept_) cols.push_back(gather(*input->column(c), parent, rows));
    if (kind_ == GeneratorKind::PosExplode) {
      cols.push_back(positions(std::vector<int32_t>(x.position.begin() + start, x.position.begin() + start + rows)));
    }
    if (is_map) {
      cols.push_back(gather(*elements->child(0), element, rows));
      cols.push_back(gather(*elements->child(1), element, rows));
    } else if (kind_ == GeneratorKind::Inline) {
      for (const auto& field : elements->children()) cols.push_back(gather(*field, element, rows));
    } else {
      cols.push_back(gather(*elements, element, rows));
    }
    emit(RecordBatch::make(schema(), std::move(cols), rows));
  }
}

}  // namespace loch
