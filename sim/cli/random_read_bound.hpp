// The machine's bound for touching agents at random: independent 4-byte reads at random
// addresses of a 2 GiB array (far larger than any cache), on the threads TBB may use.
// `firestorm bench` measures it in the same process as the engine, so that the engine's
// delivery rate can be reported as a share of it (docs/performance.md).
#pragma once

namespace firestorm::cli {

// Reads per second, best of `repeats` passes of 2^26 reads.
double MeasureRandomReadsPerSecond(int repeats = 3);

}  // namespace firestorm::cli
