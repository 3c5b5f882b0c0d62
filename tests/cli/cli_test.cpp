// End-to-end tests of the `firestorm` executable: exit codes, messages, and the HDF5 file
// as h5diff, h5dump and h5py see it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

struct Result {
  int exit_code;
  std::string output;  // stdout and stderr together
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

std::string Firestorm() { return FIRESTORM_BINARY; }

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* base = std::getenv("FIRESTORM_TEST_TMP");
    dir_ = fs::path(base ? base : "/tmp") /
           ("cli_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  std::string TinyScenario() {
    return Write("tiny.yaml", R"(name: Tiny crisis
graph: {generator: echo_chambers, agents: 3000, mean_followers: 15, communities: 3}
population: {bots: 2%, media: {count: 3, followers: 5%}}
narratives:
  - {id: video, kind: outrage, veracity: true, emotional_charge: 0.9, share_probability: 0.1,
     seeds: {count: 20, kind: user, at: 0m}}
playbooks:
  empathy:
    - {action: acknowledge, at: 20m}
    - {action: transparency_update, at: 1h, every: 1h}
injects:
  - {at: 30m, event: media_pickup, narrative: video}
  - {at: 1h, event: bot_wave, narrative: video, size: 30}
run: {duration: 3h, tick: 1m, seed: 5, snapshot_every: 30m}
)");
  }
  fs::path dir_;
};

TEST_F(CliTest, VersionAndHelp) {
  const Result v = Shell(Firestorm() + " --version");
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_THAT(v.output, HasSubstr("firestorm"));
  const Result h = Shell(Firestorm() + " run --help");
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_THAT(h.output, HasSubstr("Examples"));
  EXPECT_THAT(h.output, HasSubstr("--threads"));
}

TEST_F(CliTest, UnknownCommandIsAUsageError) {
  EXPECT_EQ(Shell(Firestorm() + " fly").exit_code, 2);
  EXPECT_EQ(Shell(Firestorm()).exit_code, 2);
}

TEST_F(CliTest, RunWritesAFileAndASummary) {
  const std::string out = (dir_ / "run.h5").string();
  const Result r = Shell(Firestorm() + " run " + TinyScenario() + " -o " + out + " --threads 2");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("Summary"));
  EXPECT_THAT(r.output, HasSubstr("peak mean outrage"));
  EXPECT_THAT(r.output, HasSubstr("Output written to " + out));
  EXPECT_TRUE(fs::exists(out));
  EXPECT_FALSE(fs::exists(out + ".tmp"));
}

TEST_F(CliTest, SameSeedGivesIdenticalFilesOnOneTwoAndFourThreads) {
  const std::string scenario = TinyScenario();
  for (int threads : {1, 2, 4}) {
    const Result r = Shell(Firestorm() + " run " + scenario + " -q -o " + (dir_ / "t").string() +
                         std::to_string(threads) + ".h5 --threads " + std::to_string(threads));
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  for (int threads : {2, 4}) {
    const Result d = Shell("h5diff --exclude-path /provenance/runtime " + (dir_ / "t1.h5").string() +
                         " " + (dir_ / "t").string() + std::to_string(threads) + ".h5");
    EXPECT_EQ(d.exit_code, 0) << "1 vs " << threads << " threads:\n" << d.output;
  }
  // A different seed must differ, or the comparison above proves nothing.
  ASSERT_EQ(Shell(Firestorm() + " run " + scenario + " -q --seed 6 -o " + (dir_ / "s6.h5").string()).exit_code, 0);
  EXPECT_NE(Shell("h5diff --exclude-path /provenance/runtime " + (dir_ / "t1.h5").string() + " " +
                (dir_ / "s6.h5").string()).exit_code, 0);
}

TEST_F(CliTest, H5dumpAndH5pyFindWhatTheSchemaSays) {
  const std::string out = (dir_ / "run.h5").string();
  ASSERT_EQ(Shell(Firestorm() + " run " + TinyScenario() + " -q -o " + out).exit_code, 0);
  const Result dump = Shell("h5dump -H " + out);
  ASSERT_EQ(dump.exit_code, 0);
  for (const char* name : {"provenance", "timeseries", "state_counts", "cascade", "events",
                           "snapshots", "graph", "agents"})
    EXPECT_THAT(dump.output, HasSubstr(name));
  if (Shell("/usr/bin/python3 -c 'import h5py'").exit_code != 0) GTEST_SKIP() << "python3-h5py missing";
  const Result py = Shell("/usr/bin/python3 -c \"import h5py\n"
                        "f = h5py.File('" + out + "', 'r')\n"
                        "T = f['timeseries/tick'].shape[0]\n"
                        "assert T == 180, T\n"
                        "assert f['timeseries/state_counts'].shape[0] == T\n"
                        "assert f['snapshots/state'].shape[0] == 6, f['snapshots/state'].shape\n"
                        "assert f['snapshots/outrage'].shape[1] == f['agents/kind'].shape[0]\n"
                        "assert f['cascade/child'].shape[0] > 20\n"
                        "assert b'acknowledge' in [t if isinstance(t, bytes) else t.encode() for t in f['events/type'][:]]\n"
                        "assert f['provenance'].attrs['seed'] == 5\n"
                        "print('ok')\"");
  EXPECT_EQ(py.exit_code, 0) << py.output;
}

TEST_F(CliTest, RefusesToOverwriteWithoutForce) {
  const std::string out = (dir_ / "run.h5").string();
  ASSERT_EQ(Shell(Firestorm() + " run " + TinyScenario() + " -q -o " + out).exit_code, 0);
  const Result again = Shell(Firestorm() + " run " + TinyScenario() + " -q -o " + out);
  EXPECT_EQ(again.exit_code, 4);
  EXPECT_THAT(again.output, HasSubstr("--force"));
  EXPECT_EQ(Shell(Firestorm() + " run " + TinyScenario() + " -q --force -o " + out).exit_code, 0);
}

TEST_F(CliTest, BadScenarioNamesFileLineAndHint) {
  const std::string bad = Write("bad.yaml", "name: x\ngraph:\n  agnets: 100\nnarratives: [{id: a}]\n");
  const Result r = Shell(Firestorm() + " validate " + bad);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.output, HasSubstr(bad + ":3:3"));
  EXPECT_THAT(r.output, HasSubstr("agents"));
  const Result run = Shell(Firestorm() + " run " + bad + " -o " + (dir_ / "x.h5").string());
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_FALSE(fs::exists(dir_ / "x.h5"));
}

