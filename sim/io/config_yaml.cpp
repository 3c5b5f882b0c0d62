// Reading a scenario: the file, then its presets. A file that names `extends:` is applied on top
// of its preset, which is read first with its own file context, so an error in a key that comes
// from a preset names the preset file. The sections are read in scenario_sections.cpp and
// scenario_events.cpp and checked together in scenario_finalize.cpp.
#include "sim/io/config_yaml.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/io/model_section.hpp"
#include "sim/io/scenario_draft.hpp"

namespace firestorm {

namespace {

namespace fs = std::filesystem;
using scenario_draft::ScenarioDraft;
using yaml_reader::Map;
using yaml_reader::Value;
using yaml_reader::YamlFile;

constexpr std::string_view kTopKeys[] = {
    "name",     "description", "extends",  "graph",   "platform",   "population",    "narratives",
    "dynamics", "playbooks",   "response", "injects", "monitoring", "response_team", "run", "model"};

// Scenarios and presets are small text files; reading stops past this, so that a device
// (/dev/zero) or an endless pipe named by mistake gets an error instead of filling memory.
constexpr std::size_t kMaxScenarioBytes = std::size_t{16} << 20;

std::optional<std::string> ReadFile(const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxScenarioBytes)
      throw InputError({path.string(), 0, 0}, "the file is larger than 16 MiB, too large for a scenario",
                       "name the scenario's .yaml file (is this a device, a pipe or a data file?)");
  }
  return text;
}

fs::path FolderOf(const fs::path& file) {
  const fs::path dir = file.parent_path();
  return dir.empty() ? fs::path(".") : dir;
}

// The presets being applied, outermost first, to refuse a file that extends itself.
class PresetStack {
 public:
  explicit PresetStack(const fs::path& root_file) { open_.push_back(Key(root_file)); }

  // A relative `extends` path is looked up in the folder of the file that names it, then in
  // each parent folder, so "configs/platforms/twitter-like.yaml" works from anywhere inside
  // the repository.
  void Apply(const Value& extends_value, const std::string& root_path,
             const std::function<void(const Value&)>& apply) {
    const fs::path found = Find(extends_value, extends_value.String());
    const std::string key = Key(found);
    if (std::find(open_.begin(), open_.end(), key) != open_.end()) {
      std::string chain;
      for (const auto& f : open_) chain += f + " -> ";
      extends_value.Fail("presets extend each other in a cycle: " + chain + key,
                         "a preset cannot extend itself, directly or through other presets");
    }
    const auto text = ReadFile(found);
    if (!text)
      extends_value.Fail("cannot read preset '" + found.string() + "'", "check its permissions");
    auto file = std::make_shared<const YamlFile>(YamlFile{found.string(), FolderOf(found)});
    const YAML::Node node = yaml_reader::ParseText(*text, file->name);
    const Value root(node, file, root_path, node.Mark());
    if (!root.IsMap() && !root.IsNull())
      root.Fail("a preset must be a map of keys, found " + root.Describe(),
                "write one \"key: value\" per line");
    open_.push_back(key);
    apply(root);
    open_.pop_back();
  }

 private:
  static std::string Key(const fs::path& p) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(p, ec);
    return ec ? p.lexically_normal().string() : canonical.string();
  }

  static fs::path Find(const Value& v, const std::string& written) {
    if (written.empty())
      v.Fail("expected the path of a preset file, found nothing",
             "write e.g. configs/platforms/twitter-like.yaml");
    const fs::path rel(written);
    std::error_code ec;
    const fs::path first = (rel.is_absolute() ? rel : v.file().dir / rel).lexically_normal();
    if (fs::is_regular_file(first, ec)) return first;
    if (!rel.is_absolute()) {
      fs::path up = v.file().dir;
      fs::path absolute = fs::absolute(v.file().dir, ec).lexically_normal();
      if (!absolute.has_filename()) absolute = absolute.parent_path();
      while (absolute != absolute.root_path() && !absolute.empty()) {
        absolute = absolute.parent_path();
        up /= "..";
        const fs::path candidate = (up / rel).lexically_normal();
        if (fs::is_regular_file(candidate, ec)) return candidate;
      }
    }
    v.Fail("cannot find preset '" + written + "' (looked for " + first.string() +
               (rel.is_absolute() ? "" : " and in the parent folders") + ")",
           "extends paths are relative to the folder of the file that names them");
  }

  std::vector<std::string> open_;
};

