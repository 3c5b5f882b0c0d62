// The effective scenario: EmitScenarioYaml writes every key, and parsing its output gives back
// an equal Scenario. Also checks that every key the emitter writes is documented.
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "sim/core/duration.hpp"
#include "sim/io/config_yaml.hpp"
#include "tests/sim/io/scenario_test_util.hpp"

namespace firestorm {
namespace {

using namespace firestorm::testing;
using ::testing::HasSubstr;
using ::testing::Not;

Scenario Reparse(const Scenario& s) {
  return ParseScenario(EmitScenarioYaml(s), "effective.yaml", "/nonexistent-folder");
}

TEST(EmitScenarioYaml, FullScenarioRoundTrips) {
  const Scenario original = LoadScenario(Fixture("full.yaml"));
  const Scenario again = Reparse(original);
  ExpectSameScenario(original, again);
  EXPECT_EQ(EmitScenarioYaml(again), EmitScenarioYaml(original));
}

TEST(EmitScenarioYaml, DefaultsRoundTrip) {
  const Scenario original = LoadScenario(Fixture("minimal.yaml"));
  ExpectSameScenario(original, Reparse(original));
}

TEST(EmitScenarioYaml, PresetsAndFilesRoundTripFromAnotherFolder) {
  for (const char* name : {"extends_chain.yaml", "from_file.yaml"}) {
    SCOPED_TRACE(name);
    const Scenario original = LoadScenario(Fixture(name));
    const std::string text = EmitScenarioYaml(original);
    EXPECT_THAT(text, Not(HasSubstr("extends")));
    ExpectSameScenario(original, Reparse(original));
  }
}

TEST(EmitScenarioYaml, ShippedScenariosLoadAndRoundTrip) {
  const std::filesystem::path dir = SourceDir() + "/scenarios";
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  if (files.empty()) GTEST_SKIP() << "no scenarios/*.yaml yet";
  for (const auto& file : files) {
    SCOPED_TRACE(file.string());
    const Scenario original = LoadScenario(file.string());
    ExpectSameScenario(original, Reparse(original));
  }
}

TEST(EmitScenarioYaml, AwkwardValuesRoundTrip) {
  const Scenario original = ParseInline(
      "name: \"Quotes \\\" and \\\\ backslashes: # not a comment\"\n"
      "description: |\n  two\n  lines\tand a tab\n"
      "graph: {agents: 3_999_999_999, mean_followers: 0.1, homophily: 0.3333333333333333}\n"
      "population: {bots: 0.3%, influencers: 7%, media: {count: 0, followers: 0.01%},"
      " fact_checkers: {followers: 33.3%}, organization: {followers: 12_345}}\n"
      "narratives:\n  - {id: null_ish, stance: -0.1, credibility: 1e-3}\n"
      "  - {id: \"null\"}\n"
      "playbooks:\n  p:\n    - {action: acknowledge, at: 7m, message: \"we're on it: more soon\"}\n"
      "    - {action: transparency_update, at: 1d, every: 45m, until: 100d}\n"
      "injects:\n  - {event: leak, at: 1000d, credibility: -0.25}\n"
      "run: {duration: 1d, tick: 45s, seed: 18446744073709551615, snapshot_every: never,"
      " output: \"out dir/run.h5\"}\n");
  const Scenario again = Reparse(original);
  ExpectSameScenario(original, again);
  EXPECT_EQ(again.name, "Quotes \" and \\ backslashes: # not a comment");
  EXPECT_EQ(again.description, "two\nlines\tand a tab\n");
  EXPECT_EQ(again.narratives[1].id, "null");
  EXPECT_EQ(again.run.seed, 18446744073709551615u);
}

TEST(EmitScenarioYaml, WritesTimesAsDurations) {
  const std::string text = EmitScenarioYaml(LoadScenario(Fixture("full.yaml")));
  EXPECT_THAT(text, HasSubstr("  duration: 3d\n"));
  EXPECT_THAT(text, HasSubstr("  tick: 30s\n"));
  EXPECT_THAT(text, HasSubstr("  snapshot_every: 10m\n"));
  EXPECT_THAT(text, HasSubstr("{action: acknowledge, at: 30m, every: never, until: never"));
  EXPECT_THAT(text, HasSubstr("at: 6h, every: 12h, until: 3d"));
  EXPECT_THAT(text, HasSubstr("seeds: {count: 5, kind: bot, at: 2h}"));
  EXPECT_THAT(text, HasSubstr("bots: \"2%\""));
  EXPECT_THAT(text, HasSubstr("fact_checkers: {count: 5, followers: 1000}"));
  EXPECT_THAT(text, HasSubstr("target: fake_drunk"));
  EXPECT_THAT(text, HasSubstr("  playbook: \"fast_empathy\"\n"));
  EXPECT_THAT(text, HasSubstr("{action: acknowledge, when: detected, delay: 30m, every: never"));
  EXPECT_THAT(text, HasSubstr("{action: remedial_action, when: {metric: mean_trust, below: 0.4, "
                              "for: 1h}, delay: 4h, every: never"));
  EXPECT_THAT(text, HasSubstr("when: {metric: negative_mentions_per_hour, above: 1000, for: 0s}, "
                              "delay: 0s"));
  EXPECT_THAT(text, HasSubstr("{event: offline_event, when: detected, delay: 1h, narrative: video, "
                              "outrage: 0.3"));
  EXPECT_THAT(text, HasSubstr("  detect_for: 30m\n"));
}

TEST(EmitScenarioYaml, WritesOnlyTheKeysOfEachActionAndEvent) {
  const std::string text = EmitScenarioYaml(LoadScenario(Fixture("full.yaml")));
  EXPECT_THAT(text, HasSubstr("{action: debunk, when: detected, delay: 2h, every: never, until: "
                              "never, narrative: fake_drunk, visual: true, message: \"\"}"));
  EXPECT_THAT(text, HasSubstr("{action: downrank, at: 2h, every: never, until: never, narrative: "
                              "fake_drunk, factor: 0.3, message: \"\"}"));
  EXPECT_THAT(text, HasSubstr("{action: forward_limit, at: 3h, every: never, until: never, "
                              "narrative: all, max_recipients: 3, message: \"\"}"));
  EXPECT_THAT(text, HasSubstr("narrative: fake_drunk, reach: 0.7, message: \"\"}"));
  EXPECT_THAT(text, HasSubstr("recall: 0.5, precision: 0.9, moderators_per_hour: 200, message:"));
  EXPECT_THAT(text, HasSubstr("partners: 10, alignment: -0.5, message:"));
  EXPECT_THAT(text, HasSubstr("{event: second_wave, when: {metric: spreaders_share, below: 0.01, "
                              "for: 2h}, delay: 0s, narrative: fake_drunk, size: 50, message:"));
  EXPECT_THAT(text, HasSubstr("{action: apologize, at: 2d, every: never, until: never, narrative: "
                              "all, message: \"\"}"));
}

TEST(EmitScenarioYaml, EveryNewKeyRoundTripsWithNonDefaultValues) {
  const Scenario original =
      ParseInline(kValidHead + R"(platform: {closed_groups: true, forward_limit: 7}
dynamics:
  argue_anger: 0.31
  remedial_trust_gain: 0.32
  remedial_calming: 0.33
  compensation_trust_gain: 0.34
  compensation_calming: 0.35
  inconsistency_trust_loss: 0.36
  visual_debunk_boost: 2.37
  emergency_efficacy: 0.38
playbooks:
  p:
    - {action: bot_takedown, when: detected, delay: 17m, recall: 0.7, moderators_per_hour: 33.3}
    - {action: debunk, when: {metric: reach_share, above: 0.123, for: 47m}, delay: 3h, visual: true}
    - {action: engage_influencers, at: 5h, partners: 3, alignment: -0.75}
    - {action: forward_limit, when: {metric: spreaders_share, above: 0.05}, max_recipients: 2}
    - {action: downrank, when: {metric: mentions_per_hour, above: 1234.5}, factor: 0.1, narrative: rumor}
    - {action: emergency_broadcast, when: {metric: mean_outrage, above: 0.7, for: 2h}, reach: 33.3%}
    - {action: argue, when: {metric: mean_trust, below: 0.45}, delay: 1m}
    - {action: remedial_action, when: detected, delay: 1d, every: 6h, until: 5d}
    - {action: compensation, at: 2d, message: "refunds"}
injects:
  - {event: offline_event, when: detected, delay: 90m, outrage: 0.45}
  - {event: second_wave, when: {metric: negative_mentions_per_hour, below: 10, for: 3h}, size: 77}
  - {event: media_pickup, at: 4h}
monitoring: {sample_rate: 12.5%, sentiment_accuracy: 0.65, detect_above: 42.5, detect_for: 1h15m}
response_team: {spokespeople: 5, consistency: 0.55}
run: {duration: 7d, tick: 1m}
)");
  const Scenario again = Reparse(original);
  ExpectSameScenario(original, again);
  EXPECT_EQ(EmitScenarioYaml(again), EmitScenarioYaml(original));
  // Spot checks that the values survived as written, not as defaults.
  EXPECT_TRUE(again.platform.closed_groups);
  EXPECT_EQ(again.platform.forward_limit, 7u);
  EXPECT_EQ(again.dynamics.visual_debunk_boost, 2.37);
  const auto& a = again.playbooks[0].actions;
  EXPECT_EQ(a[0].trigger.kind, TriggerKind::kDetected);
  EXPECT_EQ(a[0].trigger.delay, 17u);
  EXPECT_EQ(a[0].moderators_per_hour, 33.3);
  EXPECT_EQ(a[1].trigger.metric, WatchedMetric::kReachShare);
  EXPECT_EQ(a[1].trigger.threshold, 0.123);
  EXPECT_EQ(a[1].trigger.hold, 47u);
  EXPECT_TRUE(a[1].visual);
  EXPECT_EQ(a[2].alignment, -0.75);
  EXPECT_EQ(a[3].max_recipients, 2u);
  EXPECT_EQ(a[4].factor, 0.1);
  EXPECT_EQ(a[4].trigger.threshold, 1234.5);
  EXPECT_DOUBLE_EQ(a[5].reach, 0.333);
  EXPECT_FALSE(a[6].trigger.above);
  EXPECT_EQ(a[7].every, 360u);
  EXPECT_EQ(a[7].until, 7200u);
  EXPECT_EQ(again.injects[0].outrage, 0.45);
  EXPECT_EQ(again.injects[0].trigger.delay, 90u);
  EXPECT_EQ(again.injects[1].size, 77u);
  EXPECT_EQ(again.injects[1].trigger.hold, 180u);
  EXPECT_EQ(again.monitoring.sample_rate, 0.125);
  EXPECT_EQ(again.monitoring.sentiment_accuracy, 0.65);
  EXPECT_EQ(again.monitoring.detect_above, 42.5);
  EXPECT_EQ(again.monitoring.detect_hold, 75u);
  EXPECT_EQ(again.response_team.spokespeople, 5u);
  EXPECT_EQ(again.response_team.consistency, 0.55);
}

TEST(EmitScenarioYaml, WritesEveryDynamicsKey) {
  const std::string text = EmitScenarioYaml(LoadScenario(Fixture("minimal.yaml")));
  EXPECT_THAT(text, HasSubstr("  literacy_exponent: 2\n"));
  EXPECT_THAT(text, HasSubstr("  label_belief: 0.6\n"));
  EXPECT_THAT(text, HasSubstr("  trust_recovery_half_life_hours: 48\n"));
}

// Keys written by the emitter: "  key: value" lines and "{key: ..., key: ...}" flow maps.
std::set<std::string> EmittedKeys(const std::string& text) {
  std::set<std::string> keys;
  const std::regex key(R"(([a-z_]+): )");
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("#")) continue;
    for (std::sregex_iterator it(line.begin(), line.end(), key), end; it != end; ++it)
      keys.insert((*it)[1]);
  }
  return keys;
}