// Every shipped scenario, in subfolders too (scale/, calibration/).
TEST_F(CliTest, ValidateAcceptsEveryShippedScenario) {
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(FIRESTORM_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    const Result r = Shell(Firestorm() + " validate " + entry.path().string());
    EXPECT_EQ(r.exit_code, 0) << r.output;
  }
}

TEST_F(CliTest, EveryShippedScenarioRunsAtReducedSize) {
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(FIRESTORM_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    std::ifstream in(entry.path());
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    const bool from_file = text.find("generator: file") != std::string::npos;
    const std::string out = (dir_ / (entry.path().stem().string() + ".h5")).string();
    const Result r = Shell(Firestorm() + " run " + entry.path().string() + " -q" +
                         (from_file ? "" : " --agents 3000") + " --ticks 60 -o " + out);
    EXPECT_EQ(r.exit_code, 0) << entry.path() << "\n" << r.output;
  }
}

// The scale scenarios (scenarios/scale/) play the default one at the sizes of the scale
// targets in docs/performance.md; the tests above validate and run them at a reduced size.
TEST_F(CliTest, TheScaleScenariosHaveTheTargetSizes) {
  const std::pair<std::string, std::string> scenarios[] = {{"echo10m", "10000000 agents"},
                                                           {"twitter2010", "42000000 agents"}};
  for (const auto& [name, size] : scenarios) {
    const Result v = Shell(Firestorm() + " validate " + std::string(FIRESTORM_SOURCE_DIR) +
                           "/scenarios/scale/" + name + ".yaml");
    EXPECT_EQ(v.exit_code, 0) << v.output;
    EXPECT_THAT(v.output, HasSubstr(size));
  }
}

TEST_F(CliTest, GraphStatsOnTheKarateClub) {
  const Result r = Shell(Firestorm() + " graph stats " + std::string(FIRESTORM_SOURCE_DIR) +
                       "/scenarios/data/karate.gml");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("34"));
  EXPECT_THAT(r.output, HasSubstr("156"));
}

TEST_F(CliTest, SweepWritesAFileAndCompareRanksIt) {
  const std::string out = (dir_ / "sweep.h5").string();
  const Result r = Shell(Firestorm() + " sweep " + std::string(FIRESTORM_SOURCE_DIR) +
                         "/scenarios/airline_passenger.yaml -q --agents 2000 --ticks 120 --replicates 3"
                         " --strategies ack_0m,defend_30m -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("2 variants x 3 replicates"));
  EXPECT_TRUE(fs::exists(out + ".csv"));
  const Result c = Shell(Firestorm() + " compare " + out + " --rank-by final_trust");
  ASSERT_EQ(c.exit_code, 0) << c.output;
  EXPECT_THAT(c.output, HasSubstr("ack_0m"));
  EXPECT_THAT(c.output, HasSubstr("defend_30m"));
  EXPECT_EQ(Shell(Firestorm() + " compare " + out + " --rank-by nonsense").exit_code, 3);
  const Result vary = Shell(Firestorm() + " sweep " + std::string(FIRESTORM_SOURCE_DIR) +
                            "/scenarios/airline_passenger.yaml -q --agents 2000 --ticks 60 --replicates 2"
                            " --vary dynamics.statement_reach=0.1,0.5 --force -o " + out);
  ASSERT_EQ(vary.exit_code, 0) << vary.output;
  EXPECT_THAT(vary.output, HasSubstr("dynamics.statement_reach=0.5"));
  EXPECT_EQ(Shell(Firestorm() + " sweep " + std::string(FIRESTORM_SOURCE_DIR) +
                  "/scenarios/airline_passenger.yaml -q --vary dynamics.no_such_key=1 --force -o " + out)
                .exit_code, 3);
}

TEST_F(CliTest, ForkWritesOneFilePerStrategy) {
  const std::string out = (dir_ / "fork.h5").string();
  const Result r = Shell(Firestorm() + " run " + std::string(FIRESTORM_SOURCE_DIR) +
                         "/scenarios/airline_passenger.yaml -q --agents 2000 --ticks 120 --fork-at 1h"
                         " --strategies ack_4h,defend_30m -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::exists(dir_ / "fork-ack_4h.h5"));
  EXPECT_TRUE(fs::exists(dir_ / "fork-defend_30m.h5"));
  EXPECT_THAT(r.output, HasSubstr("Forked at 1h"));
  EXPECT_EQ(Shell(Firestorm() + " run " + std::string(FIRESTORM_SOURCE_DIR) +
                  "/scenarios/airline_passenger.yaml -q --fork-at 1h --strategies nope -o " + out).exit_code, 3);
}

TEST_F(CliTest, MissingGraphFileIsAnInputError) {
  const std::string s = Write("nofile.yaml", "name: x\ngraph: {generator: file, file: nowhere.txt}\n"
                                             "narratives: [{id: a}]\n");
  const Result r = Shell(Firestorm() + " validate " + s);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.output, HasSubstr("nowhere.txt"));
}

}  // namespace
