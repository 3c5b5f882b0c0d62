// The replay viewer's three ways to run: a window, one headless screenshot, or a series of
// headless frames. Headless rendering draws into an sf::RenderTexture, which still needs an
// OpenGL context and so an X display: without $DISPLAY, firestorm-view re-runs itself under
// `xvfb-run -a` (see main.cpp).
#pragma once

#include <optional>
#include <string>

#include "viz/layout/graph_layout.hpp"
#include "viz/render/agent_colors.hpp"

namespace firestorm::viz {

struct ReplayOptions {
  std::string run;
  ColorBy color_by = ColorBy::kState;
  std::string narrative;           // "" = the first crisis narrative
  std::optional<double> at_seconds;  // playhead position
  std::optional<AgentId> select;   // agent to select (details and cascade highlighted)
  unsigned width = 1600, height = 900;
  LayoutOptions layout;
  bool use_cache = true;
  bool show_edges = true;
  bool quiet = false;
  double benchmark_seconds = 0;    // window: play for this long, print frames per second, quit
  bool benchmark_pan = false;      // ... panning every frame (the layer is moved, then redrawn)
  bool benchmark_redraw = false;   // ... redrawing the whole graph every frame (worst case)
};

int RunReplayWindow(const ReplayOptions& options);
// Writes a PNG; with `positions_csv`, also each drawn agent's screen position, radius and colour.
int RenderReplayScreenshot(const ReplayOptions& options, const std::string& png,
                           const std::string& positions_csv);
// One PNG per `every_seconds` of simulated time, DIR/frame_00000.png, ...
int RenderReplayFrames(const ReplayOptions& options, const std::string& dir, double every_seconds);

}  // namespace firestorm::viz
