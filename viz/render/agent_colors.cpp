#include "viz/render/agent_colors.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/population/narrative_state.hpp"

namespace firestorm::viz {

namespace {

Rgb Mix(Rgb a, Rgb b, float t) {
  const auto lerp = [t](std::uint8_t x, std::uint8_t y) {
    return static_cast<std::uint8_t>(std::lround(x + (static_cast<float>(y) - x) * t));
  };
  return {lerp(a.r, b.r), lerp(a.g, b.g), lerp(a.b, b.b)};
}

Rgb ThreeStops(Rgb lo, Rgb mid, Rgb hi, float t) {  // t in [0, 1]
  t = std::clamp(std::isfinite(t) ? t : 0.0f, 0.0f, 1.0f);
  return t < 0.5f ? Mix(lo, mid, t * 2) : Mix(mid, hi, (t - 0.5f) * 2);
}

std::string Label(float x, bool sign) {
  char text[16];
  std::snprintf(text, sizeof text, sign ? "%+.1f" : "%.2f", static_cast<double>(x));
  return text;
}

}  // namespace

Rgb StateColor(int state) {
  static constexpr std::array<Rgb, kNumNarrativeStates> kPalette = {{
      {95, 104, 122},   // unaware: slate
      {240, 196, 48},   // exposed: yellow
      {222, 60, 40},    // spreader: vermillion
      {60, 150, 230},   // skeptic: sky blue
      {170, 110, 200},  // stifler: purple
  }};
  return kPalette[static_cast<std::size_t>(std::clamp(state, 0, kNumNarrativeStates - 1))];
}

Rgb OpinionColor(float opinion) {
  return ThreeStops({45, 110, 225}, {205, 205, 205}, {235, 110, 35}, (opinion + 1.0f) / 2.0f);
}
Rgb OutrageColor(float outrage) {
  return ThreeStops({70, 80, 100}, {245, 150, 40}, {230, 30, 30}, outrage);
}
Rgb TrustColor(float trust) {
  return ThreeStops({215, 50, 50}, {235, 205, 70}, {60, 185, 95}, trust);
}

Rgb AgentColor(ColorBy by, const AgentView& view, std::uint32_t narrative, AgentId v) {
  if (!view.removed.empty() && view.removed[v]) return kRemovedColor;
  switch (by) {
    case ColorBy::kState:
      return narrative < view.state.size() ? StateColor(view.state[narrative][v]) : StateColor(0);
    case ColorBy::kOpinion: return OpinionColor(view.opinion[v]);
    case ColorBy::kOutrage: return OutrageColor(view.outrage[v]);
    case ColorBy::kTrust: return TrustColor(view.trust[v]);
  }
  return StateColor(0);
}

std::vector<LegendEntry> Legend(ColorBy by) {
  std::vector<LegendEntry> out;
  switch (by) {
    case ColorBy::kState:
      for (int s = 0; s < kNumNarrativeStates; ++s)
        out.push_back({std::string(kNarrativeStateNames[static_cast<std::size_t>(s)]), StateColor(s)});
      break;
    case ColorBy::kOpinion:
      for (float x : {-1.0f, -0.5f, 0.0f, 0.5f, 1.0f}) out.push_back({Label(x, true), OpinionColor(x)});
      break;
    case ColorBy::kOutrage:
      for (float x : {0.0f, 0.25f, 0.5f, 0.75f, 1.0f}) out.push_back({Label(x, false), OutrageColor(x)});
      break;
    case ColorBy::kTrust:
      for (float x : {0.0f, 0.25f, 0.5f, 0.75f, 1.0f}) out.push_back({Label(x, false), TrustColor(x)});
      break;
  }
  out.push_back({"removed", kRemovedColor});
  return out;
}

}  // namespace firestorm::viz
