// Time-series charts and the timeline, drawn with Dear ImGui's draw lists: lines over ticks,
// a playhead that follows playback, and event markers (actions, injects, detection,
// decisions) with their labels; hovering a marker shows its detail.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

namespace firestorm::viz {

struct ChartSeries {
  std::string label;
  ImU32 color;
  std::vector<float> values;  // one per tick
  float thickness = 1.5f;
};

struct ChartMarker {
  float tick = 0;
  ImU32 color;
  std::string label;    // short, drawn on the timeline
  std::string tooltip;  // shown on hover
};

ImU32 MarkerColor(const std::string& category);

// A chart of `series` over [0, ticks) with y in [y_min, y_max]; returns the tick clicked, or -1.
float DrawChart(const char* title, ImVec2 size, const std::vector<ChartSeries>& series,
                float y_min, float y_max, std::size_t ticks, float playhead,
                const std::vector<ChartMarker>& markers, const char* y_format);

// The timeline: a bar over [0, ticks) with the markers and their labels, a playhead the user
// can drag (scrubbing). Returns true when the user moved the playhead.
bool DrawTimeline(const char* id, ImVec2 size, std::size_t ticks, float& playhead,
                  const std::vector<ChartMarker>& markers, double tick_seconds);

}  // namespace firestorm::viz