void ApplyScenarioFile(const Value& root, ScenarioDraft& d, PresetStack& presets) {
  using namespace scenario_draft;
  const Map m = root.AsMap(kTopKeys);
  const ApplyPreset apply_preset = [&presets](const Value& v, const std::string& path,
                                              const std::function<void(const Value&)>& apply) {
    presets.Apply(v, path, apply);
  };
  if (auto v = m.Get("extends"))
    presets.Apply(*v, "", [&](const Value& base) { ApplyScenarioFile(base, d, presets); });
  if (auto v = m.Get("name")) {
    d.scenario.name = v->String();
    if (d.scenario.name.empty())
      v->Fail("must not be empty", "write e.g. name: Product recall rumor");
  }
  if (auto v = m.Get("description")) d.scenario.description = v->String();
  if (auto v = m.Get("graph")) ApplyGraph(*v, d);
  if (auto v = m.Get("platform")) ApplyPlatform(*v, d);
  if (auto v = m.Get("population")) ApplyPopulation(*v, d, apply_preset);
  if (auto v = m.Get("narratives")) ApplyNarratives(*v, d);
  if (auto v = m.Get("dynamics")) ApplyDynamics(*v, d);
  if (auto v = m.Get("response")) {
    if (m.Has("playbooks"))
      v->Fail("write either response: or playbooks:, not both",
              "move this list under playbooks: as one playbook, e.g. default:");
    ApplyResponse(*v, d);
  }
  if (auto v = m.Get("playbooks")) ApplyPlaybooks(*v, d);
  if (auto v = m.Get("injects")) ApplyInjects(*v, d);
  if (auto v = m.Get("monitoring")) ApplyMonitoring(*v, d);
  if (auto v = m.Get("response_team")) ApplyResponseTeam(*v, d);
  if (auto v = m.Get("run")) ApplyRun(*v, d);
  if (auto v = m.Get("model")) ApplyModel(*v, d);
}

}  // namespace

Scenario ParseScenario(const std::string& yaml_text, const std::string& file_name_for_messages,
                       const std::string& base_dir) {
  const fs::path dir = base_dir.empty() ? fs::path(".") : fs::path(base_dir);
  auto file = std::make_shared<const YamlFile>(YamlFile{file_name_for_messages, dir});
  const YAML::Node node = yaml_reader::ParseText(yaml_text, file_name_for_messages);
  const Value root(node, file, "", node.Mark());
  if (root.IsNull())
    throw InputError({file_name_for_messages, 0, 0}, "the scenario is empty",
                     "a scenario needs at least name: and narratives:");
  if (!root.IsMap())
    root.Fail("expected a map of sections (name, graph, narratives, ...), found " + root.Describe(),
              "write one \"key: value\" per line, starting with name:");

  ScenarioDraft draft;
  // Values checked against each other in Finalize are blamed where they were written; one left
  // at its default is blamed on the scenario's first line, under its own key path.
  draft.root = scenario_draft::SiteOf(root);
  const auto at_root = [&](const char* path) {
    return scenario_draft::Site{draft.root.where, path};
  };
  draft.duration_site = at_root("run.duration");
  draft.tick_site = at_root("run.tick");
  draft.snapshot_site = at_root("run.snapshot_every");
  draft.generator_site = at_root("graph.generator");
  draft.graph_file_site = at_root("graph.file");
  draft.agents_site = at_root("graph.agents");
  draft.mean_followers_site = at_root("graph.mean_followers");
  draft.communities_site = at_root("graph.communities");
  draft.bots_site = at_root("population.bots");
  PresetStack presets(dir / fs::path(file_name_for_messages).filename());
  ApplyScenarioFile(root, draft, presets);
  Scenario scenario = scenario_draft::Finalize(std::move(draft));
  scenario.source_file = file_name_for_messages;
  return scenario;
}

Scenario LoadScenario(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw InputError(
        {path, 0, 0}, "cannot find the scenario file '" + path + "'",
        "a relative path starts from the working directory, " + fs::current_path(ec).string());
  const auto text = ReadFile(path);
  if (!text)
    throw InputError({path, 0, 0}, "cannot read the scenario file '" + path + "'",
                     fs::is_directory(path, ec) ? "this is a folder: name the .yaml file in it"
                                                : "check its permissions");
  return ParseScenario(*text, path, FolderOf(path).string());
}

}  // namespace firestorm
