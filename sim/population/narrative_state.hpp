// Where an agent stands with respect to one narrative: SEIZ (Jin et al. 2013) with
// Maki–Thompson stifling. Unaware -> Exposed -> Spreader -> Stifler, and Exposed -> Skeptic.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace firestorm {

enum class NarrativeState : std::uint8_t { kUnaware, kExposed, kSpreader, kSkeptic, kStifler };
inline constexpr int kNumNarrativeStates = 5;
inline constexpr std::array<std::string_view, kNumNarrativeStates> kNarrativeStateNames = {
    "unaware", "exposed", "spreader", "skeptic", "stifler"};

constexpr std::string_view NarrativeStateName(NarrativeState s) {
  return kNarrativeStateNames[static_cast<int>(s)];
}

}  // namespace firestorm
