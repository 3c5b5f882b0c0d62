// The Python examples in analysis/python run on a real run file with the system's Python
// (/usr/bin/python3). Skipped when h5py, pandas or matplotlib is missing there.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "analysis_test_support.hpp"

namespace firestorm {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr char kPython[] = "/usr/bin/python3";

bool HavePythonModules() {
  return testing::Shell(std::string(kPython) + " -c 'import h5py, pandas, matplotlib'").exit_code == 0;
}

std::string Script(const std::string& name) { return std::string(FIRESTORM_SOURCE_DIR) + "/analysis/python/" + name; }

class PythonExamples : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!HavePythonModules()) GTEST_SKIP() << kPython << " lacks h5py, pandas or matplotlib";
    dir_ = testing::ScratchDir();
    run_ = (dir_ / "run.h5").string();
    const auto made = testing::Shell(std::string(FIRESTORM_BINARY) + " run " + FIRESTORM_SOURCE_DIR +
                                     "/scenarios/default.yaml --agents 3000 --ticks 240 -q -o " + run_);
    ASSERT_EQ(made.exit_code, 0) << made.output;
  }
  fs::path dir_;
  std::string run_;
};

TEST_F(PythonExamples, PandasExampleLoadsTheRunAndTheAnalysisGroup) {
  const auto analyzed = testing::Shell(std::string(FIRESTORM_BINARY) + " analyze " + run_);
  ASSERT_EQ(analyzed.exit_code, 0) << analyzed.output;
  const std::string png = (dir_ / "timeline.png").string();
  const auto r = testing::Shell(std::string(kPython) + " " + Script("pandas_example.py") + " " + run_ + " -o " + png);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("spreaders:video"));
  EXPECT_THAT(r.output, HasSubstr("defend"));            // the event log
  EXPECT_THAT(r.output, HasSubstr("peak_outrage"));      // /analysis, read back by pandas
  ASSERT_TRUE(fs::exists(png));
  EXPECT_GT(fs::file_size(png), 10000u);
}

TEST_F(PythonExamples, PlotRunAndPlotCalibrationWritePictures) {
  const std::string run_png = (dir_ / "run.png").string();
  const auto r = testing::Shell(std::string(kPython) + " " + Script("plot_run.py") + " " + run_ + " -o " + run_png);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_GT(fs::file_size(run_png), 10000u);

  const std::string csv = (dir_ / "samples.csv").string(), fit_png = (dir_ / "fit.png").string();
  std::ofstream(csv) << "sample,size,depth,structural_virality\n"
                        "twitter15,60,2,1.9\ntwitter15,300,3,2.4\ntwitter15,90,4,2.8\n"
                        "before,55,5,3.1\nbefore,70,6,3.5\nafter,80,3,2.2\nafter,200,3,2.5\n";
  const auto c = testing::Shell(std::string(kPython) + " " + Script("plot_calibration.py") + " " + csv + " -o " + fit_png);
  ASSERT_EQ(c.exit_code, 0) << c.output;
  EXPECT_GT(fs::file_size(fit_png), 10000u);
}

}  // namespace
}  // namespace firestorm
