// Tests of the HDF5 run writer and reader: a small hand-built run is written and every
// dataset and attribute is read back and compared exactly; then the file's life cycle
// (temporary name, rename, clean-up), refusals and errors (existing file, bad folder, full
// disk simulated with RLIMIT_FSIZE), the standard tools (h5dump, h5diff, h5py) and the
// reproducibility of the bytes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/io/hdf5_reader.hpp"
#include "sim/io/hdf5_writer.hpp"

namespace firestorm {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::ThrowsMessage;

// A fresh folder per test, so tests may run in parallel (ctest -j).
fs::path TestDir() {
  const char* env = std::getenv("FIRESTORM_TEST_TMP");
  const fs::path base = env != nullptr ? fs::path(env) : fs::temp_directory_path() / "firestorm_tests";
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path dir = base / (std::string(info->test_suite_name()) + "." + info->name());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t DifferingBytes(const std::string& a, const std::string& b) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) count += a[i] != b[i];
  return count;
}

// Runs a shell command, returns its exit status and (optionally) its stdout.
int Shell(const std::string& command, std::string* output = nullptr) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  std::string text;
  char buffer[4096];
  for (std::size_t got; (got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    text.append(buffer, got);
  const int status = ::pclose(pipe);
  if (output != nullptr) *output = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool HaveTool(const std::string& tool) {
  return Shell("command -v " + tool + " >/dev/null 2>&1") == 0;
}

// ---- a small hand-built run ----
//
//   0 ──▶ 1 ──▶ 2        (u ──▶ v: v follows u, so v sees what u posts)
//   │     └───▶ 3
//   └───▶ 4 ──▶ 0
//
// Two narratives, two communities, three ticks, two snapshots.

RunHeader MakeHeader() {
  RunHeader h;
  h.scenario_name = "recall";
  h.scenario_yaml = "name: recall\nnote: \"café — 100 %\"\nrun:\n  seed: 42\n";
  h.playbook = "acknowledge_fast";
  h.version = "0.1.0";
  h.git_revision = "abc123def456";
  h.seed = 42;
  h.tick_seconds = 60;
  h.ticks = 3;
  h.communities = 2;
  h.narrative_ids = {"rumor_recall", "counter"};
  h.narrative_kinds = {"false", "correction"};
  return h;
}

World MakeWorld() {
  World w;
  w.graph = CsrGraph({0, 2, 4, 4, 4, 5}, {1, 4, 2, 3, 0});
  PopulationState& p = w.population;
  p.kind = {AgentKind::kOrganization, AgentKind::kUser, AgentKind::kInfluencer, AgentKind::kBot,
            AgentKind::kMedia};
  p.community = {0, 1, 1, 0, 1};
  p.opinion = {-1.0f, -0.25f, 0.0f, 0.5f, 1.0f};
  p.trust = {1.0f, 0.75f, 0.5f, 0.125f, 0.0f};
  p.outrage = {0.0f, 0.1f, 0.2f, 0.3f, 0.4f};
  p.literacy = {0.9f, 0.5f, 0.25f, 0.0f, 0.8f};
  p.activity_per_hour = {2.0f, 0.5f, 6.0f, 30.0f, 4.0f};
  p.removed.assign(5, 0);
  p.ResetNarratives(2);
  w.organization_accounts = {0};
  w.media_accounts = {4};
  w.fact_checker_accounts = {};  // an empty list must still be a dataset
  w.influencers = {2};
  w.bots = {3};
  return w;
}

PopulationState SnapshotAt(const World& w, int step) {
  PopulationState p = w.population;
  p.narratives[0].state = {NarrativeState::kUnaware, NarrativeState::kExposed,
                           NarrativeState::kSpreader, NarrativeState::kSkeptic,
                           NarrativeState::kStifler};
  if (step == 1) {
    p.narratives[0].state[0] = NarrativeState::kStifler;
    p.narratives[1].state[4] = NarrativeState::kSpreader;
  }
  for (float& x : p.outrage) x += 0.5f * static_cast<float>(step);
  for (float& x : p.trust) x *= 0.5f;
  p.opinion[1] = static_cast<float>(step);
  return p;
}

RunRecord MakeRecord() {
  RunRecord r;
  TimeSeries& s = r.series;
  s.narratives = 2;
  s.communities = 2;
  s.tick = {0, 1, 2};
  for (std::uint32_t i = 0; i < 3 * 2 * 5 * 6 * 2; ++i) s.state_counts.push_back(i % 97);
  for (std::uint32_t i = 0; i < 3 * 2 * 6; ++i) s.posts.push_back(i * 3);
  s.reach = {1, 0, 3, 1, 5, 2};
  s.deliveries = {10, 20, 4000000000ULL * 3};
  s.outrage_mean = {0.1, 0.2, 0.3};
  s.outrage_std = {0.01, 0.02, 0.03};
  s.trust_mean = {0.9, 0.8, 0.7};
  s.trust_std = {0.05, 0.06, 0.07};
  s.opinion_mean = {-0.5, 0.0, 0.5};
  s.opinion_std = {0.25, 0.125, 1.0 / 3.0};
  r.events = {{1, "action", "acknowledge", "", "We are aware of the reports."},
              {2, "inject", "bot_wave", "rumor_recall", "added 120 bots ✓"}};
  return r;
}

CascadeRecord MakeCascade() {
  CascadeRecord c;
  c.narrative = {0, 0, 1};
  c.child = {1, 2, 4};
  c.parent = {kNoAgent, 1, 0};
  c.tick = {0, 1, 2};
  return c;
}

// Writes the small run to `path` with the given runtime info.
void WriteSmallRun(const std::string& path, const RuntimeInfo& runtime, bool force = false) {
  const World world = MakeWorld();
  Hdf5RunWriter writer(path, MakeHeader(), force);
  writer.WriteWorld(world);
  writer.AppendSnapshot(0, SnapshotAt(world, 0));
  writer.AppendSnapshot(2, SnapshotAt(world, 1));
  writer.Finish(MakeRecord(), MakeCascade(), runtime);
}

std::vector<std::uint8_t> Bytes(const Column<NarrativeState>& v) {
  std::vector<std::uint8_t> out;
  for (NarrativeState s : v) out.push_back(static_cast<std::uint8_t>(s));
  return out;
}

// A column (on huge pages) as a plain vector, to compare with what the file holds.
template <typename T, typename Allocator>
std::vector<T> Plain(const std::vector<T, Allocator>& column) {
  return {column.begin(), column.end()};
}

template <typename T>
std::vector<T> Concat(std::vector<T> a, const std::vector<T>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// ---- content ----

TEST(Hdf5RunWriter, RoundTripsEveryDatasetAndAttribute) {
  const std::string path = (TestDir() / "run.h5").string();
  WriteSmallRun(path, RuntimeInfo{.threads = 4, .wall_seconds = 1.5, .ticks_completed = 3,
                                  .complete = true});
  const Hdf5Reader f = Hdf5Reader::OpenRun(path);
  const World world = MakeWorld();
  const RunHeader header = MakeHeader();

  EXPECT_THAT(f.ListGroup("/"), ElementsAre("agents", "cascade", "events", "graph", "labels",
                                            "provenance", "snapshots", "timeseries"));
  EXPECT_EQ(f.ReadAttribute<std::string>("/", "format"), "firestorm-run");
  EXPECT_EQ(f.ReadAttribute<std::uint32_t>("/", "format_version"), 1u);
  EXPECT_EQ(f.AttributeTypeName("/", "format_version"), "uint32");

  // provenance
  EXPECT_EQ(f.ReadAttribute<std::string>("/provenance", "firestorm_version"), "0.1.0");
  EXPECT_EQ(f.ReadAttribute<std::string>("/provenance", "git_revision"), "abc123def456");
  EXPECT_EQ(f.ReadAttribute<std::string>("/provenance", "scenario_name"), "recall");
  EXPECT_EQ(f.ReadAttribute<std::string>("/provenance", "playbook"), "acknowledge_fast");
  EXPECT_EQ(f.ReadAttribute<std::uint64_t>("/provenance", "seed"), 42u);
  EXPECT_EQ(f.AttributeTypeName("/provenance", "seed"), "uint64");
  EXPECT_EQ(f.ReadAttribute<double>("/provenance", "tick_seconds"), 60.0);
  EXPECT_EQ(f.ReadAttribute<std::uint32_t>("/provenance", "ticks_requested"), 3u);
  EXPECT_EQ(f.Read<std::string>("/provenance/scenario_yaml"),
            std::vector<std::string>{header.scenario_yaml});
  EXPECT_TRUE(f.Shape("/provenance/scenario_yaml").empty());  // scalar
  EXPECT_EQ(f.ReadAttribute<std::int32_t>("/provenance/runtime", "threads"), 4);
  EXPECT_EQ(f.ReadAttribute<double>("/provenance/runtime", "wall_seconds"), 1.5);
  EXPECT_EQ(f.ReadAttribute<std::uint32_t>("/provenance/runtime", "ticks_completed"), 3u);
  EXPECT_EQ(f.ReadAttribute<std::int32_t>("/provenance/runtime", "complete"), 1);

  // labels
  EXPECT_EQ(f.Read<std::string>("/labels/narrative_ids"), header.narrative_ids);
  EXPECT_EQ(f.Read<std::string>("/labels/narrative_kinds"), header.narrative_kinds);
  EXPECT_THAT(f.Read<std::string>("/labels/state_names"),
              ElementsAre("unaware", "exposed", "spreader", "skeptic", "stifler"));
  EXPECT_THAT(f.Read<std::string>("/labels/kind_names"),
              ElementsAre("user", "influencer", "bot", "media", "organization", "fact_checker"));

  // graph
  EXPECT_EQ(f.Read<std::uint64_t>("/graph/offsets"), world.graph.offsets());
  EXPECT_EQ(f.TypeName("/graph/offsets"), "uint64");
  EXPECT_EQ(f.Read<std::uint32_t>("/graph/followers"), world.graph.targets());
  EXPECT_EQ(f.TypeName("/graph/followers"), "uint32");
  EXPECT_EQ(f.ReadAttribute<std::uint32_t>("/graph", "agents"), 5u);
  EXPECT_EQ(f.ReadAttribute<std::uint64_t>("/graph", "edges"), 5u);

  // agents
  const PopulationState& p = world.population;
  EXPECT_THAT(f.Read<std::uint8_t>("/agents/kind"), ElementsAre(4, 0, 1, 2, 3));
  EXPECT_EQ(f.TypeName("/agents/kind"), "uint8");
  EXPECT_EQ(f.Read<std::uint32_t>("/agents/community"), Plain(p.community));
  EXPECT_EQ(f.Read<float>("/agents/literacy"), Plain(p.literacy));
  EXPECT_EQ(f.TypeName("/agents/literacy"), "float32");
  EXPECT_EQ(f.Read<float>("/agents/activity_per_hour"), Plain(p.activity_per_hour));
  EXPECT_EQ(f.ReadAttribute<std::string>("/agents/activity_per_hour", "units"), "1/h");
  EXPECT_EQ(f.Read<float>("/agents/initial_opinion"), Plain(p.opinion));
  EXPECT_EQ(f.Read<float>("/agents/initial_trust"), Plain(p.trust));
  EXPECT_EQ(f.Read<float>("/agents/initial_outrage"), Plain(p.outrage));
  EXPECT_EQ(f.ReadAttribute<std::uint32_t>("/agents", "communities"), 2u);
  EXPECT_THAT(f.ListGroup("/agents/accounts"),
              ElementsAre("bots", "fact_checkers", "influencers", "media", "organization"));
  EXPECT_THAT(f.Read<std::uint32_t>("/agents/accounts/organization"), ElementsAre(0));
  EXPECT_THAT(f.Read<std::uint32_t>("/agents/accounts/media"), ElementsAre(4));
  EXPECT_TRUE(f.Read<std::uint32_t>("/agents/accounts/fact_checkers").empty());
  EXPECT_THAT(f.Shape("/agents/accounts/fact_checkers"), ElementsAre(0));
  EXPECT_THAT(f.Read<std::uint32_t>("/agents/accounts/influencers"), ElementsAre(2));
  EXPECT_THAT(f.Read<std::uint32_t>("/agents/accounts/bots"), ElementsAre(3));

  // time series
  const RunRecord record = MakeRecord();
  const TimeSeries& s = record.series;
  EXPECT_EQ(f.Read<std::uint32_t>("/timeseries/tick"), s.tick);
  EXPECT_THAT(f.Read<double>("/timeseries/time_seconds"), ElementsAre(60.0, 120.0, 180.0));
  EXPECT_EQ(f.ReadAttribute<std::string>("/timeseries/time_seconds", "units"), "s");
  EXPECT_EQ(f.Read<std::uint32_t>("/timeseries/state_counts"), s.state_counts);
  EXPECT_THAT(f.Shape("/timeseries/state_counts"), ElementsAre(3, 2, 5, 6, 2));
  EXPECT_EQ(f.ReadAttribute<std::string>("/timeseries/state_counts", "axes"),
            "tick,narrative,state,kind,community");
  EXPECT_EQ(f.Read<std::uint32_t>("/timeseries/posts"), s.posts);
  EXPECT_THAT(f.Shape("/timeseries/posts"), ElementsAre(3, 2, 6));
  EXPECT_EQ(f.Read<std::uint64_t>("/timeseries/reach"), s.reach);
  EXPECT_THAT(f.Shape("/timeseries/reach"), ElementsAre(3, 2));
  EXPECT_EQ(f.Read<std::uint64_t>("/timeseries/deliveries"), s.deliveries);
  EXPECT_EQ(f.TypeName("/timeseries/deliveries"), "uint64");
  EXPECT_EQ(f.Read<double>("/timeseries/outrage_mean"), s.outrage_mean);
  EXPECT_EQ(f.Read<double>("/timeseries/outrage_std"), s.outrage_std);
  EXPECT_EQ(f.Read<double>("/timeseries/trust_mean"), s.trust_mean);
  EXPECT_EQ(f.Read<double>("/timeseries/trust_std"), s.trust_std);
  EXPECT_EQ(f.Read<double>("/timeseries/opinion_mean"), s.opinion_mean);
  EXPECT_EQ(f.Read<double>("/timeseries/opinion_std"), s.opinion_std);
  for (const std::string& name : f.ListGroup("/timeseries"))
    EXPECT_TRUE(f.HasAttribute("/timeseries/" + name, "axes")) << name;

  // events
  EXPECT_THAT(f.Read<std::uint32_t>("/events/tick"), ElementsAre(1, 2));
  EXPECT_THAT(f.Read<std::string>("/events/category"), ElementsAre("action", "inject"));
  EXPECT_THAT(f.Read<std::string>("/events/type"), ElementsAre("acknowledge", "bot_wave"));
  EXPECT_THAT(f.Read<std::string>("/events/narrative"), ElementsAre("", "rumor_recall"));
  EXPECT_THAT(f.Read<std::string>("/events/detail"),
              ElementsAre("We are aware of the reports.", "added 120 bots ✓"));

  // cascade
  const CascadeRecord cascade = MakeCascade();
  EXPECT_EQ(f.Read<std::uint8_t>("/cascade/narrative"), cascade.narrative);
  EXPECT_EQ(f.Read<std::uint32_t>("/cascade/child"), cascade.child);
  EXPECT_THAT(f.Read<std::uint32_t>("/cascade/parent"), ElementsAre(4294967295u, 1, 0));
  EXPECT_EQ(f.Read<std::uint32_t>("/cascade/tick"), cascade.tick);

  // snapshots
  const PopulationState s0 = SnapshotAt(world, 0), s1 = SnapshotAt(world, 1);
  EXPECT_THAT(f.Read<std::uint32_t>("/snapshots/tick"), ElementsAre(0, 2));
  EXPECT_THAT(f.Shape("/snapshots/state"), ElementsAre(2, 2, 5));
  EXPECT_EQ(f.Read<std::uint8_t>("/snapshots/state"),
            Concat(Concat(Bytes(s0.narratives[0].state), Bytes(s0.narratives[1].state)),
                   Concat(Bytes(s1.narratives[0].state), Bytes(s1.narratives[1].state))));
  EXPECT_EQ(f.ReadRows<std::uint8_t>("/snapshots/state", 1, 1),
            Concat(Bytes(s1.narratives[0].state), Bytes(s1.narratives[1].state)));
  EXPECT_EQ(f.Read<float>("/snapshots/outrage"), Concat(Plain(s0.outrage), Plain(s1.outrage)));
  EXPECT_EQ(f.Read<float>("/snapshots/trust"), Concat(Plain(s0.trust), Plain(s1.trust)));
  EXPECT_EQ(f.Read<float>("/snapshots/opinion"), Concat(Plain(s0.opinion), Plain(s1.opinion)));
  EXPECT_EQ(f.ReadRows<float>("/snapshots/opinion", 1, 1), Plain(s1.opinion));
  EXPECT_THAT(f.Shape("/snapshots/opinion"), ElementsAre(2, 5));
}

TEST(Hdf5RunWriter, EmptyRunStillHasEveryDataset) {
  const std::string path = (TestDir() / "empty.h5").string();
  const World world = MakeWorld();
  {
    Hdf5RunWriter writer(path, MakeHeader(), false);
    writer.WriteWorld(world);
    RunRecord record;  // no ticks, no events
    record.series.narratives = 2;
    record.series.communities = 2;
    writer.Finish(record, CascadeRecord{}, RuntimeInfo{.ticks_completed = 0, .complete = false});
  }
  const Hdf5Reader f(path);
  EXPECT_THAT(f.Shape("/snapshots/state"), ElementsAre(0, 2, 5));
  EXPECT_THAT(f.Shape("/snapshots/outrage"), ElementsAre(0, 5));
  EXPECT_TRUE(f.Read<std::uint32_t>("/snapshots/tick").empty());
  EXPECT_THAT(f.Shape("/timeseries/state_counts"), ElementsAre(0, 2, 5, 6, 2));
  EXPECT_TRUE(f.Read<double>("/timeseries/time_seconds").empty());
  for (const char* name : {"narrative", "child", "parent", "tick"})
    EXPECT_THAT(f.Shape(std::string("/cascade/") + name), ElementsAre(0)) << name;
  EXPECT_TRUE(f.Read<std::string>("/events/detail").empty());
  EXPECT_EQ(f.ReadAttribute<std::int32_t>("/provenance/runtime", "complete"), 0);
}

// Above the compression threshold the arrays are chunked and deflated; they must read back
// exactly, including a partial last chunk, and take less room than the raw bytes.
TEST(Hdf5RunWriter, LargeArraysAreCompressedAndReadBackExactly) {
  const std::string path = (TestDir() / "large.h5").string();
  constexpr AgentId kAgents = 300'000;  // not a multiple of the chunk length
  World w;
  std::vector<EdgeIndex> offsets(kAgents + 1);
  std::vector<AgentId> followers(kAgents);
  for (AgentId v = 0; v < kAgents; ++v) {  // a ring: v's follower is v + 1
    offsets[v + 1] = v + 1;
    followers[v] = (v + 1) % kAgents;
  }
  w.graph = CsrGraph(offsets, followers);
  PopulationState& p = w.population;
  p.kind.assign(kAgents, AgentKind::kUser);
  p.community.resize(kAgents);
  for (AgentId v = 0; v < kAgents; ++v) p.community[v] = v / 1000;
  p.opinion.assign(kAgents, 0.25f);
  p.trust.assign(kAgents, 0.5f);
  p.outrage.assign(kAgents, 0.0f);
  p.literacy.assign(kAgents, 0.75f);
  p.activity_per_hour.assign(kAgents, 1.0f);
  p.ResetNarratives(2);
  RunHeader header = MakeHeader();
  header.communities = 300;
  {
    Hdf5RunWriter writer(path, header, false);
    writer.WriteWorld(w);
    PopulationState snap = p;
    for (AgentId v = 0; v < kAgents; v += 7) snap.narratives[1].state[v] = NarrativeState::kExposed;
    writer.AppendSnapshot(5, snap);
    RunRecord record;
    record.series.narratives = 2;
    record.series.communities = 300;
    writer.Finish(record, CascadeRecord{}, RuntimeInfo{});
  }
  const Hdf5Reader f(path);
  EXPECT_EQ(f.Read<std::uint64_t>("/graph/offsets"), offsets);
  EXPECT_EQ(f.Read<std::uint32_t>("/graph/followers"), followers);
  EXPECT_EQ(f.Read<std::uint32_t>("/agents/community"), Plain(p.community));
  const std::vector<std::uint8_t> state = f.ReadRows<std::uint8_t>("/snapshots/state", 0, 1);
  ASSERT_EQ(state.size(), 2u * kAgents);
  for (AgentId v = 0; v < kAgents; ++v) {
    ASSERT_EQ(state[v], 0) << v;
    ASSERT_EQ(state[kAgents + v], v % 7 == 0 ? 1 : 0) << v;
  }
  const std::uintmax_t raw_bytes = kAgents * (8 + 4 + 1 + 4 + 5 * 4 + 2 + 3 * 4);
  EXPECT_LT(fs::file_size(path), raw_bytes / 4);
}

// ---- life cycle ----

TEST(Hdf5RunWriter, FinishRenamesTheTemporaryFile) {
  const fs::path dir = TestDir();
  const std::string path = (dir / "run.h5").string();
  const World world = MakeWorld();
  Hdf5RunWriter writer(path, MakeHeader(), false);
  EXPECT_EQ(writer.path(), path);
  writer.WriteWorld(world);
  EXPECT_TRUE(fs::exists(path + ".tmp"));
  EXPECT_FALSE(fs::exists(path));
  writer.Finish(MakeRecord(), MakeCascade(), RuntimeInfo{});
  EXPECT_TRUE(fs::exists(path));
  EXPECT_FALSE(fs::exists(path + ".tmp"));
  EXPECT_THROW(writer.AppendSnapshot(3, world.population), std::logic_error);
}

TEST(Hdf5RunWriter, DestructorWithoutFinishLeavesNoFile) {
  const fs::path dir = TestDir();
  const std::string path = (dir / "run.h5").string();
  {
    const World world = MakeWorld();
    Hdf5RunWriter writer(path, MakeHeader(), false);
    writer.WriteWorld(world);
    writer.AppendSnapshot(0, SnapshotAt(world, 0));
    EXPECT_TRUE(fs::exists(path + ".tmp"));
  }
  EXPECT_FALSE(fs::exists(path));
  EXPECT_FALSE(fs::exists(path + ".tmp"));
  EXPECT_TRUE(fs::is_empty(dir));
}

TEST(Hdf5RunWriter, RefusesToOverwriteWithoutForce) {
  const std::string path = (TestDir() / "run.h5").string();
  std::ofstream(path) << "an earlier result";
  try {
    Hdf5RunWriter writer(path, MakeHeader(), /*force=*/false);
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("refusing to overwrite " + path));
    EXPECT_THAT(e.what(), HasSubstr("--force"));
  }
  EXPECT_EQ(ReadBytes(path), "an earlier result");
  EXPECT_FALSE(fs::exists(path + ".tmp"));

  {  // with force, the old file survives until Finish...
    Hdf5RunWriter writer(path, MakeHeader(), /*force=*/true);
    writer.WriteWorld(MakeWorld());
  }
  EXPECT_EQ(ReadBytes(path), "an earlier result");
  // ...and is replaced by it.
  WriteSmallRun(path, RuntimeInfo{}, /*force=*/true);
  EXPECT_EQ(Hdf5Reader::OpenRun(path).ReadAttribute<std::string>("/provenance", "scenario_name"),
            "recall");
}

TEST(Hdf5RunWriter, ReportsAFolderThatCannotBeWritten) {
  const fs::path dir = TestDir();
  const std::string missing = (dir / "no_such_folder" / "run.h5").string();
  try {
    Hdf5RunWriter writer(missing, MakeHeader(), false);
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    EXPECT_THAT(e.what(), HasSubstr((dir / "no_such_folder").string()));
    EXPECT_THAT(e.what(), HasSubstr("does not exist"));
  }
  std::ofstream(dir / "a_file") << "x";
  EXPECT_THROW(Hdf5RunWriter((dir / "a_file" / "run.h5").string(), MakeHeader(), false),
               OutputError);
  EXPECT_THROW(Hdf5RunWriter(dir.string(), MakeHeader(), true), OutputError);  // a folder

  // Creation itself failing (a folder nobody may create files in) is an OutputError too.
  if (fs::is_directory("/proc/self")) {
    EXPECT_THROW(Hdf5RunWriter("/proc/self/firestorm_run.h5", MakeHeader(), false), OutputError);
  }

  const fs::path locked = dir / "locked";
  fs::create_directory(locked);
  fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
  if (::geteuid() != 0) {  // root may write anywhere
    try {
      Hdf5RunWriter writer((locked / "run.h5").string(), MakeHeader(), false);
      ADD_FAILURE() << "expected OutputError";
    } catch (const OutputError& e) {
      EXPECT_THAT(e.what(), HasSubstr(locked.string()));
      EXPECT_THAT(e.what(), HasSubstr("not writable"));
    }
  }
  fs::permissions(locked, fs::perms::owner_all);
}

// Simulates a full disk: with RLIMIT_FSIZE lowered (and SIGXFSZ ignored) a write past the
// limit fails with EFBIG, as write(2) fails with ENOSPC on a full disk.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) : old_handler_(std::signal(SIGXFSZ, SIG_IGN)) {
    ::getrlimit(RLIMIT_FSIZE, &old_);
    rlimit lowered = old_;
    lowered.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &lowered);
  }
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &old_);
    std::signal(SIGXFSZ, old_handler_);
  }

 private:
  void (*old_handler_)(int);
  rlimit old_{};
};

