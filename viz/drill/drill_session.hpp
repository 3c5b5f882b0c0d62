// One drill: the simulation playing live through its public API (Simulation::Step and
// Simulation::QueueAction, never its internals), the run file being written as it goes, the
// monitoring view the trainee sees, and the log of decisions and facilitator injects.
//
// Decide() queues a response action for the tick about to be played: the live window, its
// keys and a decisions script all call it, which is why a scripted drill and the same
// decisions entered live at the same ticks give the same file.
//
// The engine has no public way to add an inject to a running simulation, so FireInject()
// appends it to the scenario at the current tick and rebuilds: a new world and simulation,
// the ticks played so far replayed with the same decisions at the same ticks (the engine is
// deterministic, so the past is unchanged), then the drill goes on.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sim/dynamics/simulation.hpp"
#include "sim/io/hdf5_writer.hpp"
#include "viz/drill/drill_options.hpp"
#include "viz/drill/monitoring_view.hpp"

namespace firestorm::viz {

struct DrillOutcome;

// What the trainee is told: the scenario's injects as they fire, and the facilitator's.
struct NewsItem {
  Tick tick = 0;
  std::string title;    // "media_pickup (video)"
  std::string message;  // the inject's message
};

class DrillSession {
 public:
  // `scenario` is the drill's scenario with the command line's overrides applied.
  DrillSession(Scenario scenario, const DrillOptions& options);
  ~DrillSession();

  Tick ticks_done() const { return sim_->ticks_done(); }
  Tick num_ticks() const { return sim_->num_ticks(); }
  bool done() const { return sim_->done(); }
  double tick_seconds() const { return scenario_.run.tick_seconds; }

  // Queues `action` for the next tick to play (its `at` is set to ticks_done()). Statements
  // get the detail "decision: <message>" in /events.
  void Decide(ActionSpec action);
  // A facilitator inject, at the next tick to play (rebuilds, see above).
  void FireInject(InjectSpec inject);
  void Step();  // plays one tick

  const Simulation& simulation() const { return *sim_; }
  const Scenario& scenario() const { return scenario_; }
  const MonitoringView& monitoring() const { return *monitoring_; }
  const std::vector<ActionSpec>& decisions() const { return decisions_; }
  const std::vector<InjectSpec>& facilitator_injects() const { return extra_injects_; }
  // The scenario's own injects that fired during tick t (the drill pauses to show them).
  std::vector<const InjectSpec*> ScenarioInjectsAt(Tick t) const;
  const std::string& output() const { return output_; }
  const std::vector<NewsItem>& news() const { return news_; }

  // Writes the run file and its /drill group; returns the path.
  std::string Finish(const DrillOutcome& outcome);
  // The scenario with the decisions as a playbook named "drill" (and the facilitator injects):
  // `firestorm run` on it replays the drill without the viewer.
  Scenario ReplayScenario() const;

 private:
  void Start();        // world, simulation, writer, monitoring
  void PlayTick();     // the tick itself, snapshot, monitoring

  Scenario scenario_;  // as played: drill playbook selected, facilitator injects appended
  DrillOptions options_;
  std::string output_;
  std::size_t scenario_injects_ = 0;  // how many injects came with the scenario
  std::unique_ptr<Simulation> sim_;
  std::unique_ptr<Hdf5RunWriter> writer_;
  std::unique_ptr<MonitoringView> monitoring_;
  std::vector<ActionSpec> decisions_;
  std::vector<InjectSpec> extra_injects_;
  std::vector<NewsItem> news_;
  double wall_start_ = 0;
  bool replaying_ = false;
};

// The scenario for a drill: `path` loaded, the options' overrides applied, the playbook
// replaced by the trainee (an empty "drill" playbook).
Scenario LoadDrillScenario(const DrillOptions& options);

}  // namespace firestorm::viz
