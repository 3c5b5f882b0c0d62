// Durations as a planner writes them: "30s", "15m", "2h", "3d", "1h30m", "90m".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace firestorm {

// Seconds in `text`, or nullopt if it is not a duration. A bare number is rejected on
// purpose: "30" could mean seconds, minutes or ticks.
std::optional<double> ParseDurationSeconds(std::string_view text);

// "1d 2h 30m" style rendering, for summaries and the effective scenario.
std::string FormatDuration(double seconds);

}  // namespace firestorm
