#include "viz/ui/drill_app.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>

#include <filesystem>
#include <functional>
#include <iostream>

#include "sim/core/error.hpp"
#include "viz/drill/scripted_drill.hpp"
#include "viz/ui/drill_screen.hpp"
#include "viz/ui/imgui_layer.hpp"

namespace firestorm::viz {

namespace {

std::size_t Threads(const DrillOptions& o) {
  return static_cast<std::size_t>(o.threads > 0 ? o.threads : tbb::info::default_concurrency());
}

void PrintOutcome(const DrillOutcome& outcome, const std::string& path) {
  const auto row = [](const OutcomeStats& o, const std::string& label) {
    std::printf("  %-28s peak outrage %.3f   final trust %.3f   reach %5.1f%%   score %+.3f\n", label.c_str(),
                o.peak_outrage, o.final_trust, 100 * o.reach_share, o.score());
  };
  std::printf("debrief (baselines: %d runs each)\n", outcome.replicates);
  row(outcome.trainee, "trainee");
  row(outcome.no_response, "no response");
  for (std::size_t i = 0; i < outcome.playbooks.size(); ++i)
    row(outcome.playbooks[i], (static_cast<int>(i) == outcome.best ? "best playbook: " : "playbook: ") +
                                  outcome.playbooks[i].name);
  std::printf("wrote %s\n", path.c_str());
}

// Draws `draw` offscreen twice (ImGui sizes windows on the first frame) and saves the second.
void RenderToPng(const DrillOptions& o, const std::string& path, const std::function<void(sf::RenderTarget&)>& draw) {
  sf::RenderTexture target;
  if (!target.create(o.width, o.height))
    throw OutputError("cannot create an offscreen OpenGL target; is there an X display? try xvfb-run -a");
  ImGuiLayer imgui(target);
  for (int pass = 0; pass < 2; ++pass) {
    target.setActive(true);
    target.clear(sf::Color(12, 13, 17));
    imgui.NewFrame(target.getSize(), 1.0f / 60);
    draw(target);
    imgui.Render(target);
    target.display();
  }
  const std::filesystem::path png(path);
  if (png.has_parent_path()) std::filesystem::create_directories(png.parent_path());
  if (!target.getTexture().copyToImage().saveToFile(path)) throw OutputError("cannot write " + path);
  if (!o.quiet) std::printf("wrote %s\n", path.c_str());
}

}  // namespace

int RunScriptedDrill(const DrillOptions& o) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, Threads(o));
  const DecisionScript script = LoadDecisionScript(o.script, o.scenario_path);
  DrillSession session(LoadDrillScenario(o), o);
  PlayScript(session, script);
  if (!o.dashboard_png.empty()) {  // the trainee's screen at the end of the drill
    DrillController controller(session, o.speed);
    DrillScreen screen(controller);
    RenderToPng(o, o.dashboard_png, [&](sf::RenderTarget& t) { screen.Draw(t, t.getSize(), 1.0f / 60); });
  }
  if (!o.facilitator_png.empty()) {  // what the facilitator saw at the end
    DrillController controller(session, o.speed);
    DrillScreen screen(controller);
    screen.ShowFacilitatorView(true);
    RenderToPng(o, o.facilitator_png, [&](sf::RenderTarget& t) { screen.Draw(t, t.getSize(), 1.0f / 60); });
  }
  const DrillOutcome outcome = FinishDrill(session, o.replicates);
  if (!o.quiet) PrintOutcome(outcome, session.output());
  if (!o.debrief_png.empty()) {
    DrillController controller(session, o.speed);
    DrillScreen screen(controller);
    screen.ShowDebrief(outcome, session.output());
    RenderToPng(o, o.debrief_png, [&](sf::RenderTarget& t) { screen.Draw(t, t.getSize(), 1.0f / 60); });
  }
  return 0;
}

int RunDrillWindow(const DrillOptions& o) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, Threads(o));
  DecisionScript input;
  const bool scripted_input = !o.live_input.empty();
  if (scripted_input) input = LoadDecisionScript(o.live_input, o.scenario_path);
  DrillSession session(LoadDrillScenario(o), o);
  DrillController controller(session, scripted_input ? 1e7 : o.speed);
  DrillScreen screen(controller);
  sf::RenderWindow window(sf::VideoMode(o.width, o.height), "firestorm-view drill: " + session.scenario().name);
  window.setFramerateLimit(60);
  ImGuiLayer imgui(window);
  sf::Clock clock;
  std::size_t next_decision = 0, next_inject = 0;
  bool printed = false;
  while (window.isOpen()) {
    sf::Event event;
    while (window.pollEvent(event)) {
      imgui.ProcessEvent(event);
      if (event.type == sf::Event::Closed) window.close();
      if (event.type == sf::Event::Resized)
        window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(event.size.width),
                                              static_cast<float>(event.size.height))));
      screen.HandleEvent(event, imgui.WantsKeyboard());
    }
    if (!window.isOpen() || screen.quit_requested()) break;
    const float dt = clock.restart().asSeconds();
    if (scripted_input) {
      // Typed in at their ticks through the panel's own handlers; news popups dismissed.
      controller.Dismiss();
      const Tick now = session.ticks_done();
      for (; next_decision < input.decisions.size() && input.decisions[next_decision].at <= now; ++next_decision)
        screen.SubmitDecision(input.decisions[next_decision]);
      for (; next_inject < input.injects.size() && input.injects[next_inject].at <= now; ++next_inject)
        screen.SubmitInject(input.injects[next_inject]);
      Tick hold = kNever;
      if (next_decision < input.decisions.size()) hold = input.decisions[next_decision].at;
      if (next_inject < input.injects.size()) hold = std::min(hold, input.injects[next_inject].at);
      controller.HoldAt(std::max(hold, now + 1));
    }
    controller.Advance(dt);
    if (controller.finished()) screen.StartDebrief(o.replicates);
    window.clear(sf::Color(12, 13, 17));
    imgui.NewFrame(window.getSize(), dt);
    screen.Draw(window, window.getSize(), dt);
    imgui.Render(window);
    window.display();
    if (screen.debrief_ready() && !printed) {
      printed = true;
      if (!screen.error().empty()) throw OutputError(screen.error());
      if (!o.quiet) std::printf("wrote %s\n", screen.saved_to().c_str());
      if (scripted_input) window.close();
    }
  }
  return 0;
}

}  // namespace firestorm::viz
