#include "sim/io/scenario_override.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <sstream>

#include "sim/core/error.hpp"
#include "sim/io/config_yaml.hpp"

namespace firestorm {

Scenario WithOverride(const Scenario& base, const std::string& key_path, const std::string& value) {
  const std::string where = "--vary " + key_path;
  YAML::Node root = YAML::Load(EmitScenarioYaml(base));
  YAML::Node node = root;
  std::stringstream path(key_path);
  std::string part, walked;
  std::vector<std::string> parts;
  while (std::getline(path, part, '.')) parts.push_back(part);
  if (parts.empty()) throw InputError({where, 0, 0}, "empty key", "write e.g. dynamics.statement_reach=0.1,0.3");
  // Walk to the parent, then set the last key. yaml-cpp nodes are handles: assigning to a
  // child changes the tree.
  std::vector<YAML::Node> trail{root};
  for (std::size_t i = 0; i < parts.size(); ++i) {
    YAML::Node current = trail.back();
    const bool last = i + 1 == parts.size();
    walked += (walked.empty() ? "" : ".") + parts[i];
    YAML::Node child;
    if (current.IsSequence()) {
      std::size_t index = 0;
      try {
        index = std::stoul(parts[i]);
      } catch (...) {
        throw InputError({where, 0, 0}, "'" + walked + "' indexes a list: use a number",
                         "e.g. playbooks.fast_empathy.0.at");
      }
      if (index >= current.size())
        throw InputError({where, 0, 0}, "'" + walked + "' is past the end of the list",
                         "the list has " + std::to_string(current.size()) + " items");
      child = current[index];
    } else if (current.IsMap()) {
      if (!current[parts[i]] && !last)
        throw InputError({where, 0, 0}, "the scenario has no key '" + walked + "'",
                         "see `firestorm validate FILE --print` for every key");
      child = current[parts[i]];
    } else {
      throw InputError({where, 0, 0}, "'" + walked + "' is not a section", "check the key path");
    }
    if (!last) {
      trail.push_back(child);
    } else if (current.IsSequence()) {
      current[std::stoul(parts[i])] = YAML::Load(value);
    } else {
      current[parts[i]] = YAML::Load(value);
    }
  }
  YAML::Emitter out;
  out << root;
  const std::string dir = std::filesystem::path(base.source_file).parent_path().string();
  Scenario s = ParseScenario(out.c_str(), where + "=" + value, dir);
  s.source_file = base.source_file;
  return s;
}

}  // namespace firestorm
