// Draws the network: agents as textured quads (one shape per account kind, from a small atlas
// made at start-up) sized by followers and coloured by the chosen measure, follower edges as
// faint lines, the rumor cascade up to the playhead as orange parent -> child lines, and the
// selected agent's ancestors and children highlighted. Vertices are rebuilt in screen space
// every frame (a 50,000-agent sample is 200,000 vertices: cheap), so markers keep a minimum
// size on screen when zoomed out, and picking is a scan over screen positions.
#pragma once

#include <SFML/Graphics.hpp>

#include <optional>
#include <vector>

#include "viz/layout/graph_layout.hpp"
#include "viz/render/agent_colors.hpp"
#include "viz/replay/run_data.hpp"

namespace firestorm::viz {

struct GraphStyle {
  ColorBy color_by = ColorBy::kState;
  std::uint32_t narrative = 0;
  bool show_edges = true;
  bool show_cascade = true;
  Tick playhead = 0;
  std::uint64_t frame_id = 0;  // changes whenever the agents' data changes (snapshot, tick)
};

class GraphView {
 public:
  // `kind` and `followers` are per agent of the run (all agents, not only drawn ones).
  GraphView(Layout layout, const std::vector<std::uint8_t>& kind,
            const std::vector<std::uint32_t>& followers);

  void SetViewport(const sf::FloatRect& viewport);  // where on the target the graph goes
  void FitAll();
  void Pan(sf::Vector2f pixels);
  void Zoom(float factor, sf::Vector2f around_pixel);

  void Draw(sf::RenderTarget& target, const AgentView& view, const GraphStyle& style,
            const CascadeTree* cascade, std::optional<AgentId> selected);

  // The drawn agent under a screen point (within its marker or a few pixels), if any.
  std::optional<AgentId> Pick(sf::Vector2f pixel) const;
  // Screen position and radius (pixels) of a drawn agent; nullopt if it is not drawn.
  std::optional<sf::Vector3f> ScreenCircle(AgentId v) const;

  const Layout& layout() const { return layout_; }
  const sf::FloatRect& viewport() const { return viewport_; }
  std::size_t vertices_drawn() const { return vertices_drawn_; }

 private:
  sf::Vector2f ToScreen(std::size_t i) const;
  float ScreenRadius(std::size_t i) const;
  std::uint32_t IndexOf(AgentId v) const { return v < index_.size() ? index_[v] : kNoAgent; }
  void AddQuad(sf::Vector2f centre, float radius, int shape, sf::Color color);
  void DrawLayer(sf::RenderTarget& target, const AgentView& view, const GraphStyle& style,
                 const CascadeTree* cascade);
  void DrawSelection(sf::RenderTarget& target, const AgentView& view, const GraphStyle& style,
                     const CascadeTree* cascade, AgentId selected);

  Layout layout_;
  std::vector<std::uint32_t> index_;  // agent -> drawn index (kNoAgent if not drawn)
  std::vector<std::uint8_t> kind_;    // per drawn index
  std::vector<float> radius_;         // per drawn index, world units
  sf::Texture atlas_;
  sf::FloatRect viewport_{0, 0, 800, 600};
  sf::Vector2f centre_{0, 0};
  float zoom_ = 0.3f;                 // pixels per world unit
  sf::VertexArray quads_{sf::Quads}, lines_{sf::Lines}, tree_{sf::Lines};
  std::size_t vertices_drawn_ = 0;
  // The graph without the selection is drawn into `layer_` and reused while nothing it
  // depends on changes (camera, data, style): most frames then cost one textured quad, which
  // keeps software OpenGL smooth. Pan, zoom and a new snapshot redraw it.
  // While the camera moves (pan, zoom: the last move less than kSettleSeconds ago) the layer
  // is moved and scaled instead of redrawn, and redrawn once the camera settles.
  sf::RenderTexture layer_;
  std::vector<double> layer_key_;
  sf::Vector2f layer_centre_{0, 0};
  float layer_zoom_ = 1;
  bool layer_ok_ = false;
  std::size_t layer_redraws_ = 0;
  sf::Clock since_camera_moved_;

 public:
  std::size_t layer_redraws() const { return layer_redraws_; }
  void Invalidate() { layer_ok_ = false; }
};

}  // namespace firestorm::viz
