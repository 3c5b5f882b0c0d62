#include "viz/drill/decision_script.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "sim/core/error.hpp"
#include "sim/io/config_yaml.hpp"

namespace firestorm::viz {

namespace {

// Splits the file into its top-level sections by their keys at column 0, keeping line
// numbers: each returned text has the other sections' lines blanked.
std::string KeepSection(const std::vector<std::string>& lines, const std::string& key,
                        const std::string& rename, bool& found) {
  std::string out;
  bool inside = false;
  for (const std::string& line : lines) {
    const bool top_key = !line.empty() && line[0] != ' ' && line[0] != '#' && line[0] != '-' &&
                         line.find(':') != std::string::npos;
    if (top_key) inside = line.rfind(key + ":", 0) == 0;
    if (inside && top_key) {
      found = true;
      out += rename + line.substr(key.size()) + '\n';
    } else {
      out += (inside ? line : std::string()) + '\n';
    }
  }
  return out;
}

}  // namespace

DecisionScript ParseDecisionScript(const std::string& text, const std::string& name,
                                   const std::string& scenario_path) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& l = lines[i];
    const bool top_key = !l.empty() && l[0] != ' ' && l[0] != '#' && l.find(':') != std::string::npos && l[0] != '-';
    if (top_key && l.rfind("decisions:", 0) != 0 && l.rfind("injects:", 0) != 0)
      throw InputError({name, static_cast<int>(i + 1), 1},
                       "unknown key '" + l.substr(0, l.find(':')) + "' in a decisions file",
                       "a decisions file has decisions: (a list of actions) and optionally injects:");
  }
  const std::string extends = std::filesystem::absolute(scenario_path).lexically_normal().string();
  // Single-quoted YAML string: a quote is written twice.
  std::string quoted;
  for (char c : extends) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  const std::string tail = "\nextends: '" + quoted + "'\n";
  const std::string base_dir = std::filesystem::path(name).parent_path().string();

  DecisionScript script;
  bool has_decisions = false, has_injects = false;
  const std::string decisions_text = KeepSection(lines, "decisions", "response", has_decisions);
  if (has_decisions) {
    const Scenario s = ParseScenario(decisions_text + tail + "run: { playbook: default }\n", name, base_dir);
    if (const Playbook* p = s.SelectedPlaybook()) script.decisions = p->actions;
  }
  const std::string injects_text = KeepSection(lines, "injects", "injects", has_injects);
  if (has_injects) script.injects = ParseScenario(injects_text + tail, name, base_dir).injects;
  if (!has_decisions && !has_injects)
    throw InputError({name, 1, 1}, "no decisions: in the decisions file",
                     "write decisions:, then one line per action, e.g.\n"
                     "  - { at: 45m, action: acknowledge }");
  const auto by_tick = [](const auto& a, const auto& b) { return a.at < b.at; };
  std::stable_sort(script.decisions.begin(), script.decisions.end(), by_tick);
  std::stable_sort(script.injects.begin(), script.injects.end(), by_tick);
  return script;
}

DecisionScript LoadDecisionScript(const std::string& path, const std::string& scenario_path) {
  std::string text;
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return ParseDecisionScript(text, "<stdin>", scenario_path);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError({path, 0, 0}, "cannot read the decisions file", "check the path");
  text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return ParseDecisionScript(text, path, scenario_path);
}

}  // namespace firestorm::viz
