// The replay screen: the network (top left), the legend, controls and agent details (right),
// the timeline with event markers and three time-series charts (bottom) that follow the
// playhead. One Draw() per frame, into a window or an offscreen texture alike, so headless
// screenshots show exactly what the window shows.
#pragma once

#include <SFML/Graphics.hpp>

#include <memory>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "viz/render/graph_view.hpp"
#include "viz/replay/run_data.hpp"
#include "viz/ui/charts.hpp"

namespace firestorm::viz {

struct Playback {
  double playhead = 0;      // in ticks (fractional while playing)
  bool playing = false;
  double speed = 900;       // simulated seconds per real second
  bool loop = false;

  void Advance(double real_seconds, double tick_seconds, Tick ticks);
};

inline constexpr double kSpeeds[] = {60, 300, 900, 3600, 14400};

class ReplayScene {
 public:
  ReplayScene(RunData run, Layout layout);

  // Renders the whole screen into `target` (size `size`); ImGui's frame must be open.
  void Draw(sf::RenderTarget& target, sf::Vector2u size, double fps);
  // Keyboard and mouse on the graph (ImGui gets them first in the window loop).
  void HandleEvent(const sf::Event& event, bool imgui_wants_mouse, bool imgui_wants_keyboard);

  RunData& run() { return run_; }
  GraphView& graph() { return *graph_; }
  Playback& playback() { return playback_; }
  GraphStyle& style() { return style_; }
  void Select(std::optional<AgentId> v) { selected_ = v; }
  void SetPlayhead(Tick t) { playback_.playhead = t; }
  Tick playhead() const;
  bool quit_requested() const { return quit_; }
  bool screenshot_requested() { return std::exchange(screenshot_, false); }

 private:
  void LayoutRegions(sf::Vector2u size);
  void DrawSidePanel(const AgentView& view);
  void DrawBottomPanel(double fps);
  void DrawAgentDetails(AgentId v, const AgentView& view, bool tooltip);
  void StepSnapshot(int direction);

  RunData run_;
  std::unique_ptr<GraphView> graph_;
  Playback playback_;
  GraphStyle style_;
  std::optional<AgentId> selected_, hovered_;
  sf::Vector2f mouse_{-1, -1};
  bool dragging_ = false;
  sf::Vector2f drag_from_;
  bool quit_ = false, screenshot_ = false;
  sf::Vector2u size_{0, 0};
  float side_width_ = 330, bottom_height_ = 300;
  std::vector<ChartMarker> markers_;
};

}  // namespace firestorm::viz
