#include "viz/ui/charts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace firestorm::viz {

namespace {

constexpr ImU32 kAxis = IM_COL32(120, 125, 140, 255);
constexpr ImU32 kPlayhead = IM_COL32(255, 255, 255, 230);

float XOf(float tick, std::size_t ticks, float left, float width) {
  return left + width * (ticks > 1 ? tick / static_cast<float>(ticks - 1) : 0.0f);
}

void Tooltip(const std::string& text) {
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(420);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

}  // namespace

ImU32 MarkerColor(const std::string& category) {
  if (category == "action") return IM_COL32(80, 200, 120, 255);
  if (category == "inject") return IM_COL32(235, 80, 70, 255);
  if (category == "detection" || category == "monitoring") return IM_COL32(90, 170, 255, 255);
  if (category == "decision") return IM_COL32(120, 240, 200, 255);
  if (category == "seed") return IM_COL32(200, 200, 200, 255);
  return IM_COL32(230, 200, 90, 255);
}

float DrawChart(const char* title, ImVec2 size, const std::vector<ChartSeries>& series,
                float y_min, float y_max, std::size_t ticks, float playhead,
                const std::vector<ChartMarker>& markers, const char* y_format) {
  ImGui::PushID(title);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("chart", size);
  const bool hovered = ImGui::IsItemHovered();
  const bool clicked = ImGui::IsItemClicked();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float left = origin.x + 46, top = origin.y + 18;
  const float width = std::max(10.0f, size.x - 54), height = std::max(10.0f, size.y - 24);
  dl->AddRectFilled(ImVec2(left, top), ImVec2(left + width, top + height), IM_COL32(24, 26, 33, 255));
  dl->AddRect(ImVec2(left, top), ImVec2(left + width, top + height), kAxis);
  dl->AddText(ImVec2(origin.x + 4, origin.y), IM_COL32(220, 220, 230, 255), title);
  if (y_max <= y_min) y_max = y_min + 1;
  char text[32];
  for (int i = 0; i <= 2; ++i) {
    const float v = y_min + (y_max - y_min) * static_cast<float>(i) / 2;
    const float y = top + height - height * static_cast<float>(i) / 2;
    std::snprintf(text, sizeof text, y_format, v);
    dl->AddText(ImVec2(origin.x + 2, y - 7), kAxis, text);
    if (i == 1) dl->AddLine(ImVec2(left, y), ImVec2(left + width, y), IM_COL32(60, 64, 75, 255));
  }
  for (const ChartMarker& m : markers) {
    const float x = XOf(m.tick, ticks, left, width);
    dl->AddLine(ImVec2(x, top), ImVec2(x, top + height), (m.color & 0x00FFFFFF) | 0x70000000);
  }
  // Legend along the title line.
  float lx = origin.x + 12 + ImGui::CalcTextSize(title).x;
  for (const ChartSeries& s : series) {
    dl->AddRectFilled(ImVec2(lx + 8, origin.y + 4), ImVec2(lx + 18, origin.y + 12), s.color);
    dl->AddText(ImVec2(lx + 21, origin.y), IM_COL32(200, 200, 210, 255), s.label.c_str());
    lx += 30 + ImGui::CalcTextSize(s.label.c_str()).x;
  }
  for (const ChartSeries& s : series) {
    const std::size_t n = std::min(ticks, s.values.size());
    if (n == 0) continue;
    // At most ~2 points per pixel column.
    const std::size_t stride = std::max<std::size_t>(1, n / static_cast<std::size_t>(2 * width));
    std::vector<ImVec2> points;
    for (std::size_t t = 0; t < n; t += stride) {
      const float v = std::clamp((s.values[t] - y_min) / (y_max - y_min), 0.0f, 1.0f);
      points.push_back(ImVec2(XOf(static_cast<float>(t), ticks, left, width), top + height - v * height));
    }
    dl->AddPolyline(points.data(), static_cast<int>(points.size()), s.color, 0, s.thickness);
  }
  const float px = XOf(playhead, ticks, left, width);
  dl->AddLine(ImVec2(px, top), ImVec2(px, top + height), kPlayhead, 1.5f);
  float result = -1;
  if (hovered || clicked) {
    const float mx = ImGui::GetIO().MousePos.x;
    const float t = std::clamp((mx - left) / width, 0.0f, 1.0f) * static_cast<float>(ticks > 0 ? ticks - 1 : 0);
    if (clicked) result = t;
    const auto tick = static_cast<std::size_t>(std::lround(t));
    std::string tip;
    for (const ChartSeries& s : series)
      if (tick < s.values.size()) {
        std::snprintf(text, sizeof text, y_format, s.values[tick]);
        tip += s.label + ": " + text + "\n";
      }
    if (hovered && !tip.empty()) Tooltip(tip);
  }
  ImGui::PopID();
  return result;
}

bool DrawTimeline(const char* id, ImVec2 size, std::size_t ticks, float& playhead,
                  const std::vector<ChartMarker>& markers, double tick_seconds) {
  ImGui::PushID(id);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("timeline", size);
  const bool active = ImGui::IsItemActive();
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float left = origin.x + 46, width = std::max(10.0f, size.x - 54);
  const float bar_y = origin.y + size.y - 14;
  dl->AddRectFilled(ImVec2(left, bar_y - 3), ImVec2(left + width, bar_y + 3), IM_COL32(60, 64, 78, 255), 3);
  // Hour ticks.
  const double hours = static_cast<double>(ticks) * tick_seconds / 3600.0;
  const int step = hours > 48 ? 12 : hours > 12 ? 2 : 1;
  char text[32];
  for (int h = 0; h <= static_cast<int>(hours); h += step) {
    const float x = XOf(static_cast<float>(h * 3600.0 / tick_seconds) - 1, ticks, left, width);
    dl->AddLine(ImVec2(x, bar_y + 3), ImVec2(x, bar_y + 7), kAxis);
    std::snprintf(text, sizeof text, "%dh", h);
    if (x >= left - 1) dl->AddText(ImVec2(x - 6, bar_y + 4), kAxis, text);
  }
  // Markers with labels, staggered over three rows so neighbours do not overwrite each other.
  float row_end[3] = {-1e9f, -1e9f, -1e9f};
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const ChartMarker* hovered_marker = nullptr;
  for (const ChartMarker& m : markers) {
    const float x = XOf(m.tick, ticks, left, width);
    const float label_w = ImGui::CalcTextSize(m.label.c_str()).x;
    int row = 0;
    while (row < 2 && row_end[row] > x) ++row;
    row_end[row] = x + label_w + 6;
    const float y = origin.y + static_cast<float>(row) * 14;
    dl->AddLine(ImVec2(x, y + 12), ImVec2(x, bar_y + 3), m.color, 1.5f);
    dl->AddTriangleFilled(ImVec2(x - 4, bar_y - 7), ImVec2(x + 4, bar_y - 7), ImVec2(x, bar_y - 1), m.color);
    dl->AddText(ImVec2(x + 2, y), m.color, m.label.c_str());
    if (std::abs(mouse.x - x) < 5 && mouse.y > origin.y && mouse.y < origin.y + size.y) hovered_marker = &m;
  }
  const float px = XOf(playhead, ticks, left, width);
  dl->AddCircleFilled(ImVec2(px, bar_y), 6, kPlayhead);
  dl->AddLine(ImVec2(px, origin.y), ImVec2(px, bar_y), IM_COL32(255, 255, 255, 120));
  bool moved = false;
  if (active && ticks > 0) {
    playhead = std::clamp((mouse.x - left) / width, 0.0f, 1.0f) * static_cast<float>(ticks - 1);
    moved = true;
  }
  if (hovered && hovered_marker != nullptr) Tooltip(hovered_marker->tooltip);
  ImGui::PopID();
  return moved;
}

}  // namespace firestorm::viz
