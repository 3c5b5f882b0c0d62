// The "Scenario" section of a report: what was simulated, in words a crisis planner reads,
// from the effective scenario stored in the file (/provenance/scenario_yaml). The YAML is
// parsed by the one scenario parser (sim/io/config_yaml.hpp); if that fails (a file from a
// newer Firestorm), the section still shows the name and the raw YAML.
#pragma once

#include <string>

namespace firestorm {

struct ScenarioFacts {
  std::string name;          // /provenance/scenario_name
  std::string yaml;          // /provenance/scenario_yaml
  std::string played;        // the playbook played ("" = none), or a sweep's variants
  std::uint64_t seed = 0;
  double tick_seconds = 60;
  std::uint64_t ticks = 0;   // ticks simulated
  std::uint64_t agents = 0;  // 0 = take it from the scenario
  std::uint64_t edges = 0;   // 0 = unknown
};

// HTML for the section body: description, key parameters, narratives, response and injects.
std::string ScenarioSummaryHtml(const ScenarioFacts& facts);

// The description from the YAML ("" when it cannot be parsed).
std::string ScenarioDescription(const std::string& yaml);

}  // namespace firestorm
