// Fuzz target: ParseDurationSeconds ("30s", "1h30m", "1_000m", ...) and FormatDuration.
// Properties: a parsed duration is finite and non-negative, and formatting it then parsing
// the text again gives the duration rounded to whole seconds.
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "sim/core/duration.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using firestorm::fuzz::Check;
  constexpr const char* kTarget = "fuzz_duration";
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::optional<double> seconds = firestorm::ParseDurationSeconds(text);
  if (!seconds) return 0;
  Check(std::isfinite(*seconds) && *seconds >= 0, kTarget,
        "parsed a non-finite or negative duration from '" + std::string(text) + "'");
  const std::string formatted = firestorm::FormatDuration(*seconds);
  if (*seconds < 1e15) {  // whole seconds are exact in a double well past this
    const std::optional<double> again = firestorm::ParseDurationSeconds(formatted);
    Check(again.has_value(), kTarget, "cannot parse FormatDuration's '" + formatted + "'");
    Check(*again == std::round(*seconds), kTarget,
          "'" + std::string(text) + "' -> '" + formatted + "' does not round-trip");
  }
  return 0;
}
