// The DISTINCT wrapper: count(DISTINCT x), sum(DISTINCT x), count(DISTINCT a, b)...
// A wrapper state holds the inner function's state and a set of the
// distinct argument tuples seen by the group. At finalize the tuples are
// sorted (by their encoded bytes, so the order does not depend on how rows
// were split between threads) and fed to the inner function's update, then
// the inner finalize produces the result.
// Tuples compare as grouping keys do: NULL equals NULL, -0.0 equals 0.0,
// all NaNs are equal (Spark normalises floating-point values before
// distinct aggregation).

#include <algorithm>
#include <map>
#include <unordered_set>

#include "loch/function/aggregate/aggregate_util.h"

namespace loch {

namespace {

using agg::stateAs;

/// The distinct tuples of one group.
struct DistinctSet {
  virtual ~DistinctSet() = default;
  virtual void merge(const DistinctSet& other) = 0;
  /// The tuples as argument vectors, in canonical order.
  virtual std::vector<VectorPtr> toVectors(const std::vector<DataTypePtr>& types, int64_t& rows) const = 0;
};

template <class T>
using BitsOf = std::conditional_t<
    sizeof(T) == 1, uint8_t,
    std::conditional_t<sizeof(T) == 2, uint16_t,
                       std::conditional_t<sizeof(T) == 4, uint32_t,
                                          std::conditional_t<sizeof(T) == 8, uint64_t, unsigned __int128>>>>;

struct BitsHasher {
  template <class B>
  size_t operator()(B b) const {
    if constexpr (sizeof(B) == 16) {
      uint64_t lo = static_cast<uint64_t>(b), hi = static_cast<uint64_t>(b >> 64);
      return std::hash<uint64_t>()(lo * 0x9E3779B97F4A7C15ULL ^ hi);
    } else {
      uint64_t x = static_cast<uint64_t>(b) * 0x9E3779B97F4A7C15ULL;
      return static_cast<size_t>(x ^ (x >> 32));
    }
  }
};

/// Fast path: one fixed-width argument.
template <class T>
struct FixedDistinctSet final : DistinctSet {
  using Bits = BitsOf<T>;
  std::unordered_set<Bits, BitsHasher> values;
  bool has_null = false;

  void add(T v) {
    v = agg::normalizeFloat(v);
    Bits b;
    std::memcpy(&b, &v, sizeof(T));
    values.insert(b);
  }
  void merge(const DistinctSet& other) override {
    const auto& o = static_cast<const FixedDistinctSet&>(other);
    values.insert(o.values.begin(), o.values.end());
    has_null |= o.has_null;
  }
  std::vector<VectorPtr> toVectors(const std::vector<DataTypePtr>& types, int64_t& rows) const override {
    std::vector<Bits> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    rows = static_cast<int64_t>(sorted.size()) + (has_null ? 1 : 0);
    VectorPtr out = Vector::makeFlat(types[0], rows);
    T* dst = out->mutableValues<T>();
    for (size_t i = 0; i < sorted.size(); ++i) std::memcpy(&dst[i], &sorted[i], sizeof(T));
    if (has_null) out->setNull(rows - 1);
    return {out};
  }
};

/// General path: tuples encoded as bytes (per column: a NULL flag, then the
/// fixed-width bits or a 4-byte length and the bytes; nested values as
/// their display text, which is then also kept as Values to feed back).
struct EncodedDistinctSet final : DistinctSet {
  std::map<std::string, std::vector<Value>> nested_rows;  // only with nested columns
  std::unordered_set<std::string> keys;

  void merge(const DistinctSet& other) override {
    const auto& o = static_cast<const EncodedDistinctSet&>(other);
    keys.insert(o.keys.begin(), o.keys.end());
    nested_rows.insert(o.nested_rows.begin(), o.nested_rows.end());
  }
  std::vector<VectorPtr> toVectors(const std::vector<DataTypePtr>& types, int64_t& rows) const override {
    std::vector<std::unique_ptr<VectorBuilder>> builders;
    for (const auto& t : types) builders.push_back(std::make_unique<VectorBuilder>(t));
    if (!nested_rows.empty()) {
      rows = static_cast<int64_t>(nested_rows.size());
      for (const auto& [key, row] : nested_rows)
        for (size_t c = 0; c < types.size(); ++c) builders[c]->appendValue(row[c]);
    } else {
      std::vector<std::string_view> sorted(keys.begin(), keys.end());
      std::sort(sorted.begin(), sorted.end());
      rows = static_cast<int64_t>(sorted.size());
      for (std::string_view k : sorted) decodeRow(k, types, builders);
    }
    std::vector<VectorPtr> out;
    for (auto& b : builders) out.push_back(b->finish());
    return out;
  }

