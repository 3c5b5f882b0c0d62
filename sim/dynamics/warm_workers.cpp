#include "sim/dynamics/warm_workers.hpp"

#include <tbb/task_arena.h>

#include <deque>
#include <mutex>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

#include "sim/core/usable_threads.hpp"

namespace firestorm {
namespace {

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// The process-wide pool of hold states: a deque keeps each state in place, the free list
// recycles them, so that the pool grows only to the most holds alive at once.
class SharedPool {
 public:
  WarmWorkers::Shared* Take(int users, std::int64_t deadline) {
    WarmWorkers::Shared* shared;
    {
      std::lock_guard lock(mutex_);
      if (free_.empty()) {
        shared = &states_.emplace_back();
      } else {
        shared = free_.back();
        free_.pop_back();
      }
      ++in_use_;
    }
    shared->held.store(true, std::memory_order_relaxed);
    shared->deadline.store(deadline, std::memory_order_relaxed);
    shared->spinning.store(0, std::memory_order_relaxed);
    shared->users.store(users, std::memory_order_release);
    return shared;
  }

  void LetGo(WarmWorkers::Shared* shared) {
    if (shared->users.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
    std::lock_guard lock(mutex_);
    free_.push_back(shared);
    --in_use_;
  }

  std::size_t InUse() {
    std::lock_guard lock(mutex_);
    return in_use_;
  }

 private:
  std::mutex mutex_;
  std::size_t in_use_ = 0;
  std::deque<WarmWorkers::Shared> states_;
  std::vector<WarmWorkers::Shared*> free_;
};

// Never destroyed: a task still queued when the process ends holds a pointer into it.
SharedPool& Pool() {
  static SharedPool* const pool = new SharedPool;
  return *pool;
}

}  // namespace

void WarmWorkers::Hold() {
  // Under `--threads 1` there is no other thread: a task enqueued there would make TBB admit a
  // worker anyway, which would spin and then join the parallel loops.
  const int others = UsableThreads() - 1;
  if (others <= 0) return;
  const std::int64_t deadline = Now() + std::chrono::nanoseconds(limit_).count();
  if (hold_ && hold_->spinning.load(std::memory_order_acquire) == others) {
    hold_->deadline.store(deadline, std::memory_order_release);  // they spin on
    return;
  }
  Release();
  hold_ = Pool().Take(others + 1, deadline);
  for (int i = 0; i < others; ++i)
    tbb::this_task_arena::enqueue([hold = hold_] {
      hold->spinning.fetch_add(1, std::memory_order_acq_rel);
      while (hold->held.load(std::memory_order_acquire) && Now() < hold->deadline.load(std::memory_order_acquire)) {
#if defined(__x86_64__) || defined(__i386__)
        _mm_pause();
#endif
      }
      hold->spinning.fetch_sub(1, std::memory_order_acq_rel);
      Pool().LetGo(hold);
    });
}

std::size_t WarmWorkers::StatesInUse() { return Pool().InUse(); }

void WarmWorkers::Release() {
  if (!hold_) return;
  hold_->held.store(false, std::memory_order_release);
  Pool().LetGo(hold_);
  hold_ = nullptr;
}

}  // namespace firestorm
