#include "loch/exec/set/row_groups.h"

#include <algorithm>

#include "loch/exec/join/key_compare.h"
#include "loch/exec/vector_hash.h"
#include "loch/vector/vector_ops.h"

namespace loch {

std::vector<int32_t> firstOccurrences(const std::vector<VectorPtr>& columns, int64_t n, const uint64_t* given_hashes) {
  std::vector<int32_t> rep(static_cast<size_t>(n));
  if (columns.empty()) {
    std::fill(rep.begin(), rep.end(), 0);
    return rep;
  }
  std::vector<uint64_t> computed;
  if (!given_hashes) {
    computed.resize(static_cast<size_t>(n));
    hashColumns(columns, n, computed.data());
  }
  const uint64_t* hashes = given_hashes ? given_hashes : computed.data();
  uint64_t cap = 16;
  while (cap < static_cast<uint64_t>(n) * 2) cap <<= 1;
  uint64_t mask = cap - 1;
  std::vector<int32_t> table(cap, -1);
  std::vector<uint64_t> slot(static_cast<size_t>(n));
  constexpr int64_t kChunk = 2048;
  std::vector<int32_t> pending, next_pending, cmp_row, cmp_rep;
  std::vector<uint8_t> eq;
  for (int64_t start = 0; start < n; start += kChunk) {
    int64_t end = std::min(n, start + kChunk);
    pending.clear();
    for (int64_t i = start; i < end; ++i) {
      slot[i] = hashes[i] & mask;
      pending.push_back(static_cast<int32_t>(i));
    }
    // Rows equal to each other share their probe sequence and keep their
    // relative order in `pending`, so the first of them claims the slot.
    while (!pending.empty()) {
      next_pending.clear();
      cmp_row.clear();
      cmp_rep.clear();
      for (int32_t r : pending) {
        int32_t e = table[slot[r]];
        if (e < 0) {
          table[slot[r]] = r;
          rep[r] = r;
        } else if (hashes[e] == hashes[r]) {
          cmp_row.push_back(r);
          cmp_rep.push_back(e);
        } else {
          slot[r] = (slot[r] + 1) & mask;
          next_pending.push_back(r);
        }
      }
      auto m = static_cast<int64_t>(cmp_row.size());
      eq.assign(static_cast<size_t>(m), 1);
      for (const auto& c : columns) keycmp::equalPairs(*c, cmp_row.data(), *c, cmp_rep.data(), m, true, eq.data());
      for (int64_t j = 0; j < m; ++j) {
        if (eq[j]) {
          rep[cmp_row[j]] = cmp_rep[j];
        } else {
          int32_t r = cmp_row[j];
          slot[r] = (slot[r] + 1) & mask;
          next_pending.push_back(r);
        }
      }
      // Keep ascending row order for the claim rule above.
      std::sort(next_pending.begin(), next_pending.end());
      pending.swap(next_pending);
    }
  }
  return rep;
}

void addSetPart(SetSinkState& st, int child, const RecordBatchPtr& batch, int64_t morsel, bool hash_rows) {
  if (morsel != st.last_morsel) {
    st.last_morsel = morsel;
    st.seq = 0;
  }
  SetPart part{child, morsel, st.seq++, batch, {}};
  if (hash_rows) {
    part.hashes.resize(static_cast<size_t>(batch->numRows()));
    hashColumns(batch->columns(), batch->numRows(), part.hashes.data());
  }
  st.parts.push_back(std::move(part));
}

std::vector<uint64_t> concatHashes(const std::vector<SetPart>& parts) {
  std::vector<uint64_t> out;
  for (const auto& p : parts) out.insert(out.end(), p.hashes.begin(), p.hashes.end());
  return out;
}

void orderSetParts(std::vector<SetPart>& parts) {
  std::sort(parts.begin(), parts.end(), [](const SetPart& a, const SetPart& b) {
    if (a.child != b.child) return a.child < b.child;
    return a.morsel != b.morsel ? a.morsel < b.morsel : a.seq < b.seq;
  });
}

std::vector<VectorPtr> concatParts(const std::vector<SetPart>& parts, const SchemaPtr& schema) {
  std::vector<VectorPtr> cols;
  const auto& fields = schema->fields();
  for (size_t c = 0; c < fields.size(); ++c) {
    if (parts.empty()) {
      cols.push_back(Vector::makeFlat(fields[c].type, 0));
      continue;
    }
    std::vector<VectorPtr> pieces;
    for (const auto& p : parts) pieces.push_back(p.batch->column(static_cast<int>(c)));
    cols.push_back(concat(fields[c].type, pieces)->flatten());
  }
  return cols;
}

std::vector<RecordBatchPtr> gatherChunks(const std::vector<VectorPtr>& columns, const SchemaPtr& schema,
                                         const std::vector<int32_t>& rows, int64_t batch_size) {
  std::vector<RecordBatchPtr> out;
  auto total = static_cast<int64_t>(rows.size());
  for (int64_t start = 0; start < total; start += batch_size) {
    int64_t n = std::min(batch_size, total - start);
    std::vector<VectorPtr> cols;
    for (const auto& c : columns) cols.push_back(gather(*c, rows.data() + start, n));
    out.push_back(RecordBatch::make(schema, std::move(cols), n));
  }
  return out;
}

}  // namespace loch
