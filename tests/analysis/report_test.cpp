// `firestorm report` on a run of the default scenario and on a small synthetic sweep file:
// the page is self-contained, has every section, and headless Chromium renders it with every
// chart and no console message (skipped when Chromium is not installed).
#include "analysis/report/report.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "analysis/io/hdf5_file_writer.hpp"
#include "analysis/metrics/crisis_metrics.hpp"
#include "analysis_test_support.hpp"
#include "sim/core/error.hpp"

namespace firestorm {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A sweep of 3 strategies x 4 replicates x 50 ticks, 2 narratives (the crisis and the
// official one). Strategy v has peak_outrage 0.3 - 0.1 v, so "late" (v = 2) ranks first.
void WriteSyntheticSweep(const std::string& path) {
  const std::size_t V = 3, R = 4, T = 50, N = 2;
  std::vector<std::string> metrics(kCrisisMetricNames.begin(), kCrisisMetricNames.end());
  metrics.push_back("p_outrage_above_threshold");  // a metric the report does not know
  const std::size_t M = metrics.size();
  std::vector<double> values, mean, low, high, outrage, trust, time_seconds;
  std::vector<std::uint32_t> spreaders;
  std::vector<std::uint64_t> reach;
  for (std::size_t v = 0; v < V; ++v) {
    for (std::size_t r = 0; r < R; ++r)
      for (std::size_t m = 0; m < M; ++m) values.push_back(m == 0 ? 0.3 - 0.1 * v + 0.01 * r : 0.5 + 0.01 * r);
    for (std::size_t m = 0; m < M; ++m) {
      const double centre = m == 0 ? 0.3 - 0.1 * v + 0.015 : 0.515;
      mean.push_back(m == 1 ? std::nan("") : centre);  // a NaN mean must not break the page
      low.push_back(centre - 0.02);
      high.push_back(centre + 0.02);
    }
    for (std::size_t r = 0; r < R; ++r)
      for (std::size_t t = 0; t < T; ++t) {
        const double x = static_cast<double>(t) / T;
        outrage.push_back((0.3 - 0.1 * v) * x * (1 - x) * 4 + 0.01 * r);
        trust.push_back(0.6 - 0.05 * x * (1 + v) - 0.005 * r);
        spreaders.insert(spreaders.end(), {static_cast<std::uint32_t>(100 * x * (3 - v) + r), 3});
        reach.insert(reach.end(), {static_cast<std::uint64_t>(500 * x + r), 10});
      }
  }
  for (std::size_t t = 0; t < T; ++t) time_seconds.push_back((t + 1.0) * 600);
  Hdf5FileWriter w = Hdf5FileWriter::Create(path, true);
  w.WriteAttribute("/", "format", "firestorm-sweep");
  w.WriteAttribute<std::uint32_t>("/", "format_version", 1);
  w.CreateGroup("/provenance");
  w.WriteAttribute("/provenance", "scenario_name", "Synthetic sweep <test>");
  w.WriteAttribute<std::uint64_t>("/provenance", "seed", 7);
  w.WriteAttribute<double>("/provenance", "tick_seconds", 600.0);
  w.WriteScalarString("/provenance/scenario_yaml", "name: not: valid: yaml: [");
  w.WriteStrings("/labels/narrative_ids", {"rumor", "official"});
  w.WriteStrings("/variants/name", {"silence", "early", "late"});
  w.WriteStrings("/metrics/names", metrics);
  w.Write("/metrics/values", values, {V, R, M});
  w.Write("/summary/mean", mean, {V, M});
  w.Write("/summary/ci_low", low, {V, M});
  w.Write("/summary/ci_high", high, {V, M});
  w.Write("/timeseries/time_seconds", time_seconds);
  w.Write("/timeseries/outrage_mean", outrage, {V, R, T});
  w.Write("/timeseries/trust_mean", trust, {V, R, T});
  w.Write("/timeseries/spreaders", spreaders, {V, R, T, N});
  w.Write("/timeseries/reach", reach, {V, R, T, N});
  w.Commit();
}

bool HaveChromium() { return testing::Shell("command -v chromium").exit_code == 0; }

struct Rendered {
  std::string dom;
  std::string console;  // the browser's console messages, one per line
};

// Loads the page in headless Chromium with a fresh profile and no network features.
Rendered RenderInChromium(const fs::path& page, const fs::path& dir) {
  const fs::path profile = dir / "chromium-profile";
  fs::remove_all(profile);
  const std::string command =
      "chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
      "--disable-background-networking --disable-component-update --disable-sync "
      "--user-data-dir=" + profile.string() + " --enable-logging=stderr --v=0 --virtual-time-budget=5000 "
      "--dump-dom file://" + fs::absolute(page).string() + " > " + (dir / "dom.html").string() + " 2> " +
      (dir / "chromium.log").string();
  testing::Shell(command);
  Rendered r;
  r.dom = ReadText(dir / "dom.html");
  std::istringstream log(ReadText(dir / "chromium.log"));
  for (std::string line; std::getline(log, line);)
    if (line.find(":CONSOLE") != std::string::npos) r.console += line + "\n";
  return r;
}

int ChartsDrawn(const std::string& dom) {
  std::smatch m;
  return std::regex_search(dom, m, std::regex("data-charts=\"([0-9]+)\"")) ? std::stoi(m[1]) : -1;
}

void ExpectSelfContained(const std::string& page) {
  EXPECT_THAT(page, HasSubstr("Chart.js v4"));  // the library is inlined
  EXPECT_THAT(page, Not(HasSubstr("src=\"http")));
  EXPECT_THAT(page, Not(HasSubstr("href=\"http")));
  EXPECT_THAT(page, Not(HasSubstr("sourceMappingURL")));
}

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::ScratchDir(); }
  fs::path dir_;
};