TEST(ScenarioReference, DocumentsEveryKeyTheEmitterWrites) {
  std::ifstream in(SourceDir() + "/docs/scenario-reference.md");
  ASSERT_TRUE(in) << "docs/scenario-reference.md is missing";
  std::stringstream doc;
  doc << in.rdbuf();
  const std::string text = EmitScenarioYaml(LoadScenario(Fixture("full.yaml")));
  const std::set<std::string> keys = EmittedKeys(text);
  EXPECT_GT(keys.size(), 80u);
  for (const std::string& key : keys) {
    if (key == "fake_drunk" || key == "defensive_first" || key == "fast_empathy" ||
        key == "silence" || key == "on_detection")
      continue;  // playbook and narrative names from the fixture
    EXPECT_THAT(doc.str(), HasSubstr("`" + key + "`")) << "undocumented key " << key;
  }
  for (const std::string extra : {"extends", "response", "above", "below"})
    EXPECT_THAT(doc.str(), HasSubstr("`" + extra + "`"));
}

// The section of the reference from "## <title>" to the next "## " heading.
std::string DocSection(const std::string& doc, const std::string& title) {
  const auto begin = doc.find("\n## " + title + "\n");
  if (begin == std::string::npos) return {};
  const auto end = doc.find("\n## ", begin + 1);
  return doc.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

// "`1.0`" and "1" are the same default; so are "`24h`" and "1d", and "`1%`" and "\"1%\"".
bool SameDefault(std::string documented, std::string emitted) {
  const auto strip = [](std::string& t) {
    std::erase(t, '`');
    std::erase(t, '"');
  };
  strip(documented);
  strip(emitted);
  if (documented == emitted) return true;
  char* end = nullptr;
  const double a = std::strtod(documented.c_str(), &end);
  const bool a_number = !documented.empty() && *end == '\0';
  const double b = std::strtod(emitted.c_str(), &end);
  if (a_number && !emitted.empty() && *end == '\0') return a == b;
  const auto da = ParseDurationSeconds(documented), db = ParseDurationSeconds(emitted);
  return da && db && *da == *db;
}

TEST(ScenarioReference, DocumentedDefaultsMatchTheStructs) {
  std::ifstream in(SourceDir() + "/docs/scenario-reference.md");
  ASSERT_TRUE(in);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string doc = buffer.str();
  // The defaults as the loader gives them: a minimal scenario, emitted.
  const std::string text = EmitScenarioYaml(LoadScenario(Fixture("minimal.yaml")));
  const std::regex line_re(R"(^( *)(- )?([a-z_]+): (.*)$)");
  std::string section;
  int checked = 0;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (line.empty() || line[0] == '#') continue;
    if (line.back() == ':' && line[0] != ' ') {
      section = line.substr(0, line.size() - 1);
      continue;
    }
    if (!std::regex_match(line, m, line_re)) continue;
    const std::string key = m[3], value = m[4];
    const std::size_t depth = m[1].length() + m[2].length();
    const bool field = section == "narratives" ? depth == 4 : depth == 2;
    if (!field || value.starts_with("{") || value.empty()) continue;
    const std::string doc_section = DocSection(doc, section);
    ASSERT_FALSE(doc_section.empty()) << "no section '## " << section << "'";
    const auto row = doc_section.find("\n| `" + key + "` |");
    ASSERT_NE(row, std::string::npos) << section << "." << key << " has no table row";
    std::string row_text;  // "a \| b" inside a cell is not a column break
    for (std::size_t i = row + 1; i < doc_section.size() && doc_section[i] != '\n'; ++i) {
      const bool escaped_pipe = doc_section.compare(i, 2, "\\|") == 0;
      row_text += escaped_pipe ? '/' : doc_section[i];
      if (escaped_pipe) ++i;
    }
    std::vector<std::string> cells;
    std::stringstream cell_stream(row_text);
    for (std::string cell; std::getline(cell_stream, cell, '|');) {
      const auto b = cell.find_first_not_of(' '), e = cell.find_last_not_of(' ');
      cells.push_back(b == std::string::npos ? "" : cell.substr(b, e - b + 1));
    }
    // cells[0] is empty (the row starts with '|'); dynamics rows have no type column.
    const std::size_t column = section == "dynamics" ? 2 : 3;
    ASSERT_GT(cells.size(), column) << row_text;
    const std::string documented = cells[column];
    const bool literal = documented.find('`') != std::string::npos ||
                         (!documented.empty() && std::isdigit(static_cast<unsigned char>(documented[0])));
    if (!literal) continue;  // "required", "the first playbook"
    EXPECT_TRUE(SameDefault(documented, value))
        << section << "." << key << ": documented " << documented << ", struct default " << value;
    ++checked;
  }
  EXPECT_GT(checked, 60);
}

