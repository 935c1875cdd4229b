#pragma once
// UninitializedVector: a std::vector whose resize() leaves new elements
// default-initialized (for trivial types: not zeroed). Decode buffers are
// always written in full before they are read (or discarded on an error),
// so zero-filling them first only costs a memset per page.

#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace loch::parquet {

template <class T>
struct DefaultInitAllocator : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  DefaultInitAllocator() = default;
  template <class U>
  DefaultInitAllocator(const DefaultInitAllocator<U>&) noexcept {}

  /// Default-initializes (no value-initialization: trivial types stay unset).
  template <class U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    std::construct_at(p, std::forward<Args>(args)...);
  }
};

template <class T>
using UninitializedVector = std::vector<T, DefaultInitAllocator<T>>;

}  // namespace loch::parquet
