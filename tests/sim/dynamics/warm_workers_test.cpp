// WarmWorkers: the other thread of the arena spins while held, goes back to the pool when
// released, stops by itself after the limit, outlives no object's state, and nothing is held
// in an arena of one thread or under a global limit of one thread.
// The waits are bounded far above any wake-up, so that a loaded machine does not fail them.
#include "sim/dynamics/warm_workers.hpp"

#include <gtest/gtest.h>
#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <thread>

namespace firestorm {
namespace {

using std::chrono::microseconds;

// Waits up to five seconds for the count of spinning threads.
bool Reaches(const WarmWorkers& warm, int count) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (warm.spinning() != count)
    if (std::chrono::steady_clock::now() > give_up) return false;
  return true;
}

TEST(WarmWorkers, HeldThreadsSpinUntilReleased) {
  tbb::task_arena arena(2);
  arena.execute([] {
    WarmWorkers warm(microseconds(std::chrono::seconds(30)));
    warm.Hold();
    ASSERT_TRUE(Reaches(warm, 1)) << "the other thread took the hold";
    warm.Hold();  // again, while it spins: it spins on, no second task
    EXPECT_EQ(warm.spinning(), 1);
    warm.Release();
    // Released, the thread is free to take a new hold; were it still spinning on the old one
    // (30 s), the new one would find no thread.
    warm.Hold();
    EXPECT_TRUE(Reaches(warm, 1)) << "the released thread did not come back";
    warm.Release();
  });
}

TEST(WarmWorkers, AHoldEndsByItselfAfterTheLimitAndDelaysNoLoop) {
  tbb::task_arena arena(2);
  arena.execute([] {
    WarmWorkers warm(microseconds(200000));
    warm.Hold();
    ASSERT_TRUE(Reaches(warm, 1)) << "the other thread took the hold";
    EXPECT_TRUE(Reaches(warm, 0)) << "still spinning long after the limit";
    // A loop started under a hold that is never released runs to its end.
    warm.Hold();
    const std::uint64_t sum = tbb::parallel_reduce(
        tbb::blocked_range<std::uint64_t>(0, 1000000), std::uint64_t{0},
        [](const tbb::blocked_range<std::uint64_t>& r, std::uint64_t acc) {
          for (std::uint64_t i = r.begin(); i != r.end(); ++i) acc += i;
          return acc;
        },
        std::plus<>());
    EXPECT_EQ(sum, std::uint64_t{999999} * 1000000 / 2);
  });
}

// Each hold's tasks may still wait in the queue when its object ends: their state outlives
// it (under the sanitizers, a task reading freed state fails the run), the thread serves the
// next hold, and every state goes back to the pool once its tasks have run.
TEST(WarmWorkers, HoldsWhoseObjectEndsFirstLeaveNothingBehind) {
  // States of other tests' holds may still be out; they can only come back meanwhile.
  const std::size_t before = WarmWorkers::StatesInUse();
  tbb::task_arena arena(2);
  arena.execute([] {
    for (int i = 0; i < 1000; ++i) {
      WarmWorkers gone(microseconds(std::chrono::seconds(30)));
      gone.Hold();
    }
    WarmWorkers warm(microseconds(std::chrono::seconds(30)));
    warm.Hold();
    EXPECT_TRUE(Reaches(warm, 1)) << "a released hold kept the thread";
    warm.Release();
  });
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (WarmWorkers::StatesInUse() > before && std::chrono::steady_clock::now() < give_up) {
  }
  EXPECT_LE(WarmWorkers::StatesInUse(), before) << "hold states never went back to the pool";
}

TEST(WarmWorkers, OneThreadHoldsNothing) {
  tbb::task_arena arena(1);
  arena.execute([] {
    WarmWorkers warm;
    warm.Hold();
    EXPECT_EQ(warm.spinning(), 0);
    warm.Release();
  });
}

// `--threads 1` sets a global limit of one thread, but the arena still reports every core.
// A hold must count the limit: a task enqueued where no worker is allowed makes TBB admit one,
// which then spins and joins the parallel loops, so that one thread ran as two.
TEST(WarmWorkers, AGlobalLimitOfOneThreadHoldsNothingAndLoopsRunOnOneThread) {
  const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
  const std::size_t before = WarmWorkers::StatesInUse();
  WarmWorkers warm;
  warm.Hold();
  // Other tests' states can only come back meanwhile.
  EXPECT_LE(WarmWorkers::StatesInUse(), before) << "a hold was taken under a limit of one thread";
  // Long enough, in small enough pieces, for an admitted worker to join.
  std::atomic<int> other_threads{0};
  const std::thread::id main_thread = std::this_thread::get_id();
  tbb::parallel_for(tbb::blocked_range<int>(0, 2000, 1), [&](const tbb::blocked_range<int>& r) {
    if (std::this_thread::get_id() != main_thread) other_threads.fetch_add(1);
    const auto until = std::chrono::steady_clock::now() + microseconds(100 * r.size());
    while (std::chrono::steady_clock::now() < until) {
    }
  });
  warm.Release();
  EXPECT_EQ(other_threads.load(), 0) << "a loop under a limit of one thread ran on another thread";
}

}  // namespace
}  // namespace firestorm