TEST(ScenarioReference, EveryDynamicsParameterHasAKey) {
  // DynamicsParams holds only doubles; the emitter writes one line per key under dynamics:.
  const std::string text = EmitScenarioYaml(LoadScenario(Fixture("minimal.yaml")));
  const auto begin = text.find("dynamics:\n");
  const auto end = text.find("playbooks:");
  ASSERT_NE(begin, std::string::npos);
  const std::string section = text.substr(begin, end - begin);
  const auto lines = std::count(section.begin(), section.end(), '\n') - 1;
  EXPECT_EQ(static_cast<std::size_t>(lines), sizeof(DynamicsParams) / sizeof(double));
}

TEST(ScenarioReference, EachDynamicsKeySetsItsOwnMember) {
  const Scenario s = ParseInline(kValidHead + R"(dynamics:
  literacy_exponent: 1.01
  confirmation_bias: 0.02
  outrage_amplification: 1.03
  adopt_without_exposure_per_hour: 0.04
  skepticism_per_hour: 0.05
  posting_outrage_boost: 1.06
  forgetting_per_hour: 0.07
  stifling_per_exposure: 0.08
  debunk_efficacy: 0.09
  backfire_probability: 0.10
  outrage_half_life_hours: 11
  outrage_per_exposure: 0.12
  silence_anger_per_hour: 0.13
  silence_ramp_hours: 14
  trust_erosion_per_hour: 0.15
  trust_recovery_half_life_hours: 16
  confidence_bound: 0.17
  convergence_rate: 0.18
  outrage_polarization: 0.19
  statement_reach: 0.20
  acknowledge_calming: 0.21
  apology_calming: 0.22
  apology_trust_gain: 0.23
  defend_anger: 0.24
  defend_trust_loss: 0.25
  transparency_trust_gain: 0.26
  takedown_backlash: 0.27
  label_visibility: 0.28
  label_belief: 0.29
  argue_anger: 0.30
  remedial_trust_gain: 0.31
  remedial_calming: 0.32
  compensation_trust_gain: 0.33
  compensation_calming: 0.34
  inconsistency_trust_loss: 0.35
  visual_debunk_boost: 1.36
  emergency_efficacy: 0.37
)");
  const DynamicsParams& d = s.dynamics;
  EXPECT_EQ(d.literacy_exponent, 1.01);
  EXPECT_EQ(d.confirmation_bias, 0.02);
  EXPECT_EQ(d.outrage_amplification, 1.03);
  EXPECT_EQ(d.adopt_without_exposure_per_hour, 0.04);
  EXPECT_EQ(d.skepticism_per_hour, 0.05);
  EXPECT_EQ(d.posting_outrage_boost, 1.06);
  EXPECT_EQ(d.forgetting_per_hour, 0.07);
  EXPECT_EQ(d.stifling_per_exposure, 0.08);
  EXPECT_EQ(d.debunk_efficacy, 0.09);
  EXPECT_EQ(d.backfire_probability, 0.10);
  EXPECT_EQ(d.outrage_half_life_hours, 11);
  EXPECT_EQ(d.outrage_per_exposure, 0.12);
  EXPECT_EQ(d.silence_anger_per_hour, 0.13);
  EXPECT_EQ(d.silence_ramp_hours, 14);
  EXPECT_EQ(d.trust_erosion_per_hour, 0.15);
  EXPECT_EQ(d.trust_recovery_half_life_hours, 16);
  EXPECT_EQ(d.confidence_bound, 0.17);
  EXPECT_EQ(d.convergence_rate, 0.18);
  EXPECT_EQ(d.outrage_polarization, 0.19);
  EXPECT_EQ(d.statement_reach, 0.20);
  EXPECT_EQ(d.acknowledge_calming, 0.21);
  EXPECT_EQ(d.apology_calming, 0.22);
  EXPECT_EQ(d.apology_trust_gain, 0.23);
  EXPECT_EQ(d.defend_anger, 0.24);
  EXPECT_EQ(d.defend_trust_loss, 0.25);
  EXPECT_EQ(d.transparency_trust_gain, 0.26);
  EXPECT_EQ(d.takedown_backlash, 0.27);
  EXPECT_EQ(d.label_visibility, 0.28);
  EXPECT_EQ(d.label_belief, 0.29);
  EXPECT_EQ(d.argue_anger, 0.30);
  EXPECT_EQ(d.remedial_trust_gain, 0.31);
  EXPECT_EQ(d.remedial_calming, 0.32);
  EXPECT_EQ(d.compensation_trust_gain, 0.33);
  EXPECT_EQ(d.compensation_calming, 0.34);
  EXPECT_EQ(d.inconsistency_trust_loss, 0.35);
  EXPECT_EQ(d.visual_debunk_boost, 1.36);
  EXPECT_EQ(d.emergency_efficacy, 0.37);
}

}  // namespace
}  // namespace firestorm
