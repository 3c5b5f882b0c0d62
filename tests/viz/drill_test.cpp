// Drill mode: a scripted drill and the same decisions entered live at the same ticks write
// bit-identical run files (h5diff outside /provenance/runtime), whatever the speed, pauses
// and frame times of the live one; decisions reach the run's event log; the decisions file
// is checked like a scenario.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/core/error.hpp"
#include "sim/io/hdf5_reader.hpp"
#include "viz/drill/drill_controller.hpp"
#include "viz/drill/scripted_drill.hpp"
#include "viz/ui/drill_screen.hpp"

namespace {

namespace fs = std::filesystem;
using namespace firestorm;
using namespace firestorm::viz;

int Shell(const std::string& command, std::string* output = nullptr) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return -1;
  char buffer[4096];
  std::string out;
  while (std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
  const int status = pclose(pipe);
  if (output) *output = out;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class DrillTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* base = std::getenv("FIRESTORM_TEST_TMP");
    dir_ = fs::path(base ? base : "/tmp") /
           ("drill_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream(Path("decisions.yaml")) << R"(# a trainee's decisions
decisions:
  - { at: 20m, action: acknowledge, message: "We are looking into it" }
  - { at: 50m, action: engage_influencers, partners: 3 }
  - { at: 1h10m, action: apologize }
injects:
  - { at: 40m, event: bot_wave, size: 30, narrative: video, message: "A bot wave" }
)";
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  DrillOptions Options(const std::string& output) const {
    DrillOptions o;
    o.scenario_path = std::string(FIRESTORM_SOURCE_DIR) + "/scenarios/default.yaml";
    o.agents = 3000;
    o.ticks = 120;
    o.output = Path(output);
    o.force = true;
    o.replicates = 1;
    return o;
  }
  static int H5Diff(const std::string& a, const std::string& b, std::string* out) {
    return Shell("h5diff --exclude-path /provenance/runtime " + a + " " + b, out);
  }
  fs::path dir_;
};

TEST_F(DrillTest, ScriptedAndLiveDecisionsAtTheSameTicksGiveIdenticalFiles) {
  const DrillOptions scripted_options = Options("scripted.h5");
  const DecisionScript script = LoadDecisionScript(Path("decisions.yaml"), scripted_options.scenario_path);
  ASSERT_EQ(script.decisions.size(), 3u);
  ASSERT_EQ(script.injects.size(), 1u);
  {
    DrillSession session(LoadDrillScenario(scripted_options), scripted_options);
    PlayScript(session, script);
    FinishDrill(session, 1);
  }
  // "Live": the window's own handlers (DrillScreen::SubmitDecision / SubmitInject) at the
  // same ticks, with irregular frame times, a pause, speed changes and news popups.
  const DrillOptions live_options = Options("live.h5");
  DrillSession session(LoadDrillScenario(live_options), live_options);
  DrillController controller(session, 600);
  DrillScreen screen(controller);
  std::size_t next_decision = 0, next_inject = 0;
  int frame = 0;
  while (!controller.finished()) {
    ++frame;
    if (frame % 7 == 0) controller.SetSpeed(frame % 2 ? 300 : 2400);
    if (frame == 30) controller.SetPaused(true);
    if (frame == 34) controller.SetPaused(false);
    if (controller.pending()) controller.Dismiss();  // the trainee reads the news
    const Tick now = session.ticks_done();
    for (; next_decision < script.decisions.size() && script.decisions[next_decision].at == now; ++next_decision)
      screen.SubmitDecision(script.decisions[next_decision]);
    for (; next_inject < script.injects.size() && script.injects[next_inject].at == now; ++next_inject)
      screen.SubmitInject(script.injects[next_inject]);
    Tick hold = kNever;
    if (next_decision < script.decisions.size()) hold = script.decisions[next_decision].at;
    if (next_inject < script.injects.size()) hold = std::min(hold, script.injects[next_inject].at);
    controller.HoldAt(hold);
    controller.Advance(0.004 + 0.003 * (frame % 5));
    ASSERT_LT(frame, 100000);
  }
  FinishDrill(session, 1);
  std::string diff;
  EXPECT_EQ(H5Diff(Path("scripted.h5"), Path("live.h5"), &diff), 0) << diff;

  const auto f = Hdf5Reader::OpenRun(Path("live.h5"));
  const auto category = f.Read<std::string>("/events/category");
  const auto detail = f.Read<std::string>("/events/detail");
  int decisions = 0;
  for (std::size_t i = 0; i < category.size(); ++i)
    decisions += category[i] == "action" && detail[i].rfind("decision", 0) == 0;
  EXPECT_EQ(decisions, 3);  // acknowledge, engage_influencers (message "decision"), apologize
  EXPECT_EQ(f.Read<std::uint32_t>("/drill/decision_tick"), (std::vector<std::uint32_t>{20, 50, 70}));
  EXPECT_EQ(f.Read<std::uint32_t>("/drill/inject_tick"), (std::vector<std::uint32_t>{40}));
  EXPECT_EQ(f.Read<std::string>("/drill/outcome_name").front(), "trainee");
}

TEST_F(DrillTest, LiveWindowAndScriptGiveIdenticalFilesFromTheCommandLine) {
  const char* display = std::getenv("DISPLAY");
  const bool has_display = display != nullptr && *display != '\0';
  if (!has_display && Shell("command -v xvfb-run") != 0) GTEST_SKIP() << "no X display and no xvfb-run";
  const std::string view = FIRESTORM_VIEW_BINARY;
  const std::string common = " drill " + std::string(FIRESTORM_SOURCE_DIR) +
                             "/scenarios/default.yaml --agents 3000 --ticks 120 --replicates 1 --force -q";
  std::string out;
  ASSERT_EQ(Shell(view + common + " --script - -o " + Path("script.h5") + " --debrief-png " + Path("debrief.png") +
                      " < " + Path("decisions.yaml"), &out), 0) << out;
  ASSERT_EQ(Shell(view + common + " --live-input " + Path("decisions.yaml") + " -o " + Path("window.h5"), &out), 0) << out;
  EXPECT_EQ(H5Diff(Path("script.h5"), Path("window.h5"), &out), 0) << out;
  EXPECT_GT(fs::file_size(Path("debrief.png")), 10000u);
}

TEST_F(DrillTest, DecisionFileMistakesNameTheLine) {
  std::ofstream(Path("bad.yaml")) << "decisions:\n  - { at: 20m, action: acknowledge }\n  - { at: 1h, action: apologise }\n";
  try {
    LoadDecisionScript(Path("bad.yaml"), std::string(FIRESTORM_SOURCE_DIR) + "/scenarios/default.yaml");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("bad.yaml:3"), std::string::npos) << what;
    EXPECT_NE(what.find("apologize"), std::string::npos) << what;  // the hint: closest name
  }
  std::ofstream(Path("unknown.yaml")) << "decisions:\n  - { at: 20m, action: acknowledge }\nplaybooks: {}\n";
  EXPECT_THROW(LoadDecisionScript(Path("unknown.yaml"), std::string(FIRESTORM_SOURCE_DIR) + "/scenarios/default.yaml"),
               InputError);
}

}  // namespace
