// How many threads a parallel loop started here can run on.
//
// Why not the arena's concurrency alone: the default arena reports every core even under the
// global limit that `--threads` sets (tbb::global_control), and sizing work by it (a task per
// thread, a world per replicate) oversubscribes, or makes TBB admit a worker the limit forbids.
#pragma once

#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstddef>

namespace firestorm {

inline int UsableThreads() {
  return static_cast<int>(std::min<std::size_t>(
      static_cast<std::size_t>(tbb::this_task_arena::max_concurrency()),
      tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism)));
}

}  // namespace firestorm
