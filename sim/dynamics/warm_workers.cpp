#include "sim/dynamics/warm_workers.hpp"

#include <tbb/task_arena.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace firestorm {
namespace {

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

void WarmWorkers::Hold() {
  const int others = tbb::this_task_arena::max_concurrency() - 1;
  if (others <= 0) return;
  const std::int64_t deadline = Now() + std::chrono::nanoseconds(limit_).count();
  if (hold_ && hold_->spinning.load(std::memory_order_acquire) == others) {
    hold_->deadline.store(deadline, std::memory_order_release);  // they spin on
    return;
  }
  Release();
  hold_ = std::make_shared<Shared>();
  hold_->deadline.store(deadline, std::memory_order_relaxed);
  for (int i = 0; i < others; ++i)
    tbb::this_task_arena::enqueue([hold = hold_] {
      hold->spinning.fetch_add(1, std::memory_order_acq_rel);
      while (hold->held.load(std::memory_order_acquire) && Now() < hold->deadline.load(std::memory_order_acquire)) {
#if defined(__x86_64__) || defined(__i386__)
        _mm_pause();
#endif
      }
      hold->spinning.fetch_sub(1, std::memory_order_acq_rel);
    });
}

}  // namespace firestorm
