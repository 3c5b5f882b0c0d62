#include "viz/render/graph_view.hpp"

#include <algorithm>
#include <cmath>

#include "sim/population/agent_kind.hpp"

namespace firestorm::viz {

namespace {

constexpr int kCell = 64;  // atlas cell size in pixels
enum Shape : int { kCircle, kTriangle, kSquare, kStar, kDiamond, kNumShapes };

bool Inside(int shape, float x, float y) {  // x, y in [-1, 1]
  switch (shape) {
    case kCircle: return x * x + y * y <= 0.92f * 0.92f;
    case kTriangle: return y <= 0.8f && y >= -0.9f + 1.7f * std::abs(x) / 0.95f;
    case kSquare: return std::max(std::abs(x), std::abs(y)) <= 0.8f;
    case kDiamond: return std::abs(x) + std::abs(y) <= 0.95f;
    case kStar: {
      const float r = std::hypot(x, y);
      const float a = std::atan2(y, x) + 1.5707963f;
      const float sector = std::fmod(std::abs(a) * 5.0f / 6.2831853f, 1.0f);
      const float edge = 0.42f + 0.53f * std::abs(sector - 0.5f) * 2.0f;
      return r <= edge;
    }
    default: return false;
  }
}

sf::Image MakeAtlas() {
  sf::Image image;
  image.create(kCell * kNumShapes, kCell, sf::Color::Transparent);
  for (int s = 0; s < kNumShapes; ++s)
    for (int py = 0; py < kCell; ++py)
      for (int px = 0; px < kCell; ++px) {
        int hits = 0;
        for (int sy = 0; sy < 4; ++sy)
          for (int sx = 0; sx < 4; ++sx) {
            const float x = ((px + (sx + 0.5f) / 4) / kCell) * 2 - 1;
            const float y = ((py + (sy + 0.5f) / 4) / kCell) * 2 - 1;
            hits += Inside(s, x, y);
          }
        image.setPixel(static_cast<unsigned>(s * kCell + px), static_cast<unsigned>(py),
                       sf::Color(255, 255, 255, static_cast<std::uint8_t>(hits * 255 / 16)));
      }
  return image;
}

int ShapeOf(std::uint8_t kind) {
  switch (static_cast<AgentKind>(kind)) {
    case AgentKind::kBot: return kTriangle;
    case AgentKind::kMedia: return kSquare;
    case AgentKind::kOrganization: return kStar;
    case AgentKind::kFactChecker: return kDiamond;
    default: return kCircle;
  }
}

sf::Color ToSf(Rgb c, std::uint8_t alpha = 255) { return {c.r, c.g, c.b, alpha}; }

}  // namespace

GraphView::GraphView(Layout layout, const std::vector<std::uint8_t>& kind,
                     const std::vector<std::uint32_t>& followers)
    : layout_(std::move(layout)) {
  index_.assign(layout_.total_agents, kNoAgent);
  const std::size_t drawn = layout_.size();
  for (std::size_t i = 0; i < drawn; ++i) index_[layout_.agent[i]] = static_cast<std::uint32_t>(i);
  // Base marker size: a third of the mean spacing between drawn agents.
  float min_x = 0, max_x = 1, min_y = 0, max_y = 1;
  if (drawn > 0) {
    min_x = *std::min_element(layout_.x.begin(), layout_.x.end());
    max_x = *std::max_element(layout_.x.begin(), layout_.x.end());
    min_y = *std::min_element(layout_.y.begin(), layout_.y.end());
    max_y = *std::max_element(layout_.y.begin(), layout_.y.end());
  }
  const float area = std::max(1.0f, (max_x - min_x) * (max_y - min_y));
  const float spacing = std::sqrt(area / static_cast<float>(std::max<std::size_t>(1, drawn)));
  const float base = (layout_.method == "force" ? 0.12f : 0.3f) * spacing;
  kind_.resize(drawn);
  radius_.resize(drawn);
  for (std::size_t i = 0; i < drawn; ++i) {
    const AgentId v = layout_.agent[i];
    kind_[i] = v < kind.size() ? kind[v] : 0;
    const float f = v < followers.size() ? static_cast<float>(followers[v]) : 0.0f;
    radius_[i] = base * (0.7f + 0.55f * std::log10(1.0f + f));
  }
  atlas_.loadFromImage(MakeAtlas());
  atlas_.setSmooth(true);
  atlas_.generateMipmap();
  FitAll();
}

void GraphView::SetViewport(const sf::FloatRect& viewport) {
  const bool first = viewport_.width != viewport.width || viewport_.height != viewport.height;
  viewport_ = viewport;
  if (first) FitAll();
}

void GraphView::FitAll() {
  if (layout_.size() == 0) return;
  const auto [min_x, max_x] = std::minmax_element(layout_.x.begin(), layout_.x.end());
  const auto [min_y, max_y] = std::minmax_element(layout_.y.begin(), layout_.y.end());
  centre_ = {(*min_x + *max_x) / 2, (*min_y + *max_y) / 2};
  const float w = std::max(1.0f, *max_x - *min_x), h = std::max(1.0f, *max_y - *min_y);
  zoom_ = 0.92f * std::min(viewport_.width / w, viewport_.height / h);
}

void GraphView::Pan(sf::Vector2f pixels) {
  centre_ -= pixels / zoom_;
  since_camera_moved_.restart();
}

void GraphView::Zoom(float factor, sf::Vector2f around) {
  const sf::Vector2f mid{viewport_.left + viewport_.width / 2, viewport_.top + viewport_.height / 2};
  const sf::Vector2f world = centre_ + (around - mid) / zoom_;
  zoom_ = std::clamp(zoom_ * factor, 1e-4f, 1e3f);
  centre_ = world - (around - mid) / zoom_;
  since_camera_moved_.restart();
}

sf::Vector2f GraphView::ToScreen(std::size_t i) const {
  return {viewport_.left + viewport_.width / 2 + (layout_.x[i] - centre_.x) * zoom_,
          viewport_.top + viewport_.height / 2 + (layout_.y[i] - centre_.y) * zoom_};
}

float GraphView::ScreenRadius(std::size_t i) const {
  const float r = std::max(1.6f, radius_[i] * zoom_);
  const auto k = static_cast<AgentKind>(kind_[i]);
  return k == AgentKind::kUser ? r : std::max(r, 4.0f) * (k == AgentKind::kOrganization ? 1.6f : 1.2f);
}

void GraphView::AddQuad(sf::Vector2f c, float r, int shape, sf::Color color) {
  const float u0 = static_cast<float>(shape * kCell), u1 = u0 + kCell;
  quads_.append({{c.x - r, c.y - r}, color, {u0, 0}});
  quads_.append({{c.x + r, c.y - r}, color, {u1, 0}});
  quads_.append({{c.x + r, c.y + r}, color, {u1, kCell}});
  quads_.append({{c.x - r, c.y + r}, color, {u0, kCell}});
}

void GraphView::Draw(sf::RenderTarget& target, const AgentView& view, const GraphStyle& style,
                     const CascadeTree* cascade, std::optional<AgentId> selected) {
  const sf::View saved = target.getView();
  target.setView(target.getDefaultView());
  constexpr float kSettleSeconds = 0.25f;
  std::vector<double> key = {viewport_.left, viewport_.top, viewport_.width, viewport_.height,
                                   centre_.x, centre_.y, zoom_, static_cast<double>(style.color_by),
                                   static_cast<double>(style.narrative), static_cast<double>(style.show_edges),
                                   static_cast<double>(style.show_cascade),
                                   style.show_cascade ? static_cast<double>(style.playhead) : 0.0,
                                   static_cast<double>(style.frame_id),
                                   static_cast<double>(reinterpret_cast<std::uintptr_t>(view.outrage.data())),
                                   static_cast<double>(reinterpret_cast<std::uintptr_t>(cascade))};
  const auto w = static_cast<unsigned>(std::max(1.0f, viewport_.width));
  const auto h = static_cast<unsigned>(std::max(1.0f, viewport_.height));
  if (layer_.getSize() != sf::Vector2u(w, h)) {
    layer_ok_ = false;
    if (!layer_.create(w, h)) return;
  }
  // Only the camera moved, and it is still moving: move and scale the layer instead.
  const bool camera_only = layer_ok_ && std::equal(key.begin() + 7, key.end(), layer_key_.begin() + 7) &&
                           std::equal(key.begin(), key.begin() + 4, layer_key_.begin());
  if (camera_only && key != layer_key_ && since_camera_moved_.getElapsedTime().asSeconds() < kSettleSeconds) {
    const float scale = zoom_ / layer_zoom_;
    sf::Sprite sprite(layer_.getTexture());
    sprite.setOrigin(viewport_.width / 2, viewport_.height / 2);
    sprite.setScale(scale, scale);
    sprite.setPosition(viewport_.left + viewport_.width / 2 + (layer_centre_.x - centre_.x) * zoom_,
                       viewport_.top + viewport_.height / 2 + (layer_centre_.y - centre_.y) * zoom_);
    sf::RectangleShape background({viewport_.width, viewport_.height});
    background.setPosition(viewport_.left, viewport_.top);
    background.setFillColor(sf::Color(18, 20, 26));
    target.draw(background);
    target.draw(sprite);
    if (selected && *selected < index_.size()) DrawSelection(target, view, style, cascade, *selected);
    target.setView(saved);
    return;
  }
  if (!layer_ok_ || key != layer_key_) {
    layer_.setActive(true);
    layer_.clear(sf::Color(18, 20, 26));
    sf::View local(sf::FloatRect(viewport_.left, viewport_.top, viewport_.width, viewport_.height));
    layer_.setView(local);
    DrawLayer(layer_, view, style, cascade);
    layer_.display();
    layer_key_ = std::move(key);
    layer_centre_ = centre_;
    layer_zoom_ = zoom_;
    layer_ok_ = true;
    ++layer_redraws_;
  }
  sf::Sprite sprite(layer_.getTexture());
  sprite.setPosition(viewport_.left, viewport_.top);
  target.draw(sprite);
  if (selected && *selected < index_.size()) DrawSelection(target, view, style, cascade, *selected);
  target.setView(saved);
}

void GraphView::DrawLayer(sf::RenderTarget& target, const AgentView& view, const GraphStyle& style,
                          const CascadeTree* cascade) {
  const std::size_t drawn = layout_.size();
  // Community discs, faint, behind everything.
  for (std::size_t c = 0; c < layout_.community_radius.size(); ++c) {
    const float r = layout_.community_radius[c] * zoom_;
    sf::CircleShape disc(r, 48);
    disc.setOrigin(r, r);
    disc.setPosition(viewport_.left + viewport_.width / 2 + (layout_.community_x[c] - centre_.x) * zoom_,
                     viewport_.top + viewport_.height / 2 + (layout_.community_y[c] - centre_.y) * zoom_);
    disc.setFillColor(sf::Color(255, 255, 255, 10));
    target.draw(disc);
  }

  lines_.clear();
  if (style.show_edges) {
    const std::uint8_t alpha = layout_.edge_from.size() > 20000 ? 14 : layout_.edge_from.size() > 2000 ? 28 : 70;
    const sf::Color edge(150, 160, 180, alpha);
    for (std::size_t e = 0; e < layout_.edge_from.size(); ++e) {
      lines_.append({ToScreen(layout_.edge_from[e]), edge});
      lines_.append({ToScreen(layout_.edge_to[e]), edge});
    }
    target.draw(lines_);
  }

  tree_.clear();
  if (cascade != nullptr && style.show_cascade) {
    for (std::size_t i = 0; i < drawn; ++i) {
      const AgentId v = layout_.agent[i];
      if (!cascade->exposed(v) || cascade->exposed_at[v] > style.playhead) continue;
      const std::uint32_t p = IndexOf(cascade->parent[v]);
      if (p == kNoAgent) continue;
      tree_.append({ToScreen(p), sf::Color::Transparent});
      tree_.append({ToScreen(i), sf::Color::Transparent});
    }
    // Many branches would paint everything orange: fade them as they multiply.
    const std::size_t branches = tree_.getVertexCount() / 2;
    const auto alpha = static_cast<std::uint8_t>(std::clamp<std::size_t>(60000 / std::max<std::size_t>(1, branches), 10, 170));
    for (std::size_t i = 0; i < tree_.getVertexCount(); ++i) tree_[i].color = sf::Color(255, 150, 40, alpha);
    target.draw(tree_);
  }

  // Agents: users first, then special accounts on top with a white outline.
  quads_.clear();
  for (int pass = 0; pass < 2; ++pass)
    for (std::size_t i = 0; i < drawn; ++i) {
      const bool special = kind_[i] != static_cast<std::uint8_t>(AgentKind::kUser);
      if (special != (pass == 1)) continue;
      const sf::Vector2f c = ToScreen(i);
      const float r = ScreenRadius(i);
      if (c.x + r < viewport_.left || c.y + r < viewport_.top ||
          c.x - r > viewport_.left + viewport_.width || c.y - r > viewport_.top + viewport_.height)
        continue;
      const int shape = ShapeOf(kind_[i]);
      if (special) AddQuad(c, r + std::max(1.5f, 0.15f * r), shape, sf::Color(245, 245, 245));
      AddQuad(c, r, shape, ToSf(AgentColor(style.color_by, view, style.narrative, layout_.agent[i])));
    }
  sf::RenderStates states;
  states.texture = &atlas_;
  target.draw(quads_, states);
  vertices_drawn_ = quads_.getVertexCount() + lines_.getVertexCount() + tree_.getVertexCount();
}

void GraphView::DrawSelection(sf::RenderTarget& target, const AgentView& view, const GraphStyle& style,
                              const CascadeTree* cascade, AgentId selected) {
  sf::VertexArray lines(sf::Lines);
  const sf::Color hot(255, 230, 90, 255);
  if (cascade != nullptr) {  // ancestors up to the seed, and children so far
    AgentId v = selected;
    for (int depth = 0; depth < 10000 && cascade->exposed(v) && cascade->parent[v] != kNoAgent; ++depth) {
      const std::uint32_t a = IndexOf(v), b = IndexOf(cascade->parent[v]);
      if (a != kNoAgent && b != kNoAgent) {
        lines.append({ToScreen(b), hot});
        lines.append({ToScreen(a), hot});
      }
      v = cascade->parent[v];
    }
    const std::uint32_t s = IndexOf(selected);
    if (s != kNoAgent)
      for (AgentId c : cascade->children_of(selected)) {
        const std::uint32_t ci = IndexOf(c);
        if (ci == kNoAgent || cascade->exposed_at[c] > style.playhead) continue;
        lines.append({ToScreen(s), hot});
        lines.append({ToScreen(ci), hot});
      }
  }
  target.draw(lines);
  const std::uint32_t s = IndexOf(selected);
  if (s == kNoAgent) return;
  quads_.clear();
  const float r = ScreenRadius(s);
  AddQuad(ToScreen(s), r * 1.9f + 3.0f, kCircle, sf::Color(255, 255, 255, 90));
  AddQuad(ToScreen(s), r, ShapeOf(kind_[s]), ToSf(AgentColor(style.color_by, view, style.narrative, selected)));
  sf::RenderStates states;
  states.texture = &atlas_;
  target.draw(quads_, states);
}

std::optional<AgentId> GraphView::Pick(sf::Vector2f pixel) const {
  if (!viewport_.contains(pixel)) return std::nullopt;
  std::optional<AgentId> best;
  float best_d = 1e30f;
  for (std::size_t i = 0; i < layout_.size(); ++i) {
    const sf::Vector2f c = ToScreen(i);
    const float dx = c.x - pixel.x, dy = c.y - pixel.y, d = dx * dx + dy * dy;
    const float reach = std::max(6.0f, ScreenRadius(i));
    if (d <= reach * reach && d < best_d) best_d = d, best = layout_.agent[i];
  }
  return best;
}

std::optional<sf::Vector3f> GraphView::ScreenCircle(AgentId v) const {
  const std::uint32_t i = IndexOf(v);
  if (i == kNoAgent) return std::nullopt;
  const sf::Vector2f c = ToScreen(i);
  return sf::Vector3f{c.x, c.y, ScreenRadius(i)};
}

}  // namespace firestorm::viz
