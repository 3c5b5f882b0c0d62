// The scenario side of the classic models: the `model:` section (parsing, errors, the emitted
// effective scenario and its documentation), graph.cache, a classic run written to HDF5 through
// RunScenario, and the memory estimate that guards every run.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "classic_test_util.hpp"
#include "sim/core/error.hpp"
#include "sim/graph/stored_graph.hpp"
#include "sim/io/config_yaml.hpp"
#include "sim/io/hdf5_reader.hpp"
#include "sim/io/memory_estimate.hpp"
#include "sim/io/run_scenario.hpp"

namespace firestorm {
namespace {

using ::testing::HasSubstr;

std::string SourceDir() { return FIRESTORM_SOURCE_DIR; }

std::filesystem::path TestDir() {
  const char* root = std::getenv("FIRESTORM_TEST_TMP");
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir = root ? root : ::testing::TempDir();
  dir /= std::string("classic_") + info->test_suite_name() + "_" + info->name();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

Scenario Parse(const std::string& yaml, const std::string& dir = "/tmp") {
  return ParseScenario(yaml, "model.yaml", dir);
}

std::string ErrorOf(const std::string& yaml) {
  try {
    Parse(yaml);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error for\n" << yaml;
  return {};
}

TEST(ModelSection, SelectsAModelWithoutNarratives) {
  const Scenario s = Parse(
      "name: sir\n"
      "graph: {generator: barabasi_albert, agents: 1000}\n"
      "model: {kind: sir, beta: 0.2, gamma: 0.5, initial_infected: 3, max_ticks: 77}\n");
  EXPECT_EQ(s.model.kind, ClassicModelKind::kSir);
  EXPECT_EQ(s.model.beta, 0.2);
  EXPECT_EQ(s.model.gamma, 0.5);
  EXPECT_EQ(s.model.initial_infected, 3u);
  EXPECT_EQ(s.model.max_ticks, 77u);
  EXPECT_TRUE(s.narratives.empty());
  // Without a model the crisis model still needs its narratives.
  EXPECT_THAT(ErrorOf("name: x\n"), HasSubstr("at least one narrative"));
}

TEST(ModelSection, RejectsUnknownKindsKeysAndRanges) {
  EXPECT_THAT(ErrorOf("name: x\nmodel: {kind: sri}\n"), HasSubstr("sir"));
  EXPECT_THAT(ErrorOf("name: x\nmodel: {kind: sir, betta: 0.1}\n"), HasSubstr("beta"));
  EXPECT_THAT(ErrorOf("name: x\nmodel: {kind: sir, beta: 1.5}\n"), HasSubstr("model.beta"));
  EXPECT_THAT(ErrorOf("name: x\nmodel: {kind: voter, opinions: 1}\n"), HasSubstr("model.opinions"));
}

TEST(ModelSection, EffectiveScenarioRoundTripsTheModelAndTheCache) {
  const Scenario s = Parse(
      "name: rumor\n"
      "graph: {generator: erdos_renyi, agents: 500, mean_followers: 4, cache: cache_dir}\n"
      "model: {kind: maki_thompson, contact_probability: 0.25, initial_infected: 2}\n",
      "/tmp/some/folder");
  EXPECT_EQ(s.graph.cache, "/tmp/some/folder/cache_dir");
  const std::string text = EmitScenarioYaml(s);
  EXPECT_THAT(text, HasSubstr("model:\n  kind: maki_thompson\n"));
  EXPECT_THAT(text, HasSubstr("  cache: \"/tmp/some/folder/cache_dir\"\n"));
  const Scenario again = ParseScenario(text, "effective.yaml", "/elsewhere");
  EXPECT_EQ(again.model.kind, s.model.kind);
  EXPECT_EQ(again.model.contact_probability, 0.25);
  EXPECT_EQ(again.model.initial_infected, 2u);
  EXPECT_EQ(again.graph.cache, s.graph.cache);
  EXPECT_EQ(EmitScenarioYaml(again), text);
  // A crisis scenario writes no model section.
  EXPECT_THAT(EmitScenarioYaml(Parse("name: c\nnarratives: [{id: r}]\n")), ::testing::Not(HasSubstr("model:")));
}

// Every key the emitter writes under model: has a row in docs/scenario-reference.md's
// "## model" section, with the struct's default.
TEST(ModelSection, EveryKeyIsDocumentedWithItsDefault) {
  std::ifstream in(SourceDir() + "/docs/scenario-reference.md");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string doc = buffer.str();
  const auto begin = doc.find("\n## model\n");
  ASSERT_NE(begin, std::string::npos);
  const std::string section = doc.substr(begin, doc.find("\n## ", begin + 1) - begin);
  ClassicModelSpec defaults;
  defaults.kind = ClassicModelKind::kSir;
  Scenario s = Parse("name: d\nmodel: {kind: sir}\n");
  const std::string text = EmitScenarioYaml(s);
  const std::string model = text.substr(text.find("model:\n"));
  const std::regex line(R"(^  ([a-z_0-9]+): (.*)$)");
  std::istringstream lines(model);
  int checked = 0;
  for (std::string l; std::getline(lines, l);) {
    std::smatch m;
    if (!std::regex_match(l, m, line) || m[1] == "kind") continue;
    const auto row = section.find("\n| `" + m[1].str() + "` |");
    ASSERT_NE(row, std::string::npos) << "model." << m[1] << " is not documented";
    const std::string row_text = section.substr(row, section.find('\n', row + 1) - row);
    std::string expected = "`";
    expected.append(m[2].str());
    EXPECT_NE(row_text.find(expected), std::string::npos) << "default of model." << m[1];
    ++checked;
  }
  EXPECT_EQ(checked, 15);
}

TEST(ClassicRun, WritesTheRunFileIdenticallyForAnyThreadCount) {
  const std::filesystem::path dir = TestDir();
  const Scenario s = Parse(
      "name: sir run\n"
      "graph: {generator: barabasi_albert, agents: 5000, attach_edges: 3, cache: cache}\n"
      "model: {kind: sir, beta: 0.1, gamma: 0.2, initial_infected: 5}\n"
      "run: {seed: 3}\n",
      dir.string());
  std::vector<std::string> files;
  for (int threads : {1, 2}) {
    RunOptions options;
    options.threads = threads;
    options.output = (dir / ("run" + std::to_string(threads) + ".h5")).string();
    const RunResult r = RunScenario(s, options);
    EXPECT_TRUE(r.complete);
    EXPECT_THAT(r.model_summary, HasSubstr("sir"));
    files.push_back(r.output);
  }
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir / "cache"), {}), 1);
  const Hdf5Reader a(files[0]), b(files[1]);
  EXPECT_EQ(a.ReadAttribute<std::string>("/", "format"), "firestorm-classic-run");
  EXPECT_EQ(a.ReadAttribute<std::string>("/provenance", "model"), "sir");
  EXPECT_EQ(a.Read<std::string>("/labels/compartment_names"),
            (std::vector<std::string>{"S", "I", "R"}));
  const auto counts = a.Read<std::uint64_t>("/timeseries/compartment_counts");
  const auto shape = a.Shape("/timeseries/compartment_counts");
  ASSERT_EQ(shape.size(), 2u);
  EXPECT_EQ(shape[1], 3u);
  for (std::uint64_t t = 0; t < shape[0]; ++t)
    EXPECT_EQ(counts[3 * t] + counts[3 * t + 1] + counts[3 * t + 2], 5000u);
  EXPECT_EQ(counts, b.Read<std::uint64_t>("/timeseries/compartment_counts"));
  EXPECT_EQ(a.Read<std::uint8_t>("/agents/final_state"), b.Read<std::uint8_t>("/agents/final_state"));
  EXPECT_EQ(a.Read<std::uint32_t>("/agents/event_tick"), b.Read<std::uint32_t>("/agents/event_tick"));
  EXPECT_EQ(a.Read<std::uint32_t>("/graph/followers").size(),
            a.ReadAttribute<std::uint64_t>("/graph", "edges"));
  EXPECT_EQ(a.ReadAttribute<std::int32_t>("/provenance/runtime", "graph_cache_hit"), 0);
  EXPECT_EQ(b.ReadAttribute<std::int32_t>("/provenance/runtime", "graph_cache_hit"), 1);
}

TEST(MemoryEstimate, CountsTheGraphAndRefusesWhatDoesNotFit) {
  Scenario s = Parse(
      "name: big\n"
      "graph: {generator: echo_chambers, agents: 10_000_000, mean_followers: 50}\n"
      "model: {kind: sir}\n");
  const MemoryEstimate e = EstimateMemory(s);
  EXPECT_EQ(e.edges, 500'000'000u);
  EXPECT_NEAR(double(e.graph_bytes), 2.12e9, 0.05e9);  // 4 bytes per edge + 12 per agent
  EXPECT_GE(e.peak_bytes, e.graph_bytes);
  // Generating echo chambers keeps each edge's author (4 bytes) beside the CSR for a moment,
  // where that fits; otherwise the generator draws each edge twice and needs no more.
  EXPECT_EQ(e.build_peak_bytes >= e.graph_bytes + 4 * e.edges,
            EchoChambersKeepAuthors(e.agents, e.edges, e.available_bytes));
  EXPECT_THAT(FormatMemoryEstimate(e), HasSubstr("follower edges      500000000"));
  // The crisis engine's population and per-narrative state: more than the classic path.
  Scenario crisis = Parse(
      "name: big\n"
      "graph: {generator: echo_chambers, agents: 10_000_000, mean_followers: 50}\n"
      "narratives: [{id: r}]\n");
  EXPECT_GT(EstimateMemory(crisis).run_bytes, e.run_bytes);
  s.graph.agents = 3'900'000'000;  // about 8 TB of edges
  try {
    CheckMemory(s);
    ADD_FAILURE() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_THAT(error.what(), HasSubstr("needs an estimated"));
    EXPECT_THAT(error.what(), HasSubstr("available"));
    EXPECT_THAT(error.what(), HasSubstr("--dry-run"));
  }
}

}  // namespace
}  // namespace firestorm
