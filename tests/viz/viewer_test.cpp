// End-to-end tests of firestorm-view's headless replay: a picture is produced, it is not
// blank, it changes over time, agents have the colour of their state at their place, the
// layout is cached in the run file, and --frames writes one picture per step. Rendering needs
// an X display: these tests use $DISPLAY, else xvfb-run, else they are skipped.
#include <SFML/Graphics/Image.hpp>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "sim/io/hdf5_reader.hpp"
#include "viz/render/agent_colors.hpp"

namespace {

namespace fs = std::filesystem;

struct Result {
  int exit_code;
  std::string output;
};

Result Shell(const std::string& command) {
  Result r{-1, {}};
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return r;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe)) r.output += buffer;
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

bool CanRender() {
  const char* display = std::getenv("DISPLAY");
  if (display != nullptr && *display != '\0') return true;
  return Shell("command -v xvfb-run").exit_code == 0;
}

// firestorm-view under xvfb-run when there is no display (it would re-run itself under it
// anyway; doing it here keeps the command line visible in failures).
std::string View() {
  const char* display = std::getenv("DISPLAY");
  const bool has_display = display != nullptr && *display != '\0';
  return has_display ? std::string(FIRESTORM_VIEW_BINARY)
                     : "xvfb-run -a -s '-screen 0 1920x1200x24' " + std::string(FIRESTORM_VIEW_BINARY);
}

class ViewerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!CanRender()) GTEST_SKIP() << "no X display and no xvfb-run (apt-get install xvfb)";
    const char* base = std::getenv("FIRESTORM_TEST_TMP");
    dir_ = fs::path(base ? base : "/tmp") /
           ("viz_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::string MakeRun(const std::string& name, const std::string& args) {
    const Result r = Shell(std::string(FIRESTORM_BINARY) + " run " + args + " -o " + Path(name) + " --force -q");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return Path(name);
  }
  std::string Karate() { return MakeRun("karate.h5", std::string(FIRESTORM_SOURCE_DIR) + "/scenarios/karate_rumor.yaml"); }
  std::string Default5k() {
    return MakeRun("default5k.h5", std::string(FIRESTORM_SOURCE_DIR) + "/scenarios/default.yaml --agents 5000 --ticks 180");
  }
  fs::path dir_;
};

sf::Image Load(const std::string& path) {
  sf::Image image;
  EXPECT_TRUE(image.loadFromFile(path)) << path;
  return image;
}

std::size_t DistinctColours(const sf::Image& image, unsigned x0, unsigned y0, unsigned x1, unsigned y1) {
  std::set<std::uint32_t> colours;
  for (unsigned y = y0; y < y1; y += 2)
    for (unsigned x = x0; x < x1; x += 2) colours.insert(image.getPixel(x, y).toInteger());
  return colours.size();
}

TEST_F(ViewerTest, ScreenshotIsNotBlankAndChangesOverTime) {
  const std::string run = Default5k();
  const Result early = Shell(View() + " " + run + " --screenshot " + Path("early.png") + " --at 10m --size 1280x800");
  ASSERT_EQ(early.exit_code, 0) << early.output;
  const Result late = Shell(View() + " " + run + " --screenshot " + Path("late.png") + " --at 3h --size 1280x800 -q");
  ASSERT_EQ(late.exit_code, 0) << late.output;
  const sf::Image a = Load(Path("early.png")), b = Load(Path("late.png"));
  ASSERT_EQ(a.getSize(), sf::Vector2u(1280, 800));
  EXPECT_GT(DistinctColours(a, 0, 0, 1280, 800), 50u);
  // The graph (top left) changes: agents heard of the video between 10 minutes and 3 hours.
  std::size_t changed = 0;
  for (unsigned y = 0; y < 500; ++y)
    for (unsigned x = 0; x < 900; ++x) changed += a.getPixel(x, y) != b.getPixel(x, y);
  EXPECT_GT(changed, 20u);
}

