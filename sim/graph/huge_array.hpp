// A fixed-size array for the big per-edge and per-agent arrays (CSR targets, infection times),
// allocated straight from the kernel with mmap and, from 2 MiB up, advised into transparent
// huge pages (madvise(MADV_HUGEPAGE)) before any page is touched.
//
// Why: kernels such as SIR push read agents at random across arrays of tens to hundreds of
// MiB. With 4 KiB pages nearly every such read also misses the TLB; with 2 MiB pages the
// whole array is covered by a few hundred TLB entries. Debian's default THP mode is
// "madvise", so the advice must come before the first touch, which std::vector (it
// zero-fills on construction) cannot do. The pages of a fresh anonymous mapping read as zero,
// so the array starts zeroed without a fill pass and is committed only where written.
// Shrink() returns the tail to the kernel (munmap), as GBBS and Ligra do for their
// edge arrays after filtering. Grow() moves the pages into a bigger mapping (mremap), so an
// array can be extended without a second copy of it ever being resident.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

namespace firestorm {

namespace huge_pages {
inline constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;
// Maps `bytes` of zeroed memory (rounded up to whole huge pages from kHugePageBytes up);
// throws std::bad_alloc when the kernel refuses.
void* Map(std::size_t bytes, std::size_t& mapped_bytes);
// Unmaps [p + keep_bytes, p + mapped_bytes) rounded to pages; returns the new mapped size.
std::size_t Trim(void* p, std::size_t mapped_bytes, std::size_t keep_bytes);
// Extends the mapping [p, p + mapped_bytes), whose first `used_bytes` hold data, to at least
// `new_bytes`: the data keeps its value, the bytes after it read as zero. Pages are moved, not
// copied (mremap into a fresh aligned mapping); only when the kernel refuses is the data
// copied. Returns the new address; `mapped_bytes` becomes the new mapped size.
void* Grow(void* p, std::size_t& mapped_bytes, std::size_t used_bytes, std::size_t new_bytes);
void Unmap(void* p, std::size_t mapped_bytes);
// What Map(bytes, ...) reserves: `bytes` rounded up to whole pages (huge ones from
// kHugePageBytes up).
std::size_t MappedBytes(std::size_t bytes);
}  // namespace huge_pages

// A std::vector allocator for the per-agent columns that the posting loop and the update read
// at random (population_state.hpp, the inboxes): from 2 MiB up the memory comes from
// huge_pages::Map, advised into transparent huge pages before the vector first touches it;
// smaller requests go to the ordinary heap. Measured on the default scenario: a few percent
// less delivery time than with 4 KiB pages (docs/performance.md, fifth session).
template <typename T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < huge_pages::kHugePageBytes) return std::allocator<T>{}.allocate(n);
    std::size_t mapped = 0;
    return static_cast<T*>(huge_pages::Map(bytes, mapped));
  }
  void deallocate(T* p, std::size_t n) noexcept {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < huge_pages::kHugePageBytes) return std::allocator<T>{}.deallocate(p, n);
    huge_pages::Unmap(p, huge_pages::MappedBytes(bytes));
  }
  friend bool operator==(const HugePageAllocator&, const HugePageAllocator&) { return true; }
};

// A per-agent column: a std::vector whose big buffers sit on huge pages.
template <typename T>
using Column = std::vector<T, HugePageAllocator<T>>;

template <typename T>
class HugeArray {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>,
                "HugeArray holds plain numbers; its memory starts as zero bytes");

 public:
  HugeArray() = default;
  explicit HugeArray(std::size_t size) : size_(size) {
    if (size > 0) data_ = static_cast<T*>(huge_pages::Map(size * sizeof(T), mapped_));
  }
  ~HugeArray() { Release(); }
  HugeArray(HugeArray&& o) noexcept
      : data_(std::exchange(o.data_, nullptr)),
        size_(std::exchange(o.size_, 0)),
        mapped_(std::exchange(o.mapped_, 0)) {}
  HugeArray& operator=(HugeArray&& o) noexcept {
    if (this != &o) {
      Release();
      data_ = std::exchange(o.data_, nullptr);
      size_ = std::exchange(o.size_, 0);
      mapped_ = std::exchange(o.mapped_, 0);
    }
    return *this;
  }
  HugeArray(const HugeArray&) = delete;
  HugeArray& operator=(const HugeArray&) = delete;

  T* data() { return data_; }
  const T* data() const { return data_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  std::span<T> span() { return {data_, size_}; }
  std::span<const T> span() const { return {data_, size_}; }
  // Bytes reserved from the kernel (the committed part may be less).
  std::size_t mapped_bytes() const { return mapped_; }

  // Keeps the first `size` elements and gives the rest of the pages back.
  void Shrink(std::size_t size) {
    if (size >= size_) return;
    size_ = size;
    if (data_ != nullptr) mapped_ = huge_pages::Trim(data_, mapped_, size * sizeof(T));
    if (mapped_ == 0) data_ = nullptr;
  }
  // Extends to `size` elements: the first size() keep their values, the new ones are zero.
  // Resident memory is the new size only (the pages move, see huge_pages::Grow).
  void Grow(std::size_t size) {
    if (size <= size_) return;
    data_ = static_cast<T*>(
        huge_pages::Grow(data_, mapped_, size_ * sizeof(T), size * sizeof(T)));
    size_ = size;
  }

 private:
  void Release() {
    if (data_ != nullptr) huge_pages::Unmap(data_, mapped_);
    data_ = nullptr;
    size_ = mapped_ = 0;
  }

  T* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t mapped_ = 0;
};

}  // namespace firestorm
