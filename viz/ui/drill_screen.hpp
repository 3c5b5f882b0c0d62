// The drill's screen. While the drill runs, the trainee sees what the organization's
// monitoring sees (sampled, noisy: viz/drill/monitoring_view.hpp), the news of the scenario's
// injects, and a response panel (buttons and keys 1-8); the facilitator's view (F2) adds the
// true state: the network, the true outrage, trust and reach, speed and extra injects. When
// the drill ends, the debrief compares the trainee with the baselines, with the decisions on
// the timeline. Draws into a window or an offscreen texture alike.
#pragma once

#include <SFML/Graphics.hpp>
#include <imgui.h>

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "viz/drill/debrief.hpp"
#include "viz/drill/drill_controller.hpp"
#include "viz/render/graph_view.hpp"
#include "viz/ui/charts.hpp"

namespace firestorm::viz {

class DrillScreen {
 public:
  explicit DrillScreen(DrillController& controller);
  ~DrillScreen();

  void Draw(sf::RenderTarget& target, sf::Vector2u size, float dt);
  void HandleEvent(const sf::Event& event, bool imgui_wants_keyboard);

  // What the response buttons and keys call (and --live-input, with a parsed decision).
  void SubmitDecision(ActionSpec action);
  void SubmitInject(InjectSpec inject);

  // Starts the baselines and the file writing in the background (once).
  void StartDebrief(int replicates);
  // Shows an outcome computed elsewhere (the scripted drill's), with where it was saved.
  void ShowDebrief(DrillOutcome outcome, std::string saved_to);
  bool debrief_ready() const { return debrief_ready_; }
  bool quit_requested() const { return quit_; }
  void ShowFacilitatorView(bool on) { facilitator_ = on; }
  const std::string& saved_to() const { return saved_to_; }
  const std::string& error() const { return error_; }

 private:
  void DrawTopBar(float width);
  void DrawMonitoring(ImVec2 pos, ImVec2 size);
  void DrawFacilitator(sf::RenderTarget& target, ImVec2 pos, ImVec2 size);
  void DrawResponsePanel(ImVec2 pos, ImVec2 size);
  void DrawNewsPopup(sf::Vector2u size);
  void DrawDebrief(sf::Vector2u size);
  std::vector<ChartMarker> DecisionMarkers(bool with_news) const;
  ActionSpec FromPanel(ActionType type) const;  // the panel's message, target, partners, recall

  DrillController& controller_;
  bool facilitator_ = false;
  std::unique_ptr<GraphView> graph_;
  char message_[256] = {};
  int narrative_choice_ = 0;  // 0 = all
  int partners_ = 10;
  float recall_ = 0.5f;
  int inject_type_ = 1;
  int inject_size_ = 500;
  float inject_credibility_ = 0.2f;
  char inject_message_[256] = {};
  // Debrief.
  std::thread worker_;
  std::atomic<int> progress_done_{0}, progress_total_{1};
  std::atomic<bool> debrief_ready_{false};
  bool debrief_started_ = false;
  DrillOutcome outcome_;
  std::string saved_to_, error_;
  bool quit_ = false;
};

}  // namespace firestorm::viz