TEST_F(ViewerTest, AgentsHaveTheColourOfTheirStateWhereTheViewerSaysTheyAre) {
  const std::string run = Karate();
  const Result r = Shell(View() + " " + run + " --screenshot " + Path("k.png") + " --at 4h --dump-positions " +
                         Path("k.csv") + " --no-edges -q");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const sf::Image image = Load(Path("k.png"));
  // Ground truth from the run file: the last snapshot at or before 4h (tick 47 with 5m ticks).
  const auto f = firestorm::Hdf5Reader::OpenRun(run);
  const auto ticks = f.Read<std::uint32_t>("/snapshots/tick");
  std::uint64_t snapshot = 0;
  for (std::uint64_t s = 0; s < ticks.size(); ++s)
    if (ticks[s] <= 47) snapshot = s;
  const auto state = f.ReadRows<std::uint8_t>("/snapshots/state", snapshot, 1);  // [narrative][agent]
  std::ifstream csv(Path("k.csv"));
  std::string line;
  std::getline(csv, line);
  int agents = 0, matching = 0, informed_matching = 0;
  while (std::getline(csv, line)) {
    std::istringstream row(line);
    unsigned v = 0;
    float x = 0, y = 0, radius = 0;
    char comma = 0;
    row >> v >> comma >> x >> comma >> y >> comma >> radius;
    ASSERT_LT(v, 34u);
    const firestorm::viz::Rgb want = firestorm::viz::StateColor(state[v]);  // narrative 0: the rumor
    const sf::Color got = image.getPixel(static_cast<unsigned>(x), static_cast<unsigned>(y));
    const bool same = std::abs(got.r - want.r) <= 12 && std::abs(got.g - want.g) <= 12 && std::abs(got.b - want.b) <= 12;
    ++agents;
    matching += same;
    informed_matching += same && state[v] != 0;
  }
  EXPECT_EQ(agents, 34);
  EXPECT_GE(matching, 31) << "agents whose centre pixel has their state's colour";  // a few may overlap
  EXPECT_GE(informed_matching, 1) << "no agent outside 'unaware' was checked";
}

TEST_F(ViewerTest, LayoutIsComputedOnceAndCachedInTheRunFile) {
  const std::string run = Karate();
  const Result first = Shell(View() + " " + run + " --screenshot " + Path("a.png"));
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("computed"), std::string::npos) << first.output;
  const auto f = firestorm::Hdf5Reader::OpenRun(run);  // still a valid run file
  EXPECT_EQ(f.ReadAttribute<std::string>("/layout", "method"), "force");
  EXPECT_EQ(f.Shape("/layout/x"), std::vector<std::uint64_t>{34});
  const Result second = Shell(View() + " " + run + " --screenshot " + Path("b.png"));
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_NE(second.output.find("read from cache"), std::string::npos) << second.output;
}

TEST_F(ViewerTest, FramesWritesOnePicturePerStep) {
  const std::string run = Karate();  // 6 hours
  const Result r = Shell(View() + " " + run + " --frames " + Path("frames") + " --every 1h --size 640x400 -q");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::size_t count = 0;
  for (const auto& e : fs::directory_iterator(Path("frames"))) count += e.path().extension() == ".png";
  EXPECT_EQ(count, 6u);
  EXPECT_EQ(Load(Path("frames") + "/frame_00000.png").getSize(), sf::Vector2u(640, 400));
}

TEST_F(ViewerTest, BadArgumentsAreUsageErrors) {
  EXPECT_EQ(Shell(std::string(FIRESTORM_VIEW_BINARY) + " /nonexistent.h5").exit_code, 2);
  const std::string run = Karate();
  EXPECT_EQ(Shell(std::string(FIRESTORM_VIEW_BINARY) + " " + run + " --screenshot x.png --color-by mood").exit_code, 2);
}

}  // namespace
