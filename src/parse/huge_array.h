// A fixed-size, zero-initialised array placed on transparent huge pages when the kernel offers them
// (madvise). The weight tables are read at random; with 2 MB pages most lookups avoid a TLB miss.
#ifndef DYAD_PARSE_HUGE_ARRAY_H_
#define DYAD_PARSE_HUGE_ARRAY_H_

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <type_traits>

namespace dyad::parse {

template <typename T>
class HugeArray {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  HugeArray() = default;
  HugeArray(const HugeArray& o) { *this = o; }
  HugeArray& operator=(const HugeArray& o) {
    if (this != &o) {
      Reset(o.size_);
      if (size_) std::memcpy(data(), o.data(), size_ * sizeof(T));
    }
    return *this;
  }
  HugeArray(HugeArray&&) noexcept = default;
  HugeArray& operator=(HugeArray&&) noexcept = default;

  // Replaces the contents with n zero-filled elements. Aborts only if memory is exhausted, as
  // std::vector would.
  void Reset(size_t n) {
    size_ = n;
    if (n == 0) {
      mem_.reset();
      return;
    }
    constexpr size_t kHuge = size_t{2} << 20;
    size_t bytes = n * sizeof(T);
    size_t align = bytes >= kHuge ? kHuge : 64;  // cache lines, for WeightTable's dense rows
    bytes = (bytes + align - 1) / align * align;
    void* p = std::aligned_alloc(align, bytes);
    if (p == nullptr) std::abort();
    if (align == kHuge) madvise(p, bytes, MADV_HUGEPAGE);  // a hint; failure is harmless
    std::memset(p, 0, bytes);
    mem_.reset(static_cast<T*>(p));
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T* data() { return mem_.get(); }
  const T* data() const { return mem_.get(); }
  T& operator[](size_t i) { return mem_.get()[i]; }
  const T& operator[](size_t i) const { return mem_.get()[i]; }

 private:
  struct Free {
    void operator()(T* p) const { std::free(p); }
  };
  std::unique_ptr<T, Free> mem_;
  size_t size_ = 0;
};

}  // namespace dyad::parse

#endif  // DYAD_PARSE_HUGE_ARRAY_H_
