// mmap/madvise/munmap behind HugeArray (see huge_array.hpp for why).
#include "sim/graph/huge_array.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <new>

namespace firestorm::huge_pages {
namespace {

std::size_t PageBytes() {
  static const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  return page;
}

std::size_t RoundUp(std::size_t bytes, std::size_t unit) { return (bytes + unit - 1) / unit * unit; }

}  // namespace

std::size_t MappedBytes(std::size_t bytes) {
  return RoundUp(bytes, bytes >= kHugePageBytes ? kHugePageBytes : PageBytes());
}

void* Map(std::size_t bytes, std::size_t& mapped_bytes) {
  const bool huge = bytes >= kHugePageBytes;
  // A huge-page-sized mapping is over-allocated by one huge page and trimmed so that it starts
  // on a 2 MiB boundary: THP only backs aligned 2 MiB ranges.
  const std::size_t want = MappedBytes(bytes);
  const std::size_t ask = huge ? want + kHugePageBytes : want;
  void* raw = ::mmap(nullptr, ask, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                     -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  auto* base = static_cast<char*>(raw);
  if (huge) {
    const auto address = reinterpret_cast<std::uintptr_t>(base);
    const std::size_t lead = RoundUp(address, kHugePageBytes) - address;
    if (lead > 0) ::munmap(base, lead);
    const std::size_t tail = ask - lead - want;
    if (tail > 0) ::munmap(base + lead + want, tail);
    base += lead;
#ifdef MADV_HUGEPAGE
    ::madvise(base, want, MADV_HUGEPAGE);  // advice only: failure just means small pages
#endif
  }
  mapped_bytes = want;
  return base;
}

std::size_t Trim(void* p, std::size_t mapped_bytes, std::size_t keep_bytes) {
  const std::size_t unit = mapped_bytes >= kHugePageBytes ? kHugePageBytes : PageBytes();
  const std::size_t keep = RoundUp(keep_bytes, unit);
  if (keep >= mapped_bytes) return mapped_bytes;
  ::munmap(static_cast<char*>(p) + keep, mapped_bytes - keep);
  return keep;
}

void* Grow(void* p, std::size_t& mapped_bytes, std::size_t used_bytes, std::size_t new_bytes) {
  if (p == nullptr || mapped_bytes == 0) return Map(new_bytes, mapped_bytes);
  auto* old = static_cast<char*>(p);
  if (new_bytes <= mapped_bytes) {
    // Room left in the mapping; the bytes past the data may be left over from before a Shrink.
    std::memset(old + used_bytes, 0, new_bytes - used_bytes);
    return p;
  }
  std::size_t fresh_bytes = 0;
  auto* fresh = static_cast<char*>(Map(new_bytes, fresh_bytes));
  // Move the old pages over the start of the fresh mapping (page tables only; 2 MiB pages stay
  // whole because both addresses are 2 MiB aligned). MREMAP_FIXED replaces what was there.
  void* moved = ::mremap(old, mapped_bytes, mapped_bytes, MREMAP_MAYMOVE | MREMAP_FIXED, fresh);
  if (moved == MAP_FAILED) {
    std::memcpy(fresh, old, used_bytes);
    Unmap(old, mapped_bytes);
  } else {
    std::memset(fresh + used_bytes, 0, mapped_bytes - used_bytes);
#ifdef MADV_HUGEPAGE
    if (fresh_bytes >= kHugePageBytes) ::madvise(fresh, fresh_bytes, MADV_HUGEPAGE);
#endif
  }
  mapped_bytes = fresh_bytes;
  return fresh;
}

void Unmap(void* p, std::size_t mapped_bytes) {
  if (p != nullptr && mapped_bytes > 0) ::munmap(p, mapped_bytes);
}

}  // namespace firestorm::huge_pages