  static void decodeRow(std::string_view k, const std::vector<DataTypePtr>& types,
                        std::vector<std::unique_ptr<VectorBuilder>>& builders) {
    size_t pos = 0;
    for (size_t c = 0; c < types.size(); ++c) {
      bool is_null = k[pos++] != 0;
      if (is_null) {
        builders[c]->appendNull();
        continue;
      }
      if (types[c]->isStringLike()) {
        uint32_t len;
        std::memcpy(&len, k.data() + pos, 4);
        pos += 4;
        builders[c]->appendString(k.substr(pos, len));
        pos += len;
      } else {
        agg::appendFixedBits(*builders[c], types[c]->id(), k.data() + pos);
        pos += static_cast<size_t>(types[c]->fixedWidth());
      }
    }
  }
};

void encodeFixed(std::string& key, const DecodedVector& d, int64_t i, TypeId id, int width) {
  const uint8_t* p = d.base().valuesBuffer()->data() + d.index(i) * width;
  if (id == TypeId::Double) {
    double v;
    std::memcpy(&v, p, 8);
    v = agg::normalizeFloat(v);
    key.append(reinterpret_cast<const char*>(&v), 8);
  } else if (id == TypeId::Float) {
    float v;
    std::memcpy(&v, p, 4);
    v = agg::normalizeFloat(v);
    key.append(reinterpret_cast<const char*>(&v), 4);
  } else {
    key.append(reinterpret_cast<const char*>(p), static_cast<size_t>(width));
  }
}

struct DistinctState {
  std::unique_ptr<DistinctSet> set;
};

size_t alignUp(size_t v, size_t a) { return (v + a - 1) / a * a; }

}  // namespace

BoundAggregateFunction makeDistinctAggregate(BoundAggregateFunction inner_fn) {
  auto inner = std::make_shared<const BoundAggregateFunction>(std::move(inner_fn));
  BoundAggregateFunction f;
  f.name = inner->name;
  f.arg_types = inner->arg_types;
  f.return_type = inner->return_type;
  f.nullable = inner->nullable;
  f.state_align = std::max<size_t>(alignof(DistinctState), inner->state_align);
  size_t inner_offset = alignUp(sizeof(DistinctState), inner->state_align);
  f.state_size = inner_offset + inner->state_size;
  std::vector<DataTypePtr> types = inner->arg_types;
  bool fast = types.size() == 1 && types[0]->fixedWidth() > 0;
  bool nested = false;
  for (const auto& t : types) nested |= t->isNested() || t->id() == TypeId::Null;

  f.init = [inner, inner_offset, fast, types](uint8_t* s) {
    auto* st = ::new (static_cast<void*>(s)) DistinctState();
    if (fast) {
      agg::dispatchFixed(types[0]->id(), [&]<class T>() { st->set = std::make_unique<FixedDistinctSet<T>>(); });
    } else {
      st->set = std::make_unique<EncodedDistinctSet>();
    }
    inner->init(s + inner_offset);
  };
  f.destroy = [inner, inner_offset](uint8_t* s) {
    if (inner->destroy) inner->destroy(s + inner_offset);
    reinterpret_cast<DistinctState*>(s)->~DistinctState();
  };
  f.update = [fast, nested, types](const std::vector<VectorPtr>& args, int64_t n, uint8_t* const* states,
                                   EvalContext&) {
    if (fast) {
      agg::dispatchFixed(types[0]->id(), [&]<class T>() {
        DecodedVector d(*args[0]);
        for (int64_t i = 0; i < n; ++i) {
          auto& set = static_cast<FixedDistinctSet<T>&>(*stateAs<DistinctState>(states[i]).set);
          if (d.isNull(i)) {
            set.has_null = true;
          } else {
            set.add(d.valueAt<T>(i));
          }
        }
      });
      return;
    }
    std::vector<DecodedVector> decoded;
    for (const auto& a : args) decoded.emplace_back(*a);
    std::string key;
    for (int64_t i = 0; i < n; ++i) {
      key.clear();
      for (size_t c = 0; c < types.size(); ++c) {
        const DecodedVector& d = decoded[c];
        bool is_null = types[c]->id() == TypeId::Null || d.isNull(i);
        key.push_back(is_null ? 1 : 0);
        if (is_null) continue;
        if (types[c]->isStringLike()) {
          std::string_view s = d.stringAt(i);
          uint32_t len = static_cast<uint32_t>(s.size());
          key.append(reinterpret_cast<const char*>(&len), 4);
          key.append(s);
        } else if (types[c]->isNested()) {
          key.append(d.base().getValue(d.index(i)).toString());
          key.push_back('\0');
        } else {
          encodeFixed(key, d, i, types[c]->id(), types[c]->fixedWidth());
        }
      }
      auto& set = static_cast<EncodedDistinctSet&>(*stateAs<DistinctState>(states[i]).set);
      if (nested) {
        if (set.nested_rows.count(key)) continue;
        std::vector<Value> row;
        for (size_t c = 0; c < types.size(); ++c) row.push_back(args[c]->getValue(i));
        set.nested_rows.emplace(key, std::move(row));
      } else {
        set.keys.insert(key);
      }
    }
  };
  f.combine = [](uint8_t* target, const uint8_t* source, EvalContext&) {
    stateAs<DistinctState>(target).set->merge(*stateAs<DistinctState>(source).set);
  };
  f.finalize = [inner, inner_offset, types](uint8_t* const* states, int64_t n, EvalContext& ctx) {
    std::vector<uint8_t*> inner_states(static_cast<size_t>(n));
    std::vector<uint8_t*> repeated;
    for (int64_t i = 0; i < n; ++i) {
      uint8_t* inner_state = states[i] + inner_offset;
      inner_states[static_cast<size_t>(i)] = inner_state;
      // Start from an empty inner state, so finalizing twice is harmless.
      if (inner->destroy) inner->destroy(inner_state);
      inner->init(inner_state);
      int64_t rows = 0;
      std::vector<VectorPtr> args = stateAs<DistinctState>(states[i]).set->toVectors(types, rows);
      if (rows == 0) continue;
      repeated.assign(static_cast<size_t>(rows), inner_state);
      inner->update(args, rows, repeated.data(), ctx);
    }
    return inner->finalize(inner_states.data(), n, ctx);
  };
  return f;
}

}  // namespace loch
