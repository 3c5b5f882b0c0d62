// End to end on a real (small) run file: what analysis reads back from the file equals what
// the engine had in memory, the /analysis group round-trips, and writing is all or nothing.
#include "analysis/analyze/run_analysis.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "analysis/io/hdf5_file_writer.hpp"
#include "analysis_test_support.hpp"
#include "sim/core/error.hpp"
#include "sim/dynamics/simulation.hpp"
#include "sim/io/run_scenario.hpp"

namespace firestorm {
namespace {

namespace fs = std::filesystem;

class RunAnalysisTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::ScratchDir();
    scenario_ = testing::SmallScenario();
    RunOptions options;
    options.output = (dir_ / "small.h5").string();
    options.threads = 1;
    RunScenario(scenario_, options);
    path_ = options.output;
  }
  fs::path dir_;
  Scenario scenario_;
  std::string path_;
};

void ExpectSameMetric(double a, double b, std::string_view name) {
  if (std::isnan(a) || std::isnan(b)) {
    EXPECT_TRUE(std::isnan(a) && std::isnan(b)) << name;
  } else {
    EXPECT_DOUBLE_EQ(a, b) << name;
  }
}

TEST_F(RunAnalysisTest, FileGivesTheSameMetricsAndCascadesAsTheEngine) {
  Simulation sim(scenario_, BuildScenarioWorld(scenario_));
  while (!sim.done()) sim.Step();
  const auto expected = AsArray(ComputeCrisisMetrics(sim.record(), sim.narratives(),
                                                     sim.population().num_agents(), scenario_.run.tick_seconds));
  const Hdf5Reader file = Hdf5Reader::OpenRun(path_);
  const RunFile run = LoadRunFile(file);
  const RunAnalysis a = AnalyzeRun(file, run);
  const auto got = AsArray(a.crisis);
  for (std::size_t i = 0; i < got.size(); ++i) ExpectSameMetric(got[i], expected[i], kCrisisMetricNames[i]);
  EXPECT_DOUBLE_EQ(a.crisis.time_to_first_response_h, 20.0 / 60.0);  // acknowledge at 20m

  const CascadeRecord cascade = ExtractCascade(sim.population());
  ASSERT_EQ(a.cascades.size(), sim.narratives().size());
  const auto trees = ComputeCascadeTrees(cascade, 0);
  ASSERT_EQ(a.cascades[0].trees.size(), trees.size());
  std::uint64_t nodes = 0;
  for (std::size_t t = 0; t < trees.size(); ++t) {
    EXPECT_EQ(a.cascades[0].trees[t].root, trees[t].root);
    EXPECT_EQ(a.cascades[0].trees[t].size, trees[t].size);
    nodes += trees[t].size;
  }
  EXPECT_EQ(nodes, a.cascades[0].exposures);  // the trees cover every exposure
  EXPECT_GT(a.cascades[0].size.max, 15);      // the crisis spread beyond its seeds
}

TEST_F(RunAnalysisTest, EchoChambersShowInTheMeasures) {
  const Hdf5Reader file = Hdf5Reader::OpenRun(path_);
  const RunFile run = LoadRunFile(file);
  const RunAnalysis a = AnalyzeRun(file, run);
  EXPECT_GT(a.community_assortativity, 0.5);  // homophily 0.9
  ASSERT_EQ(a.polarization.tick.size(), 4u);  // every 30 minutes for 2 hours
  EXPECT_DOUBLE_EQ(a.polarization.hours.front(), 0.5);
  for (std::size_t s = 0; s < a.polarization.tick.size(); ++s) {
    EXPECT_GT(a.polarization.neighbour_correlation[s], 0.5);  // opinions follow the chambers
    EXPECT_GT(a.polarization.opinion_variance[s], 0.0);
    EXPECT_GT(a.polarization.esteban_ray[s], 0.0);
  }
}

