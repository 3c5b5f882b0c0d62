// A scenario while it is being read. Files are applied on top of one another (a preset first,
// then the file that extends it), so anything that depends on another key is kept here until
// every file is read: times stay in seconds until the tick length is known, and narrative and
// playbook references stay names until the final list of narratives is known. Each deferred
// value remembers where it was written, so a late error still names its file, line and key.
// Internal to io.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/dynamics/scenario.hpp"
#include "sim/io/yaml_reader.hpp"

namespace firestorm::scenario_draft {

// A place to blame: the location and key path of a value.
struct Site {
  SourceLocation where;
  std::string path;
};
Site SiteOf(const yaml_reader::Value& v);
[[noreturn]] void FailAt(const Site& site, const std::string& problem, const std::string& hint);

struct NameRef {  // a narrative or playbook named by id, resolved at the end
  std::string name;
  Site site;
};

struct DraftNarrative {
  NarrativeSpec spec;
  double seeds_at_seconds = 0;
  std::optional<NameRef> target;
  Site site;
};

// When an action or inject starts: `at:`, or `when:` (detected or a condition) with `delay:`.
// The trigger's kind, metric and threshold are final; its times are converted by Finalize.
struct DraftTiming {
  Trigger trigger;
  double at_seconds = 0, hold_seconds = 0, delay_seconds = 0;
};

struct DraftAction {
  ActionSpec spec;
  DraftTiming timing;
  double every_seconds = 0, until_seconds = scenario_keys::kInf;
  std::optional<NameRef> narrative;
  Site site, every_site, until_site;
};

struct DraftPlaybook {
  std::string name;
  std::vector<DraftAction> actions;
};

struct DraftInject {
  InjectSpec spec;
  DraftTiming timing;
  std::optional<NameRef> narrative;
};

struct ScenarioDraft {
  Scenario scenario;  // name, description, graph, platform, population, dynamics: final values
  std::vector<DraftNarrative> narratives;
  std::vector<DraftPlaybook> playbooks;
  std::vector<DraftInject> injects;
  double duration_seconds = 86400, tick_seconds = 60, snapshot_seconds = 3600;
  double detect_for_seconds = 900;  // monitoring.detect_for: MonitoringSpec's 15 ticks of 1m
  std::optional<NameRef> playbook;  // run.playbook
  // Where values checked against each other at the end were set (default: the scenario root).
  Site root, duration_site, tick_site, snapshot_site;
  Site generator_site, graph_file_site, agents_site, mean_followers_site, communities_site;
  Site bots_site;
};

// Opens the preset file named by an `extends:` value and applies `apply` to its root, with
// the preset's own file context. Detects cycles.
using ApplyPreset =
    std::function<void(const yaml_reader::Value& extends_value, const std::string& root_path,
                       const std::function<void(const yaml_reader::Value&)>& apply)>;

// One section each; every function applies the keys it finds over what the draft holds.
void ApplyGraph(const yaml_reader::Value& section, ScenarioDraft& draft);
void ApplyPlatform(const yaml_reader::Value& section, ScenarioDraft& draft);
void ApplyPopulation(const yaml_reader::Value& section, ScenarioDraft& draft,
                     const ApplyPreset& apply_preset);
void ApplyDynamics(const yaml_reader::Value& section, ScenarioDraft& draft);
void ApplyRun(const yaml_reader::Value& section, ScenarioDraft& draft);
void ApplyMonitoring(const yaml_reader::Value& section, ScenarioDraft& draft);
void ApplyResponseTeam(const yaml_reader::Value& section, ScenarioDraft& draft);
void ApplyNarratives(const yaml_reader::Value& section, ScenarioDraft& draft);  // replaces the list
void ApplyPlaybooks(const yaml_reader::Value& section, ScenarioDraft& draft);   // merges by name
void ApplyResponse(const yaml_reader::Value& section, ScenarioDraft& draft);  // playbook "default"
void ApplyInjects(const yaml_reader::Value& section, ScenarioDraft& draft);   // replaces the list

// Checks what spans several keys and converts times to ticks and names to indices.
Scenario Finalize(ScenarioDraft draft);

// Resolves `written` against `dir`: the file must exist. `what` names it in the error.
std::string ResolveExistingFile(const yaml_reader::Value& v, const std::string& written,
                                std::string_view what);

}  // namespace firestorm::scenario_draft
