#include "loch/function/operators/select.h"

#include "loch/function/operators/kernel_util.h"
#include "loch/vector/vector_ops.h"

namespace loch {

VectorPtr selectRows(const DataTypePtr& type, int64_t n, const std::vector<const Vector*>& sources,
                     const uint8_t* which, const int32_t* rows) {
  if (kernel::isFixedWidth(type->id())) {
    return kernel::dispatchFixed(type->id(), [&](auto tag) {
      using T = decltype(tag);
      std::vector<DecodedVector> dec(sources.size());
      std::vector<const T*> vals(sources.size());
      for (size_t s = 0; s < sources.size(); ++s) {
        dec[s].decode(*sources[s]);
        vals[s] = dec[s].base().template values<T>();
      }
      auto out = Vector::makeFlat(type, n);
      T* o = out->template mutableValues<T>();
      for (int64_t i = 0; i < n; ++i) {
        uint8_t w = which[i];
        if (w == kSelectNull) {
          out->setNull(i);
          continue;
        }
        int64_t r = rows ? rows[i] : i;
        const DecodedVector& d = dec[w];
        if (d.isNull(r)) {
          out->setNull(i);
          continue;
        }
        o[i] = vals[w][d.index(r)];
      }
      return out;
    });
  }
  std::vector<uint64_t> refs(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    refs[i] = which[i] == kSelectNull ? kNullRowRef
                                      : makeRowRef(which[i], static_cast<uint32_t>(rows ? rows[i] : i));
  }
  return gatherRefs(sources, type, refs.data(), n);
}

}  // namespace loch
