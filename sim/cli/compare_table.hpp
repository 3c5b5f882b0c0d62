// The ranked comparison table shared by `firestorm sweep` and `firestorm compare`.
#pragma once

#include <string>

#include "sim/io/sweep_writer.hpp"

namespace firestorm::cli {

// Prints variants ranked by `rank_by` (lower is better, except for final_trust), with the
// mean and 95% confidence interval of each headline metric.
void PrintCompareTable(const SweepTable& table, const std::string& rank_by);

}  // namespace firestorm::cli
