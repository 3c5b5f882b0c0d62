// A complete, validated scenario as plain structs. Parsed from YAML in io/config_yaml.cpp
// and nowhere else; the engine never sees YAML.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/classic/classic_model_spec.hpp"
#include "sim/dynamics/dynamics_params.hpp"
#include "sim/dynamics/narrative_spec.hpp"
#include "sim/graph/graph_spec.hpp"
#include "sim/population/population_spec.hpp"
#include "sim/response/action_spec.hpp"
#include "sim/response/response_team_spec.hpp"

namespace firestorm {

struct RunSpec {
  double tick_seconds = 60;
  Tick ticks = 1440;            // run.duration / run.tick
  std::uint64_t seed = 42;
  Tick snapshot_every = 60;     // ticks between per-agent snapshots (0 = none)
  std::string output;           // default: <scenario name>.h5 in the working directory
  std::string playbook;         // which playbook to play ("" = the first)
};

struct Scenario {
  std::string name;
  std::string description;
  std::string source_file;
  GraphSpec graph;
  PlatformParams platform;
  PopulationSpec population;
  std::vector<NarrativeSpec> narratives;  // the official narrative is appended by the engine
  DynamicsParams dynamics;
  std::vector<Playbook> playbooks;
  std::vector<InjectSpec> injects;
  MonitoringSpec monitoring;
  ResponseTeamSpec response_team;
  RunSpec run;
  ClassicModelSpec model;  // a classic model (SIR, voter, ...) instead of the crisis engine

  const Playbook* SelectedPlaybook() const {
    for (const auto& p : playbooks)
      if (p.name == run.playbook) return &p;
    return playbooks.empty() ? nullptr : &playbooks.front();
  }
};

}  // namespace firestorm
