#include "viz/ui/replay_scene.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/population/agent_kind.hpp"
#include "sim/population/narrative_state.hpp"
#include "viz/ui/legend.hpp"

namespace firestorm::viz {

namespace {

ImU32 ToImU32(Rgb c) { return IM_COL32(c.r, c.g, c.b, 255); }

std::vector<ChartMarker> EventMarkers(const RunData& run) {
  std::vector<ChartMarker> out;
  for (const EventRecord& e : run.events()) {
    if (e.category == "seed") continue;
    const bool decision = e.category == "action" && e.detail.rfind("decision", 0) == 0;
    ChartMarker m;
    m.tick = static_cast<float>(e.tick);
    m.color = MarkerColor(decision ? "decision" : e.category);
    m.label = e.type;
    m.tooltip = ClockLabel(e.tick, run.tick_seconds()) + "  " + e.category + ": " + e.type +
                (e.narrative.empty() ? "" : " (" + e.narrative + ")") +
                (e.detail.empty() ? "" : "\n" + e.detail);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

void Playback::Advance(double real_seconds, double tick_seconds, Tick ticks) {
  if (!playing || ticks == 0) return;
  playhead += real_seconds * speed / tick_seconds;
  if (playhead >= ticks - 1) {
    playhead = loop ? 0.0 : ticks - 1;
    playing = loop;
  }
}

ReplayScene::ReplayScene(RunData run, Layout layout) : run_(std::move(run)) {
  graph_ = std::make_unique<GraphView>(std::move(layout), run_.kind(), run_.followers());
  markers_ = EventMarkers(run_);
  // The whole cascade is readable on a small graph; on a sample it is a tangle (T shows it).
  style_.show_cascade = graph_->layout().method == "force";
  // Start on the first crisis narrative.
  for (std::uint32_t k = 0; k < run_.narratives(); ++k)
    if (run_.narrative_kinds()[k] == "rumor" || run_.narrative_kinds()[k] == "outrage") {
      style_.narrative = k;
      break;
    }
}

Tick ReplayScene::playhead() const {
  const Tick ticks = run_.ticks();
  if (ticks == 0) return 0;
  return std::min<Tick>(ticks - 1, static_cast<Tick>(std::max(0.0, std::floor(playback_.playhead + 1e-9))));
}

void ReplayScene::LayoutRegions(sf::Vector2u size) {
  size_ = size;
  side_width_ = std::clamp(static_cast<float>(size.x) * 0.24f, 280.0f, 360.0f);
  bottom_height_ = std::clamp(static_cast<float>(size.y) * 0.34f, 230.0f, 330.0f);
  graph_->SetViewport({0, 0, static_cast<float>(size.x) - side_width_,
                       static_cast<float>(size.y) - bottom_height_});
}

void ReplayScene::Draw(sf::RenderTarget& target, sf::Vector2u size, double fps) {
  if (size != size_) LayoutRegions(size);
  style_.playhead = playhead();
  const AgentFrame& frame = run_.FrameAt(style_.playhead);
  const AgentView view = frame.View();
  style_.frame_id = frame.tick;
  hovered_ = dragging_ ? std::nullopt : graph_->Pick(mouse_);
  graph_->Draw(target, view, style_, &run_.cascade(style_.narrative), selected_ ? selected_ : hovered_);
  DrawSidePanel(view);
  DrawBottomPanel(fps);
  if (hovered_ && hovered_ != selected_) DrawAgentDetails(*hovered_, view, /*tooltip=*/true);
}

void ReplayScene::DrawSidePanel(const AgentView& view) {
  const float w = side_width_;
  ImGui::SetNextWindowPos(ImVec2(static_cast<float>(size_.x) - w, 0));
  ImGui::SetNextWindowSize(ImVec2(w, static_cast<float>(size_.y) - bottom_height_));
  ImGui::Begin("##side", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings);
  ImGui::TextWrapped("%s", run_.scenario_name().c_str());
  ImGui::TextDisabled("%s  |  playbook: %s", run_.path().c_str(),
                      run_.playbook().empty() ? "none" : run_.playbook().c_str());
  const Layout& l = graph_->layout();
  ImGui::TextDisabled("%u agents, %zu drawn (%s layout), %zu edges drawn", run_.agents(), l.size(),
                      l.method.c_str(), l.edge_from.size());
  ImGui::Separator();
  ImGui::Text("Colour by");
  int by = static_cast<int>(style_.color_by);
  for (int i = 0; i < kNumColorBy; ++i) {
    if (i > 0) ImGui::SameLine();
    ImGui::RadioButton(std::string(kColorByNames[static_cast<std::size_t>(i)]).c_str(), &by, i);
  }
  style_.color_by = static_cast<ColorBy>(by);
  const std::string current = run_.narrative_ids()[style_.narrative];
  ImGui::SetNextItemWidth(w - 110);
  if (ImGui::BeginCombo("narrative", current.c_str())) {
    for (std::uint32_t k = 0; k < run_.narratives(); ++k)
      if (ImGui::Selectable((run_.narrative_ids()[k] + " (" + run_.narrative_kinds()[k] + ")").c_str(),
                            k == style_.narrative))
        style_.narrative = k;
    ImGui::EndCombo();
  }
  ImGui::Checkbox("edges (E)", &style_.show_edges);
  ImGui::SameLine();
  ImGui::Checkbox("cascade tree (T)", &style_.show_cascade);
  ImGui::Separator();
  DrawColorLegend(style_.color_by, view, style_.narrative);
  DrawKindLegend();
  ImGui::Separator();
  if (selected_) {
    DrawAgentDetails(*selected_, view, /*tooltip=*/false);
  } else {
    ImGui::TextDisabled("Hover or click an agent for its details.");
  }
  ImGui::End();
}

void ReplayScene::DrawAgentDetails(AgentId v, const AgentView& view, bool tooltip) {
  if (tooltip) ImGui::BeginTooltip();
  const auto kind = static_cast<AgentKind>(run_.kind()[v]);
  ImGui::Text("Agent %u: %s", v, std::string(AgentKindName(kind)).c_str());
  ImGui::Text("community %u, %u followers", run_.community()[v], run_.followers()[v]);
  for (std::uint32_t k = 0; k < run_.narratives(); ++k) {
    const int s = view.state[k][v];
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ToImU32(StateColor(s))), "%s: %s",
                       run_.narrative_ids()[k].c_str(),
                       std::string(kNarrativeStateNames[static_cast<std::size_t>(s)]).c_str());
  }
  ImGui::Text("outrage %.2f  trust %.2f  opinion %+.2f", view.outrage[v], view.trust[v], view.opinion[v]);
  const CascadeTree& tree = run_.cascade(style_.narrative);
  const std::string& name = run_.narrative_ids()[style_.narrative];
  if (!tree.exposed(v)) {
    ImGui::TextDisabled("never exposed to %s", name.c_str());
  } else {
    ImGui::Text("exposed to %s at %s", name.c_str(), ClockLabel(tree.exposed_at[v], run_.tick_seconds()).c_str());
    if (tree.parent[v] == kNoAgent) ImGui::Text("cascade: a seed (no parent)");
    else ImGui::Text("cascade parent: %u (%s)", tree.parent[v],
                     std::string(AgentKindName(static_cast<AgentKind>(run_.kind()[tree.parent[v]]))).c_str());
    const auto children = tree.children_of(v);
    std::string list;
    for (std::size_t i = 0; i < children.size() && i < 8; ++i) list += (i ? ", " : "") + std::to_string(children[i]);
    if (children.size() > 8) list += ", ...";
    ImGui::TextWrapped("children: %zu%s%s", children.size(), children.empty() ? "" : ": ", list.c_str());
  }
  if (tooltip) ImGui::EndTooltip();
}

void ReplayScene::DrawBottomPanel(double fps) {
  const auto W = static_cast<float>(size_.x), H = static_cast<float>(size_.y);
  ImGui::SetNextWindowPos(ImVec2(0, H - bottom_height_));
  ImGui::SetNextWindowSize(ImVec2(W, bottom_height_));
  ImGui::Begin("##bottom", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoSavedSettings);
  const Tick ticks = run_.ticks();
  if (ImGui::Button(playback_.playing ? "Pause" : "Play ", ImVec2(56, 0))) playback_.playing = !playback_.playing;
  ImGui::SameLine();
  if (ImGui::Button("<|")) StepSnapshot(-1);
  ImGui::SameLine();
  if (ImGui::Button("|>")) StepSnapshot(+1);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90);
  char speed[32];
  std::snprintf(speed, sizeof speed, "%.0fx", playback_.speed);
  if (ImGui::BeginCombo("speed", speed)) {
    for (double s : kSpeeds) {
      std::snprintf(speed, sizeof speed, "%.0fx", s);
      if (ImGui::Selectable(speed, s == playback_.speed)) playback_.speed = s;
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::Checkbox("loop", &playback_.loop);
  ImGui::SameLine();
  const Tick t = playhead();
  const AgentFrame& frame = run_.FrameAt(t);
  ImGui::Text("  %s / %s   (tick %u of %u; agents from snapshot at %s)",
              ClockLabel(t, run_.tick_seconds()).c_str(),
              ClockLabel(ticks > 0 ? ticks - 1 : 0, run_.tick_seconds()).c_str(), t, ticks,
              frame.tick == kNever ? "start" : ClockLabel(frame.tick, run_.tick_seconds()).c_str());
  if (fps > 0) {
    ImGui::SameLine(W - 110);
    ImGui::TextDisabled("%.0f fps", fps);
  }
  float head = static_cast<float>(playback_.playhead);
  const float avail = ImGui::GetContentRegionAvail().x;
  if (DrawTimeline("timeline", ImVec2(avail, 62), ticks, head, markers_, run_.tick_seconds()))
    playback_.playhead = head;

  // Three charts side by side.
  const float chart_w = (avail - 16) / 3;
  const float chart_h = std::max(80.0f, ImGui::GetContentRegionAvail().y - 4);
  const std::uint32_t k = style_.narrative;
  std::vector<ChartSeries> states;
  for (int s : {1, 2, 3, 4}) {
    ChartSeries series{std::string(kNarrativeStateNames[static_cast<std::size_t>(s)]), ToImU32(StateColor(s)), {}};
    series.values.resize(ticks);
    for (Tick i = 0; i < ticks; ++i) series.values[i] = static_cast<float>(run_.StateCount(i, k, s));
    states.push_back(std::move(series));
  }
  float max_count = 1;
  for (const auto& s : states) for (float v : s.values) max_count = std::max(max_count, v);
  const auto to_float = [](const std::vector<double>& v) { return std::vector<float>(v.begin(), v.end()); };
  std::vector<ChartSeries> mood = {
      {"outrage", ToImU32(OutrageColor(0.9f)), to_float(run_.series().outrage_mean)},
      {"trust", ToImU32(TrustColor(1.0f)), to_float(run_.series().trust_mean)},
  };
  std::vector<ChartSeries> reach;
  for (std::uint32_t n = 0; n < run_.narratives(); ++n) {
    ChartSeries s{run_.narrative_ids()[n], n == k ? IM_COL32(255, 160, 60, 255) : IM_COL32(140, 150, 170, 255), {}};
    s.values.resize(ticks);
    for (Tick i = 0; i < ticks; ++i)
      s.values[i] = 100.0f * static_cast<float>(run_.series().reach[static_cast<std::size_t>(i) * run_.narratives() + n]) /
                    static_cast<float>(std::max<AgentId>(1, run_.agents()));
    reach.push_back(std::move(s));
  }
  const auto click = [&](float tick) { if (tick >= 0) playback_.playhead = tick; };
  const float head_f = static_cast<float>(playback_.playhead);
  click(DrawChart(("agents by state: " + run_.narrative_ids()[k]).c_str(), ImVec2(chart_w, chart_h), states, 0,
                  max_count, ticks, head_f, markers_, "%.0f"));
  ImGui::SameLine();
  click(DrawChart("mean outrage and trust", ImVec2(chart_w, chart_h), mood, 0, 1, ticks, head_f, markers_, "%.2f"));
  ImGui::SameLine();
  click(DrawChart("reach (% of agents)", ImVec2(chart_w, chart_h), reach, 0, 100, ticks, head_f, markers_, "%.0f"));
  ImGui::End();
}

void ReplayScene::StepSnapshot(int direction) {
  playback_.playing = false;
  const Tick t = playhead();
  const auto& snaps = run_.snapshot_ticks();
  if (direction > 0) {
    const auto it = std::upper_bound(snaps.begin(), snaps.end(), t);
    playback_.playhead = it != snaps.end() ? *it : std::max<Tick>(1, run_.ticks()) - 1;
  } else {
    const auto it = std::lower_bound(snaps.begin(), snaps.end(), t);
    playback_.playhead = it != snaps.begin() ? *(it - 1) : 0;
  }
}

void ReplayScene::HandleEvent(const sf::Event& e, bool imgui_wants_mouse, bool imgui_wants_keyboard) {
  switch (e.type) {
    case sf::Event::MouseMoved: {
      const sf::Vector2f p(static_cast<float>(e.mouseMove.x), static_cast<float>(e.mouseMove.y));
      if (dragging_) graph_->Pan(p - drag_from_), drag_from_ = p;
      mouse_ = imgui_wants_mouse ? sf::Vector2f(-1, -1) : p;
      break;
    }
    case sf::Event::MouseButtonPressed:
      if (imgui_wants_mouse) break;
      if (e.mouseButton.button == sf::Mouse::Left) {
        const sf::Vector2f p(static_cast<float>(e.mouseButton.x), static_cast<float>(e.mouseButton.y));
        if (auto v = graph_->Pick(p)) selected_ = v;
        else dragging_ = graph_->viewport().contains(p), drag_from_ = p;
      } else if (e.mouseButton.button == sf::Mouse::Right) {
        selected_.reset();
      }
      break;
    case sf::Event::MouseButtonReleased:
      dragging_ = false;
      break;
    case sf::Event::MouseWheelScrolled:
      if (!imgui_wants_mouse)
        graph_->Zoom(std::pow(1.15f, e.mouseWheelScroll.delta),
                     {static_cast<float>(e.mouseWheelScroll.x), static_cast<float>(e.mouseWheelScroll.y)});
      break;
    case sf::Event::KeyPressed: {
      if (imgui_wants_keyboard) break;
      using K = sf::Keyboard;
      const sf::Vector2f mid{graph_->viewport().width / 2, graph_->viewport().height / 2};
      switch (e.key.code) {
        case K::Space: playback_.playing = !playback_.playing; break;
        case K::Right: StepSnapshot(+1); break;
        case K::Left: StepSnapshot(-1); break;
        case K::Home: playback_.playhead = 0; break;
        case K::End: playback_.playhead = std::max<Tick>(1, run_.ticks()) - 1; break;
        case K::Up:
        case K::Down: {
          const double* it = std::find(std::begin(kSpeeds), std::end(kSpeeds), playback_.speed);
          std::ptrdiff_t i = it - std::begin(kSpeeds) + (e.key.code == K::Up ? 1 : -1);
          i = std::clamp<std::ptrdiff_t>(i, 0, std::size(kSpeeds) - 1);
          playback_.speed = kSpeeds[i];
          break;
        }
        case K::C: style_.color_by = static_cast<ColorBy>((static_cast<int>(style_.color_by) + 1) % kNumColorBy); break;
        case K::Num1: style_.color_by = ColorBy::kState; break;
        case K::Num2: style_.color_by = ColorBy::kOpinion; break;
        case K::Num3: style_.color_by = ColorBy::kOutrage; break;
        case K::Num4: style_.color_by = ColorBy::kTrust; break;
        case K::N: style_.narrative = (style_.narrative + 1) % std::max<std::uint32_t>(1, run_.narratives()); break;
        case K::E: style_.show_edges = !style_.show_edges; break;
        case K::T: style_.show_cascade = !style_.show_cascade; break;
        case K::F: graph_->FitAll(); break;
        case K::Add:
        case K::Equal: graph_->Zoom(1.25f, mid); break;
        case K::Subtract:
        case K::Hyphen: graph_->Zoom(0.8f, mid); break;
        case K::Escape: selected_.reset(); break;
        case K::P: screenshot_ = true; break;
        case K::Q: quit_ = true; break;
        default: break;
      }
      break;
    }
    default:
      break;
  }
}

}  // namespace firestorm::viz