TEST_F(RunAnalysisTest, AnalysisGroupRoundTripsAndReplacesAnEarlierOne) {
  RunAnalysis a;
  {
    const Hdf5Reader file = Hdf5Reader::OpenRun(path_);
    a = AnalyzeRun(file, LoadRunFile(file));
  }
  const auto outrage_before = Hdf5Reader::OpenRun(path_).Read<double>("/timeseries/outrage_mean");
  WriteAnalysisToRunFile(path_, a);
  WriteAnalysisToRunFile(path_, a);  // a second analysis replaces the first
  EXPECT_FALSE(fs::exists(path_ + ".tmp"));

  const Hdf5Reader f = Hdf5Reader::OpenRun(path_);  // still a valid run file
  EXPECT_EQ(f.Read<double>("/timeseries/outrage_mean"), outrage_before);
  EXPECT_EQ(f.ReadAttribute<std::uint32_t>("/analysis", "format_version"), 1u);
  const auto names = f.Read<std::string>("/analysis/crisis/names");
  const auto values = f.Read<double>("/analysis/crisis/values");
  ASSERT_EQ(names.size(), kCrisisMetricNames.size());
  const auto expected = AsArray(a.crisis);
  for (std::size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(names[i], kCrisisMetricNames[i]);
    ExpectSameMetric(values[i], expected[i], names[i]);
  }
  EXPECT_EQ(f.Shape("/analysis/cascades/summary"),
            (std::vector<std::uint64_t>{a.cascades.size(), CascadeSummaryNames().size()}));
  EXPECT_EQ(f.Read<std::uint64_t>("/analysis/cascades/size").size(),
            a.cascades[0].trees.size() + a.cascades[1].trees.size());
  EXPECT_EQ(f.Read<std::uint32_t>("/analysis/polarization/tick"), a.polarization.tick);
  EXPECT_DOUBLE_EQ(f.ReadAttribute<double>("/analysis/echo_chambers", "community_assortativity"),
                   a.community_assortativity);
}

TEST_F(RunAnalysisTest, AnEditWithoutCommitLeavesTheFileAsItWas) {
  std::ifstream before_stream(path_, std::ios::binary);
  const std::string before((std::istreambuf_iterator<char>(before_stream)), {});
  {
    Hdf5FileWriter w = Hdf5FileWriter::Edit(path_);
    w.Write("/analysis/partial", std::vector<double>{1, 2, 3});
    EXPECT_TRUE(fs::exists(path_ + ".tmp"));
  }  // destroyed without Commit(): as if interrupted
  EXPECT_FALSE(fs::exists(path_ + ".tmp"));
  std::ifstream after_stream(path_, std::ios::binary);
  const std::string after((std::istreambuf_iterator<char>(after_stream)), {});
  EXPECT_EQ(before, after);
}

TEST(Hdf5FileWriter, WritesEveryTypeAndRefusesToReplaceWithoutForce) {
  const fs::path dir = testing::ScratchDir();
  const std::string path = (dir / "t.h5").string();
  {
    Hdf5FileWriter w = Hdf5FileWriter::Create(path, false);
    w.WriteAttribute("/", "format", "test");
    w.Write("/a/b/u8", std::vector<std::uint8_t>{1, 2});
    w.Write("/a/u64", std::vector<std::uint64_t>{1, 2, 3, 4, 5, 6}, {2, 3});
    w.Write("/a/f32", std::vector<float>(5000, 0.5f));  // large enough to be compressed
    w.WriteStrings("/a/names", {"x", "longer name", ""});
    w.WriteScalarString("/a/text", "hello");
    w.WriteAttribute<double>("/a/u64", "scale", 2.5);
    EXPECT_FALSE(fs::exists(path));  // nothing at the destination before Commit
    w.Commit();
  }
  const Hdf5Reader f(path);
  EXPECT_EQ(f.ReadAttribute<std::string>("/", "format"), "test");
  EXPECT_EQ(f.Read<std::uint8_t>("/a/b/u8"), (std::vector<std::uint8_t>{1, 2}));
  EXPECT_EQ(f.Shape("/a/u64"), (std::vector<std::uint64_t>{2, 3}));
  EXPECT_EQ(f.ReadRows<std::uint64_t>("/a/u64", 1, 1), (std::vector<std::uint64_t>{4, 5, 6}));
  EXPECT_EQ(f.Read<float>("/a/f32"), std::vector<float>(5000, 0.5f));
  EXPECT_EQ(f.Read<std::string>("/a/names"), (std::vector<std::string>{"x", "longer name", ""}));
  EXPECT_EQ(f.Read<std::string>("/a/text"), (std::vector<std::string>{"hello"}));
  EXPECT_DOUBLE_EQ(f.ReadAttribute<double>("/a/u64", "scale"), 2.5);
  EXPECT_THROW(Hdf5FileWriter::Create(path, false), OutputError);
  EXPECT_THROW(Hdf5FileWriter::Edit((dir / "missing.h5").string()), InputError);
}

}  // namespace
}  // namespace firestorm
