// How agents are coloured: by their state for one narrative, or on a colour scale by opinion,
// outrage or trust; and the legend that explains it. Colours are chosen to stay apart for
// the common forms of colour blindness (state palette after Okabe & Ito 2008).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "viz/replay/agent_view.hpp"

namespace firestorm::viz {

enum class ColorBy : std::uint8_t { kState, kOpinion, kOutrage, kTrust };
inline constexpr int kNumColorBy = 4;
inline constexpr std::array<std::string_view, kNumColorBy> kColorByNames = {"state", "opinion",
                                                                           "outrage", "trust"};

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Rgb&) const = default;
};

inline constexpr Rgb kRemovedColor{45, 45, 50};
Rgb StateColor(int state);       // NarrativeState code 0..4
Rgb OpinionColor(float opinion); // -1 blue, 0 grey, +1 orange
Rgb OutrageColor(float outrage); // 0 slate, 0.5 orange, 1 red
Rgb TrustColor(float trust);     // 0 red, 0.5 yellow, 1 green
Rgb AgentColor(ColorBy by, const AgentView& view, std::uint32_t narrative, AgentId v);

struct LegendEntry {
  std::string label;
  Rgb color;
};
std::vector<LegendEntry> Legend(ColorBy by);

}  // namespace firestorm::viz