TEST_F(ReportTest, DefaultScenarioRunRendersEverySectionWithoutErrors) {
  const std::string run = (dir_ / "default.h5").string(), page = (dir_ / "default.html").string();
  const auto made = testing::Shell(std::string(FIRESTORM_BINARY) + " run " + FIRESTORM_SOURCE_DIR +
                                   "/scenarios/default.yaml --agents 20000 --ticks 300 -q -o " + run);
  ASSERT_EQ(made.exit_code, 0) << made.output;
  const auto report = testing::Shell(std::string(FIRESTORM_BINARY) + " report " + run + " -o " + page);
  ASSERT_EQ(report.exit_code, 0) << report.output;
  const std::string html = ReadText(page);
  ExpectSelfContained(html);
  for (const std::string_view id : kRunReportSections) EXPECT_THAT(html, HasSubstr("<section id=\"" + std::string(id) + "\""));
  EXPECT_THAT(html, HasSubstr("defend"));  // the action taken at 2h is on the timeline

  if (!HaveChromium()) GTEST_SKIP() << "chromium is not installed (Debian package chromium)";
  const Rendered r = RenderInChromium(page, dir_);
  EXPECT_THAT(r.dom, HasSubstr("data-report-status=\"ok\""));
  EXPECT_EQ(ChartsDrawn(r.dom), 10);
  EXPECT_EQ(r.console, "");
  for (const std::string_view id : kRunReportSections) EXPECT_THAT(r.dom, HasSubstr("<section id=\"" + std::string(id) + "\""));
}

TEST_F(ReportTest, SweepRendersFanChartsAndRanksStrategies) {
  const std::string sweep = (dir_ / "sweep.h5").string(), page = (dir_ / "sweep.html").string();
  WriteSyntheticSweep(sweep);
  const std::string html = RenderReport(sweep);
  WriteReportFile(page, html, false);
  ExpectSelfContained(html);
  for (const std::string_view id : kSweepReportSections) EXPECT_THAT(html, HasSubstr("<section id=\"" + std::string(id) + "\""));
  EXPECT_THAT(html, HasSubstr("Synthetic sweep &lt;test&gt;"));  // escaped
  // Ranked by peak outrage, lowest first: late, early, silence.
  const std::size_t ranking = html.find("<section id=\"ranking\"");
  const std::size_t late = html.find("<b>late</b>", ranking), early = html.find("<b>early</b>", ranking),
                    silence = html.find("<b>silence</b>", ranking);
  EXPECT_LT(late, early);
  EXPECT_LT(early, silence);
  EXPECT_THROW(WriteReportFile(page, html, false), OutputError);  // exists, no --force

  if (!HaveChromium()) GTEST_SKIP() << "chromium is not installed (Debian package chromium)";
  const Rendered r = RenderInChromium(page, dir_);
  EXPECT_THAT(r.dom, HasSubstr("data-report-status=\"ok\""));
  EXPECT_EQ(ChartsDrawn(r.dom), 3 + 5);  // three fan charts, five key-metric interval charts
  EXPECT_EQ(r.console, "");
}

TEST_F(ReportTest, RejectsFilesItCannotReport) {
  const std::string other = (dir_ / "other.h5").string(), sweep = (dir_ / "sweep.h5").string();
  {
    Hdf5FileWriter w = Hdf5FileWriter::Create(other, true);
    w.Write("/x", std::vector<double>{1});
    w.Commit();
  }
  EXPECT_THROW(RenderReport(other), InputError);
  WriteSyntheticSweep(sweep);
  ReportOptions options;
  options.rank_by = "no_such_metric";
  EXPECT_THROW(RenderReport(sweep, options), InputError);
}

}  // namespace
}  // namespace firestorm