World NoisyWorld(AgentId agents) {
  World w = MakeWorld();
  std::vector<EdgeIndex> offsets(agents + 1, 0);
  w.graph = CsrGraph(offsets, {});
  PopulationState& p = w.population;
  std::uint32_t x = 12345;
  auto noise = [&x] {
    x = x * 1664525u + 1013904223u;  // incompressible enough for deflate
    return static_cast<float>(x >> 8) / 16777216.0f;
  };
  p.kind.assign(agents, AgentKind::kUser);
  p.community.assign(agents, 0);
  for (auto* column : {&p.opinion, &p.trust, &p.outrage, &p.literacy, &p.activity_per_hour}) {
    column->resize(agents);
    for (float& v : *column) v = noise();
  }
  p.ResetNarratives(2);
  return w;
}

TEST(Hdf5RunWriter, FullDiskDuringWriteWorldIsAnOutputErrorAndLeavesNoFile) {
  const std::string path = (TestDir() / "run.h5").string();
  const World world = NoisyWorld(200'000);
  auto writer = std::make_unique<Hdf5RunWriter>(path, MakeHeader(), false);
  std::string message;
  {
    const FileSizeLimit limit(256 * 1024);
    try {
      writer->WriteWorld(world);
      writer->Finish(MakeRecord(), MakeCascade(), RuntimeInfo{});
    } catch (const OutputError& e) {
      message = e.what();
    }
    EXPECT_THROW(writer->Finish(MakeRecord(), MakeCascade(), RuntimeInfo{}), OutputError);
    writer.reset();  // the disk is still full
  }
  EXPECT_THAT(message, HasSubstr("cannot write " + path));
  EXPECT_THAT(message, HasSubstr("File too large"));  // strerror(EFBIG), from HDF5's stack
  EXPECT_FALSE(fs::exists(path));
  EXPECT_FALSE(fs::exists(path + ".tmp"));
}

TEST(Hdf5RunWriter, FullDiskDuringFinishIsAnOutputErrorAndLeavesNoFile) {
  const std::string path = (TestDir() / "run.h5").string();
  const World world = MakeWorld();
  RunRecord record;  // a long, noisy time series that Finish must write
  TimeSeries& s = record.series;
  s.narratives = 2;
  s.communities = 2;
  const Tick ticks = 100'000;
  for (Tick t = 0; t < ticks; ++t) {
    s.tick.push_back(t);
    s.deliveries.push_back(std::uint64_t{t} * 2654435761u);
    const double noise = static_cast<double>((t * 2654435761u) % 1000003) / 1000003.0;
    for (auto* v : {&s.outrage_mean, &s.outrage_std, &s.trust_mean, &s.trust_std,
                    &s.opinion_mean, &s.opinion_std})
      v->push_back(noise);
  }
  s.state_counts.assign(std::size_t{ticks} * 2 * 5 * 6 * 2, 1);
  s.posts.assign(std::size_t{ticks} * 2 * 6, 0);
  s.reach.assign(std::size_t{ticks} * 2, 0);
  auto writer = std::make_unique<Hdf5RunWriter>(path, MakeHeader(), false);
  writer->WriteWorld(world);
  writer->AppendSnapshot(0, SnapshotAt(world, 0));
  std::string message;
  {
    const FileSizeLimit limit(1024 * 1024);
    try {
      writer->Finish(record, MakeCascade(), RuntimeInfo{});
    } catch (const OutputError& e) {
      message = e.what();
    }
  }
  EXPECT_THAT(message, HasSubstr("File too large"));
  EXPECT_FALSE(fs::exists(path));
  writer.reset();
  EXPECT_FALSE(fs::exists(path));
  EXPECT_FALSE(fs::exists(path + ".tmp"));
}

TEST(Hdf5RunWriter, RejectsInconsistentInput) {
  const fs::path dir = TestDir();
  const World world = MakeWorld();
  Hdf5RunWriter writer((dir / "first.h5").string(), MakeHeader(), false);
  EXPECT_THROW(writer.Finish(MakeRecord(), MakeCascade(), RuntimeInfo{}), std::logic_error);
  EXPECT_THROW(writer.WriteWorld(world), OutputError);  // unusable after a failure
  Hdf5RunWriter second((dir / "second.h5").string(), MakeHeader(), false);
  second.WriteWorld(world);
  EXPECT_THROW(second.WriteWorld(world), std::logic_error);
  PopulationState wrong = world.population;
  wrong.narratives.pop_back();
  Hdf5RunWriter third((dir / "third.h5").string(), MakeHeader(), false);
  third.WriteWorld(world);
  EXPECT_THROW(third.AppendSnapshot(0, wrong), std::invalid_argument);
  Hdf5RunWriter fourth((dir / "fourth.h5").string(), MakeHeader(), false);
  fourth.WriteWorld(world);
  RunRecord record = MakeRecord();
  record.series.posts.pop_back();
  EXPECT_THROW(fourth.Finish(record, MakeCascade(), RuntimeInfo{}), std::invalid_argument);
}

// ---- standard tools ----

TEST(Hdf5RunWriter, H5dumpListsTheGroups) {
  if (!HaveTool("h5dump")) GTEST_SKIP() << "h5dump is not installed (Debian: hdf5-tools)";
  const std::string path = (TestDir() / "run.h5").string();
  WriteSmallRun(path, RuntimeInfo{});
  std::string header;
  ASSERT_EQ(Shell("h5dump -H '" + path + "' 2>&1", &header), 0) << header;
  for (const char* group : {"provenance", "runtime", "labels", "graph", "agents", "accounts",
                            "timeseries", "cascade", "events", "snapshots"})
    EXPECT_THAT(header, HasSubstr(std::string("GROUP \"") + group + "\"")) << group;
  EXPECT_THAT(header, HasSubstr("DATASET \"state_counts\""));
  EXPECT_THAT(header, HasSubstr("( 3, 2, 5, 6, 2 )"));
  EXPECT_THAT(header, HasSubstr("H5S_UNLIMITED"));  // the snapshots grow
}

TEST(Hdf5RunWriter, OpensInH5pyWithoutCustomCode) {
  const std::string python = "/usr/bin/python3";
  if (Shell(python + " -c 'import h5py' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "no h5py for " << python << " (Debian: python3-h5py)";
  const fs::path dir = TestDir();
  const std::string path = (dir / "run.h5").string();
  WriteSmallRun(path, RuntimeInfo{});
  const fs::path script = dir / "check.py";
  std::ofstream(script) << R"(import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as f:
    assert f.attrs["format"] == "firestorm-run", f.attrs["format"]  # str, not bytes
    assert int(f.attrs["format_version"]) == 1
    p = f["provenance"]
    assert int(p.attrs["seed"]) == 42 and p.attrs["seed"].dtype == np.uint64
    assert p.attrs["tick_seconds"] == 60.0 and p.attrs["scenario_name"] == "recall"
    assert "café" in p["scenario_yaml"][()].decode("utf-8")
    assert set(p["runtime"].attrs) == {"threads", "wall_seconds", "ticks_completed", "complete"}
    assert list(f["labels/state_names"].asstr()[:]) == ["unaware", "exposed", "spreader", "skeptic", "stifler"]
    assert list(f["labels/narrative_ids"].asstr()[:]) == ["rumor_recall", "counter"]
    assert f["graph/offsets"].dtype == np.uint64 and f["graph/offsets"].shape == (6,)
    assert f["graph/followers"].shape == (5,)
    assert f["agents/kind"].dtype == np.uint8 and list(f["agents/kind"][:]) == [4, 0, 1, 2, 3]
    assert f["agents/accounts/fact_checkers"].shape == (0,)
    assert f["agents/accounts/fact_checkers"][:].size == 0
    ts = f["timeseries"]
    assert ts["state_counts"].shape == (3, 2, 5, 6, 2) and ts["state_counts"].dtype == np.uint32
    assert ts["state_counts"].attrs["axes"] == "tick,narrative,state,kind,community"
    assert ts["posts"].shape == (3, 2, 6)
    assert ts["reach"].shape == (3, 2) and ts["reach"].dtype == np.uint64
    assert list(ts["time_seconds"][:]) == [60.0, 120.0, 180.0]
    assert f["cascade/parent"][0] == 4294967295
    assert list(f["events/detail"].asstr()[:])[1] == "added 120 bots ✓"
    s = f["snapshots"]
    assert s["state"].shape == (2, 2, 5) and s["state"].maxshape == (None, 2, 5)
    assert s["outrage"].shape == (2, 5) and s["outrage"].dtype == np.float32
    assert s["outrage"].compression == "gzip" and s["outrage"].shuffle
    assert list(s["tick"][:]) == [0, 2]
print("ok")
)";
  std::string output;
  EXPECT_EQ(Shell(python + " '" + script.string() + "' '" + path + "' 2>&1", &output), 0) << output;
  EXPECT_THAT(output, HasSubstr("ok"));
}

// ---- reproducibility ----

TEST(Hdf5RunWriter, SameRunGivesTheSameBytesOutsideRuntime) {
  const fs::path dir = TestDir();
  const std::string a = (dir / "a.h5").string(), b = (dir / "b.h5").string(),
                    c = (dir / "c.h5").string();
  WriteSmallRun(a, RuntimeInfo{.threads = 1, .wall_seconds = 2.0, .ticks_completed = 3});
  {  // something else in between, so recycled memory holds other bytes
    const World noisy = NoisyWorld(50'000);
    Hdf5RunWriter other((dir / "other.h5").string(), MakeHeader(), false);
    other.WriteWorld(noisy);
    other.AppendSnapshot(0, noisy.population);
  }
  WriteSmallRun(b, RuntimeInfo{.threads = 8, .wall_seconds = 0.75, .ticks_completed = 3});
  // HDF5 object times have a resolution of one second: c must be written in a later second.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  WriteSmallRun(c, RuntimeInfo{.threads = 1, .wall_seconds = 2.0, .ticks_completed = 3});

  const std::string bytes_a = ReadBytes(a), bytes_b = ReadBytes(b), bytes_c = ReadBytes(c);
  ASSERT_EQ(bytes_a.size(), bytes_c.size());
  EXPECT_EQ(DifferingBytes(bytes_a, bytes_c), 0u);  // identical runs, identical bytes
  ASSERT_EQ(bytes_a.size(), bytes_b.size());
  const std::size_t differing = DifferingBytes(bytes_a, bytes_b);
  EXPECT_GT(differing, 0u);
  EXPECT_LE(differing, 16u);  // threads, wall_seconds and the runtime header's checksum

  if (!HaveTool("h5diff")) GTEST_SKIP() << "h5diff is not installed (Debian: hdf5-tools)";
  std::string output;
  EXPECT_EQ(Shell("h5diff --exclude-path /provenance/runtime '" + a + "' '" + b + "' 2>&1", &output),
            0)
      << output;
  EXPECT_EQ(Shell("h5diff '" + a + "' '" + b + "' >/dev/null 2>&1"), 1);  // runtime does differ
}

// ---- reader ----

TEST(Hdf5Reader, ReportsMissingAndCorruptFiles) {
  const fs::path dir = TestDir();
  EXPECT_THROW(Hdf5Reader((dir / "missing.h5").string()), InputError);
  std::ofstream(dir / "text.h5") << "not hdf5 at all\n";
  try {
    Hdf5Reader reader((dir / "text.h5").string());
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("not an HDF5 file"));
    EXPECT_EQ(e.where().file, (dir / "text.h5").string());
  }
  const std::string path = (dir / "run.h5").string();
  WriteSmallRun(path, RuntimeInfo{});
  const std::string bytes = ReadBytes(path);
  std::ofstream(dir / "truncated.h5", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  EXPECT_THROW(Hdf5Reader::OpenRun((dir / "truncated.h5").string()), InputError);
}

TEST(Hdf5Reader, ReportsMissingObjectsAndWrongTypes) {
  const std::string path = (TestDir() / "run.h5").string();
  WriteSmallRun(path, RuntimeInfo{});
  const Hdf5Reader f = Hdf5Reader::OpenRun(path);
  EXPECT_TRUE(f.Exists("/graph/offsets"));
  EXPECT_TRUE(f.IsGroup("/graph"));
  EXPECT_TRUE(f.IsDataset("/graph/offsets"));
  EXPECT_FALSE(f.IsGroup("/graph/offsets"));
  EXPECT_FALSE(f.Exists("/graph/nothing"));
  EXPECT_FALSE(f.Exists("/nothing/deeper"));
  EXPECT_FALSE(f.Exists("/graph/offsets/deeper"));
  try {
    f.Read<float>("/agents/nothing");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("/agents/nothing"));
  }
  EXPECT_THROW(f.ReadAttribute<double>("/provenance", "nothing"), InputError);
  EXPECT_THROW(f.ListGroup("/graph/offsets"), InputError);
  EXPECT_THROW(f.Read<std::string>("/graph/offsets"), InputError);
  EXPECT_THROW(f.Read<double>("/labels/state_names"), InputError);
  EXPECT_THROW(f.ReadRows<float>("/snapshots/trust", 1, 2), std::out_of_range);
  EXPECT_THAT(f.ListAttributes("/provenance"),
              ElementsAre("firestorm_version", "git_revision", "playbook", "scenario_name", "seed",
                          "tick_seconds", "ticks_requested"));
  // Numbers convert on read: the uint8 kinds read as uint32.
  EXPECT_THAT(f.Read<std::uint32_t>("/agents/kind"), ElementsAre(4, 0, 1, 2, 3));
}

// Corrupt storage records (found by fuzzing) that libhdf5 1.10 acts on unchecked: a size
// it would allocate (about 4 GB), or a chunk marked as stored without its compression, which
// it would copy as a whole chunk, reading past the stored bytes. The reader refuses the
// dataset first, whole or by rows, and the rest of the file still reads.
TEST(Hdf5Reader, RefusesDatasetsWithCorruptStorageRecords) {
  const std::string regressions = FIRESTORM_SOURCE_DIR "/tests/fuzz/regressions/hdf5_reader/";
  struct Case {
    const char* file;
    const char* dataset;
    const char* problem;
  };
  const Case cases[] = {
      {"oom-chunk-size-1d", "/snapshots/tick",
       "/snapshots/tick has a chunk record that fits neither its chunk nor the file"},
      {"oom-chunk-size-3d", "/snapshots/state",
       "/snapshots/state has a chunk record that fits neither its chunk nor the file"},
      {"overflow-chunk-filters-skipped", "/snapshots/state",
       "/snapshots/state has a chunk record that fits neither its chunk nor the file"}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file);
    const Hdf5Reader f(regressions + c.file);
    // The message tells the check's refusal apart from a failure inside libhdf5.
    EXPECT_THAT([&] { f.Read<std::uint32_t>(c.dataset); },
                ThrowsMessage<InputError>(AllOf(HasSubstr(c.problem),
                                                HasSubstr("the file is corrupt"))));
    EXPECT_THAT([&] { f.ReadRows<std::uint32_t>(c.dataset, 0, 2); },
                ThrowsMessage<InputError>(HasSubstr(c.problem)));
    EXPECT_EQ(f.Read<std::uint32_t>("/graph/offsets").size(), f.Shape("/graph/offsets")[0]);
  }
}

// Reads by rows check only the chunks they touch: an intact row of a dataset with one
// corrupt chunk still reads, and the same values as from the intact file.
TEST(Hdf5Reader, ChecksOnlyTheChunksARowReadTouches) {
  const std::string source = FIRESTORM_SOURCE_DIR "/tests/fuzz/";
  const Hdf5Reader intact(source + "seeds/hdf5_reader/tiny_run.h5");
  const Hdf5Reader corrupt(source + "regressions/hdf5_reader/oom-chunk-size-3d");
  const std::uint64_t rows = intact.Shape("/snapshots/state")[0];
  int readable = 0;
  for (std::uint64_t row = 0; row < rows; ++row) {
    try {
      EXPECT_EQ(corrupt.ReadRows<std::uint32_t>("/snapshots/state", row, 1),
                intact.ReadRows<std::uint32_t>("/snapshots/state", row, 1));
      ++readable;
    } catch (const InputError& e) {
      EXPECT_THAT(e.what(), HasSubstr("has a chunk record that fits neither"));
    }
  }
  EXPECT_EQ(readable, rows - 1) << "exactly one snapshot row holds the corrupt chunk";
}

// Files written by other tools: variable-length string datasets, fixed-length string
// attributes, and files that are HDF5 but not Firestorm runs (or from a newer Firestorm).
TEST(Hdf5Reader, ReadsFilesWrittenByH5py) {
  const std::string python = "/usr/bin/python3";
  if (Shell(python + " -c 'import h5py' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "no h5py for " << python << " (Debian: python3-h5py)";
  const fs::path dir = TestDir();
  const fs::path script = dir / "make.py";
  std::ofstream(script) << R"(import sys, h5py, numpy as np
with h5py.File(sys.argv[1] + "/plain.h5", "w") as f:
    f.create_dataset("names", data=["a", "bé", ""], dtype=h5py.string_dtype())
    f["names"].attrs["fixed"] = np.bytes_(b"fixed ascii")
    f["names"].attrs["variable"] = "variable é"
    f.create_dataset("grid", data=np.arange(6, dtype=np.int64).reshape(2, 3))
    # Chunked, with partial edge chunks, under pipelines the storage check must accept.
    big = np.arange(35, dtype=np.float32).reshape(5, 7)
    f.create_dataset("chunked/plain", data=big, chunks=(2, 3))
    f.create_dataset("chunked/fletcher", data=big, chunks=(2, 3), fletcher32=True)
    f.create_dataset("chunked/shuffle_gzip", data=big, chunks=(2, 3), shuffle=True, compression="gzip")
    noise = np.random.default_rng(1).integers(0, 256, 5000, dtype=np.uint8)
    f.create_dataset("chunked/noise_gzip", data=noise, chunks=(1024,), compression="gzip")
    f.create_dataset("chunked/names", data=["x", "yy", "zzz"], dtype=h5py.string_dtype(), chunks=(2,))
    f.create_dataset("chunked/unwritten", shape=(3, 4), dtype=np.float32, chunks=(2, 2), fillvalue=7)
with h5py.File(sys.argv[1] + "/future.h5", "w") as f:
    f.attrs["format"] = "firestorm-run"
    f.attrs["format_version"] = np.uint32(99)
)";
  std::string output;
  ASSERT_EQ(Shell(python + " '" + script.string() + "' '" + dir.string() + "' 2>&1", &output), 0)
      << output;

  const Hdf5Reader f((dir / "plain.h5").string());
  EXPECT_THAT(f.Read<std::string>("/names"), ElementsAre("a", "bé", ""));
  EXPECT_EQ(f.ReadAttribute<std::string>("/names", "fixed"), "fixed ascii");
  EXPECT_EQ(f.ReadAttribute<std::string>("/names", "variable"), "variable é");
  EXPECT_EQ(f.TypeName("/grid"), "int64");
  EXPECT_THAT(f.Read<std::int32_t>("/grid"), ElementsAre(0, 1, 2, 3, 4, 5));
  EXPECT_THAT(f.ReadRows<double>("/grid", 1, 1), ElementsAre(3.0, 4.0, 5.0));
  EXPECT_THAT(f.ListGroup("/"), ElementsAre("chunked", "grid", "names"));
  std::vector<float> big(35);
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<float>(i);
  for (const char* name : {"/chunked/plain", "/chunked/fletcher", "/chunked/shuffle_gzip"}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(f.Read<float>(name), big);
    EXPECT_EQ(f.ReadRows<float>(name, 3, 2), std::vector<float>(big.begin() + 21, big.end()));
  }
  EXPECT_EQ(f.Read<std::uint32_t>("/chunked/noise_gzip").size(), 5000u);
  EXPECT_THAT(f.Read<std::string>("/chunked/names"), ElementsAre("x", "yy", "zzz"));
  EXPECT_EQ(f.Read<float>("/chunked/unwritten"), std::vector<float>(12, 7.0f));
  EXPECT_THROW(Hdf5Reader::OpenRun((dir / "plain.h5").string()), InputError);
  try {
    Hdf5Reader::OpenRun((dir / "future.h5").string());
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("newer"));
  }
}

}  // namespace
}  // namespace firestorm
