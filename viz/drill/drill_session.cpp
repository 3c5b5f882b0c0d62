#include "viz/drill/drill_session.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "git_revision.h"
#include "sim/io/config_yaml.hpp"
#include "sim/io/run_scenario.hpp"
#include "viz/drill/drill_record.hpp"

namespace firestorm::viz {

namespace {

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

constexpr char kDrillPlaybook[] = "drill";

std::string Title(const InjectSpec& i, const std::vector<NarrativeSpec>& narratives) {
  std::string t(kInjectTypeNames[static_cast<std::size_t>(i.type)]);
  if (i.narrative < narratives.size()) t += " (" + narratives[i.narrative].id + ")";
  return t;
}

}  // namespace

Scenario LoadDrillScenario(const DrillOptions& options) {
  Scenario s = LoadScenario(options.scenario_path);
  RunOptions overrides;
  overrides.agents = options.agents;
  overrides.seed = options.seed;
  overrides.ticks = options.ticks;
  overrides.output = options.output.empty()
                         ? std::filesystem::path(options.scenario_path).stem().string() + "-drill.h5"
                         : options.output;
  ApplyOverrides(s, overrides);
  return s;
}

DrillSession::DrillSession(Scenario scenario, const DrillOptions& options)
    : scenario_(std::move(scenario)), options_(options), output_(scenario_.run.output) {
  // The trainee is the response: a playbook that does nothing, selected.
  ActionSpec nothing;
  nothing.type = ActionType::kNoResponse;
  scenario_.playbooks.push_back(Playbook{kDrillPlaybook, {nothing}});
  scenario_.run.playbook = kDrillPlaybook;
  scenario_injects_ = scenario_.injects.size();
  wall_start_ = Now();
  Start();
}

DrillSession::~DrillSession() = default;

void DrillSession::Start() {
  writer_.reset();  // the old temporary file goes before the new one is created
  sim_.reset();
  RunHeader header;
  header.scenario_name = scenario_.name;
  Scenario recorded = scenario_;
  recorded.run.output.clear();
  header.scenario_yaml = EmitScenarioYaml(recorded);
  header.playbook = kDrillPlaybook;
  header.version = FIRESTORM_VERSION;
  header.git_revision = FIRESTORM_GIT_REVISION;
  header.seed = scenario_.run.seed;
  header.tick_seconds = scenario_.run.tick_seconds;
  header.ticks = scenario_.run.ticks;
  for (const NarrativeSpec& n : EffectiveNarratives(scenario_)) {
    header.narrative_ids.push_back(n.id);
    header.narrative_kinds.push_back(std::string(kNarrativeKindNames[static_cast<int>(n.kind)]));
  }
  sim_ = std::make_unique<Simulation>(scenario_, BuildScenarioWorld(scenario_));
  header.communities = sim_->num_communities();
  writer_ = std::make_unique<Hdf5RunWriter>(output_, header, options_.force);
  writer_->WriteWorld(sim_->world());
  monitoring_ = std::make_unique<MonitoringView>(scenario_.run.seed, scenario_.run.tick_seconds,
                                                 sim_->population().num_agents());
}

void DrillSession::Decide(ActionSpec action) {
  action.at = sim_->ticks_done();
  action.every = 0;
  action.message = action.message.empty() ? "decision" : "decision: " + action.message;
  decisions_.push_back(action);
  sim_->QueueAction(std::move(action));
}

void DrillSession::FireInject(InjectSpec inject) {
  const Tick now = sim_->ticks_done();
  inject.at = now;
  news_.push_back({now, Title(inject, sim_->narratives()) + " [facilitator]", inject.message});
  extra_injects_.push_back(inject);
  scenario_.injects.push_back(std::move(inject));
  Start();
  replaying_ = true;
  std::size_t next = 0;
  while (sim_->ticks_done() < now) {
    for (; next < decisions_.size() && decisions_[next].at == sim_->ticks_done(); ++next)
      sim_->QueueAction(decisions_[next]);
    PlayTick();
  }
  replaying_ = false;
  for (; next < decisions_.size(); ++next) sim_->QueueAction(decisions_[next]);  // taken this tick
}

void DrillSession::Step() { PlayTick(); }

void DrillSession::PlayTick() {
  if (sim_->done()) return;
  const Tick t = sim_->ticks_done();
  sim_->Step();
  if (!replaying_)
    for (const InjectSpec* i : ScenarioInjectsAt(t)) news_.push_back({t, Title(*i, sim_->narratives()), i->message});
  const Tick every = scenario_.run.snapshot_every;
  if (every > 0 && sim_->ticks_done() % every == 0)
    writer_->AppendSnapshot(sim_->ticks_done() - 1, sim_->population());
  monitoring_->Observe(*sim_);
}

std::vector<const InjectSpec*> DrillSession::ScenarioInjectsAt(Tick t) const {
  std::vector<const InjectSpec*> out;
  for (std::size_t i = 0; i < scenario_injects_; ++i)
    if (scenario_.injects[i].at == t) out.push_back(&scenario_.injects[i]);
  return out;
}

Scenario DrillSession::ReplayScenario() const {
  Scenario s = scenario_;
  for (Playbook& p : s.playbooks)
    if (p.name == kDrillPlaybook) p.actions = decisions_.empty() ? p.actions : decisions_;
  s.run.output.clear();
  return s;
}

std::string DrillSession::Finish(const DrillOutcome& outcome) {
  RuntimeInfo runtime;
  runtime.threads = options_.threads;
  runtime.ticks_completed = sim_->ticks_done();
  runtime.complete = sim_->done();
  runtime.wall_seconds = Now() - wall_start_;
  writer_->Finish(sim_->record(), ExtractCascade(sim_->population()), runtime);
  const std::string path = writer_->path();
  WriteDrillRecord(path, *this, outcome);
  return path;
}

}  // namespace firestorm::viz
