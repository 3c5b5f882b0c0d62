// Calibration against Twitter15: the shipped trees reproduce the published per-label
// statistics, the simulated adoption trees are what they claim, and `firestorm calibrate`
// runs end to end on a tiny budget.
#include "analysis/calibration/calibrate.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "analysis/metrics/distribution.hpp"
#include "analysis_test_support.hpp"
#include "sim/core/error.hpp"

namespace firestorm {
namespace {

using ::testing::HasSubstr;

TEST(Twitter15, ShippedTreesMatchThePublishedStatistics) {
  const auto trees = LoadTwitter15Trees(Twitter15TreesPath(DefaultCalibrationDataDir()));
  ASSERT_EQ(trees.size(), 1490u);
  // Per label: trees, mean size, mean depth, mean structural virality, as in
  // /work/shared/data/twitter15/PROVENANCE.md (computed there independently, in Python).
  struct Published {
    std::size_t trees;
    double size, depth, virality;
  };
  const std::map<std::string, Published> published = {{"false", {370, 356, 3.61, 2.53}},
                                                      {"true", {372, 328, 3.46, 2.46}},
                                                      {"unverified", {374, 285, 3.67, 2.59}},
                                                      {"non-rumor", {374, 638, 3.82, 2.46}}};
  for (const auto& [label, p] : published) {
    std::vector<double> size, depth, virality;
    for (const LabelledTree& t : trees)
      if (t.label == label) {
        size.push_back(static_cast<double>(t.stats.size));
        depth.push_back(t.stats.depth);
        virality.push_back(t.stats.structural_virality);
      }
    EXPECT_EQ(size.size(), p.trees) << label;
    EXPECT_NEAR(Summarize(size).mean, p.size, 0.5) << label;
    EXPECT_NEAR(Summarize(depth).mean, p.depth, 0.005) << label;
    // A node reached twice may get another parent depending on the traversal order, which
    // moves a mean virality by up to 0.01 (the published figures use a different BFS order).
    EXPECT_NEAR(Summarize(virality).mean, p.virality, 0.015) << label;
  }
}

TEST(Twitter15, MalformedLinesAreReportedWithTheirLineNumber) {
  const auto dir = testing::ScratchDir();
  const std::string path = (dir / "bad.txt").string();
  std::ofstream(path) << "# comment\nfalse 1 3 0 0\ntrue 2 3 0 5\n";
  try {
    LoadTwitter15Trees(path);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 3);
    EXPECT_THAT(e.what(), HasSubstr("not an earlier node"));
  }
}

TEST(CompareSamples, IdenticalSamplesFitPerfectlyAndTooFewTreesFitWorst) {
  CascadeSample real;
  for (int i = 0; i < 20; ++i) {
    real.size.push_back(50 + i);
    real.depth.push_back(i % 4);
    real.virality.push_back(2 + 0.1 * i);
  }
  const Fit same = CompareSamples(real, real);
  EXPECT_DOUBLE_EQ(same.objective, 0.0);
  CascadeSample few = real;
  few.size.resize(kMinTrees - 1);
  few.depth.resize(kMinTrees - 1);
  few.virality.resize(kMinTrees - 1);
  EXPECT_DOUBLE_EQ(CompareSamples(few, real).objective, 1.0);
}

Scenario TinyCalibrationScenario(double share_probability) {
  Scenario s = LoadScenario(DefaultCalibrationScenario());
  s.graph.agents = 1500;
  s.run.ticks = 48;
  s.narratives.front().share_probability = share_probability;
  return s;
}

TEST(SimulateAdoptionTrees, WithoutSharingEveryTreeIsItsSeed) {
  const auto trees = SimulateAdoptionTrees(TinyCalibrationScenario(0.0), 12);
  ASSERT_EQ(trees.size(), 12u);  // one single-seed tree per cascade
  for (const TreeStats& t : trees) EXPECT_EQ(t.size, 1u);
}

TEST(SimulateAdoptionTrees, SharingGrowsTrees) {
  const auto trees = SimulateAdoptionTrees(TinyCalibrationScenario(0.3), 12);
  ASSERT_EQ(trees.size(), 12u);
  std::uint64_t largest = 0;
  for (const TreeStats& t : trees) largest = std::max(largest, t.size);
  EXPECT_GT(largest, 10u);
}

TEST(Calibrate, NeverEndsWorseThanItStartedAndRecordsEveryEvaluation) {
  CalibrationOptions o;
  o.agents = 1500;
  o.cascades = 16;
  o.parameters = {"share_probability"};
  o.rounds = 1;
  o.max_evaluations = 5;
  o.min_size = 5;
  const CalibrationResult r = Calibrate(o);
  EXPECT_EQ(r.real_trees, 1490u);
  EXPECT_LE(r.after.fit.objective, r.before.fit.objective);
  EXPECT_GE(r.history.size(), 2u);
  EXPECT_LE(r.history.size(), 5u);
  EXPECT_EQ(r.history.front().parameters.front().value, 0.05);  // the scenario's own value first
  EXPECT_EQ(r.after_sample.size.size(), r.after.kept);          // the "after" sample is the best one
}

TEST(CalibrateCommand, RunsEndToEndOnATinyBudget) {
  const auto dir = testing::ScratchDir();
  const std::string csv = (dir / "samples.csv").string();
  const auto r = testing::Shell(std::string(FIRESTORM_BINARY) +
                                " calibrate --agents 1500 --cascades 16 --parameters share_probability,attention"
                                " --rounds 1 --max-evaluations 4 --min-size 5 --samples-csv " + csv);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("KS distance"));
  EXPECT_THAT(r.output, HasSubstr("structural virality"));
  std::ifstream in(csv);
  std::string header;
  std::getline(in, header);
  EXPECT_EQ(header, "sample,size,depth,structural_virality");
  const auto json = testing::Shell(std::string(FIRESTORM_BINARY) +
                                   " calibrate --agents 1500 --cascades 16 --parameters share_probability"
                                   " --rounds 1 --max-evaluations 3 --min-size 5 --json");
  ASSERT_EQ(json.exit_code, 0) << json.output;
  EXPECT_THAT(json.output, HasSubstr("\"after\""));
  const auto bad = testing::Shell(std::string(FIRESTORM_BINARY) + " calibrate --parameters nonsense");
  EXPECT_EQ(bad.exit_code, 3) << bad.output;
}

}  // namespace
}  // namespace firestorm
