// The loop shared by the bounded-confidence models (Deffuant, Hegselmann–Krause): opinions in
// [0, 1] drawn uniformly, a synchronous update from `now` into `next` per tick, per-tick
// histogram (10 bins), mean and standard deviation, and a stop once opinions have settled.
// Internal to sim/classic.
#pragma once

#include <oneapi/tbb/parallel_reduce.h>

#include <functional>

#include "sim/classic/classic_common.hpp"

namespace firestorm::classic {

inline constexpr std::size_t kOpinionBins = 10;
// Settled: no opinion moved more than the tolerance for this many ticks in a row (random
// pairings can leave a quiet tick while agents within the bound still disagree).
inline constexpr int kQuietTicks = 10;

// `update(now, next, tick)` writes every next[v] and returns the largest |next[v] - now[v]|.
ClassicRunResult RunOpinionModel(
    const GraphView& graph, const ClassicModelSpec& spec, std::uint64_t seed,
    const ClassicRunOptions& options, int quiet_ticks,
    const std::function<float(std::span<const float> now, std::span<float> next, Tick tick)>& update);

// The largest |a[v] - b[v]|, computed in parallel (a maximum: exact in any order).
float MaxChange(std::span<const float> a, std::span<const float> b);

}  // namespace firestorm::classic
