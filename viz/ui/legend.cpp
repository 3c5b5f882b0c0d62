#include "viz/ui/legend.hpp"

#include <imgui.h>

#include <array>
#include <cmath>

#include "sim/population/narrative_state.hpp"

namespace firestorm::viz {

namespace {

void Swatch(Rgb c) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + 2), ImVec2(p.x + 14, p.y + 14),
                                            IM_COL32(c.r, c.g, c.b, 255));
  ImGui::Dummy(ImVec2(16, 14));
  ImGui::SameLine();
}

}  // namespace

void DrawColorLegend(ColorBy by, const AgentView& view, std::uint32_t narrative) {
  ImGui::Text("Colour: %s", std::string(kColorByNames[static_cast<std::size_t>(by)]).c_str());
  std::array<std::size_t, kNumNarrativeStates> count{};
  std::size_t total = 0;
  if (by == ColorBy::kState && narrative < view.state.size()) {
    for (std::uint8_t s : view.state[narrative]) ++count[s < kNumNarrativeStates ? s : 0];
    total = view.state[narrative].size();
  }
  int i = 0;
  for (const LegendEntry& e : Legend(by)) {
    if (by != ColorBy::kState && i % 3 != 0) ImGui::SameLine(8.0f + static_cast<float>(i % 3) * 100.0f);
    Swatch(e.color);
    if (by == ColorBy::kState && i < kNumNarrativeStates && total > 0)
      ImGui::Text("%-9s %5.1f%%", e.label.c_str(),
                  100.0 * static_cast<double>(count[static_cast<std::size_t>(i)]) / static_cast<double>(total));
    else
      ImGui::TextUnformatted(e.label.c_str());
    ++i;
  }
}

void DrawKindLegend() {
  ImGui::Text("Markers (size: followers)");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 c = IM_COL32(220, 220, 225, 255), ring = IM_COL32(255, 255, 255, 255);
  const char* names[] = {"user", "influencer", "bot", "media", "organization", "fact-checker"};
  for (int k = 0; k < 6; ++k) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 m(p.x + 7, p.y + 8);
    switch (k) {
      case 0: dl->AddCircleFilled(m, 5, c); break;
      case 1: dl->AddCircle(m, 7, ring, 0, 2); dl->AddCircleFilled(m, 4.5f, c); break;
      case 2: dl->AddTriangleFilled(ImVec2(m.x - 6, m.y + 5), ImVec2(m.x + 6, m.y + 5), ImVec2(m.x, m.y - 6), c); break;
      case 3: dl->AddRectFilled(ImVec2(m.x - 5, m.y - 5), ImVec2(m.x + 5, m.y + 5), c); break;
      case 4: {
        ImVec2 pts[10];
        for (int i = 0; i < 10; ++i) {
          const float a = -1.5707963f + static_cast<float>(i) * 0.6283185f;
          const float r = i % 2 == 0 ? 7.0f : 3.0f;
          pts[i] = ImVec2(m.x + r * std::cos(a), m.y + r * std::sin(a));
        }
        for (int i = 0; i < 10; ++i) dl->AddTriangleFilled(m, pts[i], pts[(i + 1) % 10], c);
        break;
      }
      default: dl->AddQuadFilled(ImVec2(m.x, m.y - 6), ImVec2(m.x + 6, m.y), ImVec2(m.x, m.y + 6), ImVec2(m.x - 6, m.y), c); break;
    }
    ImGui::Dummy(ImVec2(18, 16));
    ImGui::SameLine();
    ImGui::TextUnformatted(names[k]);
    if (k % 3 != 2) ImGui::SameLine(static_cast<float>((k % 3) + 1) * 100.0f + 8.0f);
  }
  ImGui::TextDisabled("special accounts have a white outline");
}

}  // namespace firestorm::viz
