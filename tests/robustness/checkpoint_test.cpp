// Checkpoint and resume (docs/reliability.md).
//
// The state round trip is the guard against a Simulation member that is not saved: a busy
// simulation (paced takedown under way, triggers half-held, monitoring, labels, downranking,
// leaks, statements, broadcasts) is saved and restored at many ticks, and every restored copy
// must finish exactly as the uninterrupted run does: same population, record, events and
// final state bytes. A member that is not saved makes the continuation differ.
//
// End to end: a run killed with SIGKILL after a checkpoint and resumed (twice) writes a file
// that h5diff finds equal to an uninterrupted run's; SIGINT leaves a checkpoint that resume
// picks up, replacing the incomplete output; damaged checkpoints are refused clearly.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <thread>

#include "sim/dynamics/simulation.hpp"
#include "sim/dynamics/simulation_state_io.hpp"
#include "sim/io/config_yaml.hpp"
#include "sim/io/hdf5_reader.hpp"
#include "tests/robustness/robustness_util.hpp"

namespace firestorm::robustness {
namespace {

using ::testing::HasSubstr;

// Every kind of state the engine keeps between ticks is in play here.
constexpr char kBusyScenario[] = R"(name: Busy checkpoint
graph: {generator: echo_chambers, agents: 3000, mean_followers: 12, communities: 4}
platform: {feed: engagement, forward_limit: 40}
population:
  bots: 3%
  influencers: 1%
  media: {count: 3, followers: 5%}
  fact_checkers: {count: 2, followers: 3%}
  organization: {count: 1, followers: 10%}
narratives:
  - {id: video, kind: outrage, veracity: true, emotional_charge: 0.9, share_probability: 0.08,
     seeds: {count: 15, kind: user, at: 0m}}
  - {id: rumor, kind: rumor, veracity: false, emotional_charge: 0.6, share_probability: 0.06,
     seeds: {count: 10, kind: bot, at: 20m}}
  - {id: fix, kind: debunk, target: rumor}
monitoring: {sample_rate: 20%, detect_above: 20, detect_for: 10m}
response_team: {spokespeople: 3, consistency: 0.5}
playbooks:
  busy:
    - {action: acknowledge, when: detected, delay: 10m}
    - {action: debunk, at: 1h, narrative: rumor, visual: true}
    - {action: bot_takedown, at: 90m, recall: 0.8, precision: 0.7, moderators_per_hour: 20}
    - {action: label, at: 2h, narrative: rumor}
    - {action: downrank, at: 150m, narrative: video, factor: 0.6}
    - {action: emergency_broadcast, at: 3h, reach: 30%, narrative: rumor}
    - {action: transparency_update, at: 2h, every: 1h, until: 8h}
    - {action: engage_influencers, at: 4h, partners: 3, alignment: -0.5}
    - action: remedial_action
      when: {metric: mean_outrage, above: 0.02, for: 20m}
      delay: 30m
    - {action: apologize, when: {metric: reach_share, above: 0.2, for: 15m}}
injects:
  - {at: 30m, event: media_pickup, narrative: video}
  - {at: 1h, event: bot_wave, narrative: rumor, size: 40}
  - {at: 100m, event: leak, narrative: video, credibility: +0.2}
  - {event: offline_event, narrative: video, when: {metric: spreaders_share, above: 0.01, for: 30m}, outrage: 0.1}
  - {at: 5h, event: second_wave, narrative: rumor, size: 20}
run: {duration: 10h, tick: 1m, seed: 17, snapshot_every: 1h}
)";

Scenario BusyScenario() {
  return ParseScenario(kBusyScenario, "busy.yaml", std::string(FIRESTORM_SOURCE_DIR) + "/scenarios");
}

std::string SaveBytes(const Simulation& sim) {
  std::ostringstream out;
  state_io::Writer writer(out);
  SimulationStateIo::Save(sim, writer);
  return out.str();
}

Simulation LoadBytes(const Scenario& scenario, const std::string& bytes) {
  std::istringstream in(bytes);
  state_io::Reader reader(in, bytes.size());
  Simulation sim = SimulationStateIo::Load(scenario, reader);
  EXPECT_EQ(reader.left(), 0u) << "Load must read everything Save wrote";
  return sim;
}

// Everything observable about a finished run, as one string to compare.
std::string Observable(const Simulation& sim) {
  std::ostringstream out;
  state_io::Writer w(out);
  const PopulationState& p = sim.population();
  w.Vector(p.opinion);
  w.Vector(p.trust);
  w.Vector(p.outrage);
  w.Vector(p.removed);
  for (const NarrativeColumns& c : p.narratives) {
    w.Vector(c.state);
    w.Vector(c.parent);
    w.Vector(c.exposed_at);
  }
  const TimeSeries& s = sim.record().series;
  w.Vector(s.state_counts);
  w.Vector(s.posts);
  w.Vector(s.reach);
  w.Vector(s.deliveries);
  for (const auto* v : {&s.outrage_mean, &s.outrage_std, &s.trust_mean, &s.trust_std,
                        &s.opinion_mean, &s.opinion_std, &s.monitored_negative_per_hour})
    w.Vector(*v);
  for (const EventRecord& e : sim.record().events)
    w.String(std::to_string(e.tick) + e.category + e.type + e.narrative + e.detail);
  w.Value(sim.listening().negative_per_hour());
  w.Value(sim.listening().detected_at());
  return out.str() + SaveBytes(sim);
}

void Finish(Simulation& sim) {
  while (!sim.done()) sim.Step();
}

TEST(CheckpointState, RestoredSimulationsFinishExactlyAsTheUninterruptedRun) {
  const Scenario scenario = BusyScenario();
  Simulation reference(scenario, BuildScenarioWorld(scenario));
  Finish(reference);
  const std::string expected = Observable(reference);
  // The scenario must really exercise what it is meant to: otherwise this test proves little.
  std::string kinds;
  for (const EventRecord& e : reference.record().events) kinds += e.type + " ";
  for (const char* type : {"crisis_detected", "acknowledge", "bot_takedown", "remedial_action",
                           "apologize", "offline_event", "emergency_broadcast", "second_wave"})
    EXPECT_THAT(kinds, HasSubstr(type)) << "the busy scenario no longer triggers " << type;

  // Before anything happens, around the triggers and the paced takedown, near the end.
  for (const Tick at : {0u, 1u, 25u, 61u, 95u, 100u, 130u, 151u, 181u, 240u, 301u, 450u, 599u}) {
    SCOPED_TRACE("checkpoint after tick " + std::to_string(at));
    Simulation first(scenario, BuildScenarioWorld(scenario));
    while (first.ticks_done() < at) first.Step();
    const std::string saved = SaveBytes(first);
    Simulation resumed = LoadBytes(scenario, saved);
    ASSERT_EQ(resumed.ticks_done(), at);
    EXPECT_EQ(SaveBytes(resumed), saved) << "a restored state must save to the same bytes";
    Finish(resumed);
    EXPECT_TRUE(Observable(resumed) == expected) << "the continuation differs from the uninterrupted run";
  }
}

TEST(CheckpointState, TruncatedOrForeignStateIsRefused) {
  const Scenario scenario = BusyScenario();
  Simulation sim(scenario, BuildScenarioWorld(scenario));
  for (int i = 0; i < 10; ++i) sim.Step();
  const std::string saved = SaveBytes(sim);
  for (const std::size_t keep : {std::size_t{0}, std::size_t{3}, saved.size() / 2, saved.size() - 1})
    EXPECT_THROW(LoadBytes(scenario, saved.substr(0, keep)), StateFormatError) << keep;
  std::string other_version = saved;
  other_version[0] = static_cast<char>(other_version[0] + 1);
  EXPECT_THROW(LoadBytes(scenario, other_version), StateFormatError);
}

// ---- end to end, through the command line ----

// About 3 s of work on one core, so a checkpoint exists well before the end.
std::string LongerScenario(const fs::path& dir) {
  std::string text = kBusyScenario;
  text.replace(text.find("agents: 3000"), 12, "agents: 12000");
  text.replace(text.find("duration: 10h"), 13, "duration: 20h");
  return WriteFile(dir / "busy.yaml", text);
}

// Starts a checkpointed run (or resume), waits for a checkpoint newer than `after`, kills it.
void KillAfterCheckpoint(const std::vector<std::string>& args, const fs::path& checkpoint,
                         fs::file_time_type after) {
  Child child(args);
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(300);
  std::error_code ec;
  while (std::chrono::steady_clock::now() < until &&
         !(fs::exists(checkpoint, ec) && fs::last_write_time(checkpoint, ec) > after))
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  child.Signal(SIGKILL);
  const Outcome o = child.Wait();
  ASSERT_EQ(o.signal, SIGKILL) << "the run ended before it could be killed:\n" << o.output;
}

TEST(Resume, KilledTwiceAndResumedIsBitIdenticalToAnUninterruptedRun) {
  const fs::path dir = TestDir();
  const std::string scenario = LongerScenario(dir);
  const fs::path reference = dir / "reference.h5", out = dir / "run.h5";
  const fs::path checkpoint = dir / "run.h5.checkpoint";
  Outcome o = RunFirestorm({"run", scenario, "-q", "--threads", "2", "-o", reference.string()});
  ASSERT_EQ(o.exit_code, 0) << o.output;

  KillAfterCheckpoint({"run", scenario, "-q", "--threads", "2", "-o", out.string(),
                       "--checkpoint-every", "2h"},
                      checkpoint, fs::file_time_type::min());
  EXPECT_FALSE(fs::exists(out)) << "a killed run leaves no file under the output name";
  // Killed again while resuming, after its next checkpoint.
  KillAfterCheckpoint({"resume", checkpoint.string(), "-q", "--threads", "1"}, checkpoint,
                      fs::last_write_time(checkpoint));
  o = RunFirestorm({"resume", checkpoint.string(), "-q", "--threads", "3"});
  ASSERT_EQ(o.exit_code, 0) << o.output;
  EXPECT_THAT(o.output, HasSubstr("Output written to " + out.string()));

  std::string diff;
  EXPECT_EQ(H5diff(reference, out, &diff), 0) << diff;
  EXPECT_FALSE(fs::exists(checkpoint)) << "a completed run deletes its checkpoint";
  EXPECT_FALSE(fs::exists(checkpoint.string() + ".tmp"));
  EXPECT_FALSE(fs::exists(out.string() + ".tmp"));
  const Hdf5Reader r = Hdf5Reader::OpenRun(out.string());
  EXPECT_EQ(r.ReadAttribute<std::int32_t>("/provenance/runtime", "complete"), 1);
}

TEST(Resume, InterruptedRunLeavesACheckpointThatResumeCompletes) {
  const fs::path dir = TestDir();
  const std::string scenario = LongerScenario(dir);
  const fs::path reference = dir / "reference.h5", out = dir / "run.h5";
  const fs::path checkpoint = dir / "saved.ckpt";
  Outcome o = RunFirestorm({"run", scenario, "-q", "-o", reference.string()});
  ASSERT_EQ(o.exit_code, 0) << o.output;

  Child child({"run", scenario, "-q", "-o", out.string(), "--checkpoint-every", "10h",
               "--checkpoint", checkpoint.string()});
  ASSERT_TRUE(WaitForFile(out.string() + ".tmp", std::chrono::seconds(300)));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  child.Signal(SIGINT);
  o = child.Wait();
  ASSERT_EQ(o.exit_code, 5) << o.output;
  EXPECT_THAT(o.output, HasSubstr("Resume with: firestorm resume " + checkpoint.string()));
  ASSERT_TRUE(fs::exists(checkpoint));
  ASSERT_TRUE(fs::exists(out)) << "the interrupted run's output, marked incomplete";

  o = RunFirestorm({"resume", checkpoint.string(), "-q"});  // replaces the incomplete output
  ASSERT_EQ(o.exit_code, 0) << o.output;
  std::string diff;
  EXPECT_EQ(H5diff(reference, out, &diff), 0) << diff;
  // A complete output is not replaced without --force.
  o = RunFirestorm({"run", scenario, "-q", "-o", out.string(), "--checkpoint-every", "1h"});
  EXPECT_EQ(o.exit_code, 4) << o.output;
}

TEST(Resume, DamagedCheckpointsAreRefusedClearly) {
  const fs::path dir = TestDir();
  const std::string scenario = LongerScenario(dir);
  const fs::path out = dir / "run.h5", checkpoint = dir / "run.ckpt";
  Child child({"run", scenario, "-q", "-o", out.string(), "--checkpoint-every", "1h",
               "--checkpoint", checkpoint.string()});
  ASSERT_TRUE(WaitForFile(checkpoint, std::chrono::seconds(300)));
  child.Signal(SIGKILL);
  child.Wait();
  const std::string bytes = ReadBytes(checkpoint);
  ASSERT_GT(bytes.size(), 1000u);

  const auto resume = [&](const std::string& name, const std::string& content) {
    const std::string path = WriteFile(dir / name, content);
    return RunFirestorm({"resume", path, "-q", "-o", (dir / (name + ".h5")).string()});
  };
  Outcome o = resume("truncated.ckpt", bytes.substr(0, bytes.size() / 2));
  EXPECT_EQ(o.exit_code, 3) << o.output;
  EXPECT_THAT(o.output, HasSubstr("truncated"));
  std::string flipped = bytes;
  flipped[bytes.size() / 3] = static_cast<char>(flipped[bytes.size() / 3] ^ 0x10);
  o = resume("flipped.ckpt", flipped);
  EXPECT_EQ(o.exit_code, 3) << o.output;
  EXPECT_THAT(o.output, HasSubstr("corrupt"));
  o = resume("other.ckpt", "name: not a checkpoint\n");
  EXPECT_EQ(o.exit_code, 3) << o.output;
  EXPECT_THAT(o.output, HasSubstr("not a Firestorm checkpoint"));
  for (const char* name : {"truncated.ckpt.h5", "flipped.ckpt.h5", "other.ckpt.h5"})
    EXPECT_FALSE(fs::exists(dir / name)) << name;
}

TEST(Resume, UnwritableCheckpointFolderFailsBeforeTheRun) {
  const fs::path dir = TestDir();
  const Outcome o = RunFirestorm({"run", LongerScenario(dir), "-q", "-o", (dir / "run.h5").string(),
                                  "--checkpoint-every", "1h", "--checkpoint",
                                  (dir / "missing" / "run.ckpt").string()});
  EXPECT_EQ(o.exit_code, 4) << o.output;
  EXPECT_THAT(o.output, HasSubstr("does not exist"));
  EXPECT_THAT(o.output, ::testing::Not(HasSubstr("Summary")));
  EXPECT_FALSE(fs::exists(dir / "run.h5"));
}

TEST(Resume, BadCheckpointIntervalIsAUsageError) {
  const fs::path dir = TestDir();
  const Outcome o = RunFirestorm({"run", LongerScenario(dir), "--checkpoint-every", "soon"});
  EXPECT_EQ(o.exit_code, 2) << o.output;
  EXPECT_THAT(o.output, HasSubstr("duration"));
}

}  // namespace
}  // namespace firestorm::robustness
