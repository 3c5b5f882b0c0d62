// Asking the cache for a line ahead of its use.
//
// Why not __builtin_prefetch: GCC 12 (Debian 12's compiler) deletes a loop whose only work is
// __builtin_prefetch when the loop's bounds are loaded from memory. The loop over a block's
// seen-post records (delivery_buffers.hpp) compiled to nothing, at -O1 to -O3, and the update
// paid a cache miss per record line. An `asm volatile` statement is never deleted or merged,
// so every request written here reaches the processor. A prefetch never faults, so an
// address past the end of an array is harmless.
#pragma once

namespace firestorm {

// Requests the line holding `address` into every cache level, for reading.
inline void RequestLine(const void* address) {
#if defined(__x86_64__) || defined(__i386__)
  asm volatile("prefetcht0 %0" : : "m"(*static_cast<const char*>(address)));
#else
  __builtin_prefetch(address, 0, 3);
#endif
}

// Requests the line holding `address` for writing. On x86 this is RequestLine: `prefetchw`
// is not on every processor Debian 12 supports.
inline void RequestLineForWrite(const void* address) {
#if defined(__x86_64__) || defined(__i386__)
  RequestLine(address);
#else
  __builtin_prefetch(address, 1, 3);
#endif
}

}  // namespace firestorm
