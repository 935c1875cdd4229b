#include "loch/exec/set/sample.h"

#include <cmath>
#include <vector>

#include "loch/common/exception.h"
#include "loch/exec/vector_hash.h"
#include "loch/vector/vector_ops.h"

namespace loch {

namespace {

// Uniform double in [0, 1) from a 64-bit hash.
inline double toUnit(uint64_t h) { return static_cast<double>(h >> 11) * (1.0 / 9007199254740992.0); }

std::string formatDouble(double v) {
  std::string s = std::to_string(v);
  while (s.size() > 1 && s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
  return s;
}

}  // namespace

struct Sample::State : OperatorState {
  int64_t morsel = -1;
  int64_t row = 0;  // position within the morsel
};

Sample::Sample(PhysicalOperatorPtr child, double fraction, int64_t seed, bool with_replacement)
    : PhysicalOperator(child->schema(), {child}), fraction_(fraction), seed_(seed), with_replacement_(with_replacement) {
  bool ok = with_replacement ? (fraction >= 0 && std::isfinite(fraction)) : (fraction >= 0 && fraction <= 1);
  if (!ok) {
    throw InvalidArgumentException(
        "INVALID_SAMPLING_FRACTION",
        "Sampling fraction (" + formatDouble(fraction) + ") must be " +
            (with_replacement ? std::string("nonnegative with replacement") : std::string("on interval [0, 1] without replacement")) + ".");
  }
}

std::string Sample::toString() const {
  return "Sample(fraction=" + formatDouble(fraction_) + ", seed=" + std::to_string(seed_) +
         ", withReplacement=" + (with_replacement_ ? "true" : "false") + ")";
}

std::unique_ptr<OperatorState> Sample::makeState(ExecContext& /*ctx*/) { return std::make_unique<State>(); }

void Sample::execute(const RecordBatchPtr& input, OperatorState* state, ExecContext& ctx, const Emit& emit) {
  if (!input || input->numRows() == 0) return;
  auto& st = static_cast<State&>(*state);
  if (ctx.eval.partition_index != st.morsel) {
    st.morsel = ctx.eval.partition_index;
    st.row = 0;
  }
  int64_t n = input->numRows();
  uint64_t base = hashInt64(static_cast<uint64_t>(seed_) ^ hashInt64(static_cast<uint64_t>(st.morsel) + 0x632BE59BD9B4E019ULL));
  std::vector<int32_t> rows;
  rows.reserve(static_cast<size_t>(n));
  if (!with_replacement_) {
    for (int64_t i = 0; i < n; ++i) {
      double u = toUnit(hashInt64(base + static_cast<uint64_t>(st.row + i) * 0x9E3779B97F4A7C15ULL));
      if (u < fraction_) rows.push_back(static_cast<int32_t>(i));
    }
  } else {
    // Poisson(fraction) copies by inversion of the CDF with one uniform.
    double p0 = std::exp(-fraction_);
    for (int64_t i = 0; i < n; ++i) {
      double u = toUnit(hashInt64(base + static_cast<uint64_t>(st.row + i) * 0x9E3779B97F4A7C15ULL));
      double p = p0, cdf = p0;
      int k = 0;
      while (u >= cdf && k < 10000) {
        ++k;
        p *= fraction_ / k;
        cdf += p;
        if (p == 0) break;
      }
      for (int c = 0; c < k; ++c) rows.push_back(static_cast<int32_t>(i));
    }
  }
  st.row += n;
  if (rows.empty()) return;
  auto m = static_cast<int64_t>(rows.size());
  if (m == n && !with_replacement_) {
    emit(input);
    return;
  }
  int64_t bs = std::max<int64_t>(ctx.batch_size, 1);
  for (int64_t start = 0; start < m; start += bs) {
    int64_t len = std::min(bs, m - start);
    std::vector<VectorPtr> cols;
    for (const auto& c : input->columns()) cols.push_back(gather(*c, rows.data() + start, len));
    emit(RecordBatch::make(schema(), std::move(cols), len));
  }
}

}  // namespace loch
