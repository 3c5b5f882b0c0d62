// Keeps the pool's idle workers awake through the short serial stretch before a parallel
// loop, so that the loop runs on every thread from its start.
//
// Why: a TBB worker that finds no work soon sleeps, and waking it takes tens of microseconds
// on a virtual machine. The posting loop runs once per tick for a few hundred microseconds,
// after a serial stretch of about twenty (seeds, triggers, events, the tick's constants);
// measured at 10^6 agents, the second thread joined it 24 microseconds after it began, on
// average, so that one thread posted alone for a tenth of the loop (docs/performance.md).
// Hold() hands each other thread of the arena a task that spins until Release() or a short
// time limit, whichever comes first: a loop that starts meanwhile finds the thread awake. No
// result depends on it, only when the threads start.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace firestorm {

class WarmWorkers {
 public:
  // How long a held thread spins at most after the last Hold: a bound on what it can delay,
  // should another parallel loop start before Release.
  static constexpr std::chrono::microseconds kLimit{100};

  explicit WarmWorkers(std::chrono::microseconds limit = kLimit) : limit_(limit) {}
  // Scratch: a copy holds nothing.
  WarmWorkers(const WarmWorkers& other) : limit_(other.limit_) {}
  WarmWorkers& operator=(const WarmWorkers& other) {
    if (this != &other) {
      Release();
      limit_ = other.limit_;
    }
    return *this;
  }
  ~WarmWorkers() { Release(); }

  // Asks every other thread of the current arena to spin until Release() or the limit from
  // now; threads still held from an earlier Hold spin on.
  void Hold();
  // Lets the held threads go back to the pool.
  void Release();
  // How many threads spin for the current hold (for tests).
  int spinning() const { return hold_ ? hold_->spinning.load(std::memory_order_acquire) : 0; }
  // How many hold states of the process are not back in the pool (for tests).
  static std::size_t StatesInUse();

  // What one hold shares with its spinning tasks. A task may still wait in the arena's queue
  // when this object, or the process, ends, so the state is taken from a process-wide pool
  // that is never freed (nothing dangles, nothing leaks) and goes back to it when its last
  // user (this object or a task) lets go.
  struct Shared {
    std::atomic<bool> held{true};
    std::atomic<std::int64_t> deadline{0};  // steady-clock nanoseconds
    std::atomic<int> spinning{0};
    std::atomic<int> users{0};
  };

 private:
  std::chrono::microseconds limit_;
  Shared* hold_ = nullptr;
};

}  // namespace firestorm
