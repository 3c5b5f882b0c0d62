// Interrupted runs (docs/reliability.md): SIGINT or SIGTERM stops a run at the end of the
// current tick, writes a valid file marked incomplete and exits 5; SIGKILL leaves no file
// under the output name.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "sim/io/hdf5_reader.hpp"
#include "tests/robustness/robustness_util.hpp"

namespace firestorm::robustness {
namespace {

using ::testing::HasSubstr;

// Long enough (100 days of 1-minute ticks) that no run finishes before the signal.
std::string LongScenario(const fs::path& dir) {
  return WriteFile(dir / "long.yaml", R"(name: Long run
graph: {generator: echo_chambers, agents: 3000, mean_followers: 10, communities: 3}
population: {bots: 1%, media: {count: 2, followers: 5%}}
narratives:
  - {id: rumor, kind: rumor, veracity: false, share_probability: 0.05,
     seeds: {count: 10, kind: user, at: 0m}}
playbooks:
  steady:
    - {action: acknowledge, at: 30m}
    - {action: transparency_update, at: 2h, every: 2h}
run: {duration: 100d, tick: 1m, seed: 11, snapshot_every: 10m}
)");
}

// Starts a run, waits until it is playing ticks (its temporary file exists), lets it play a
// little and sends `signal`.
Outcome InterruptRun(const fs::path& dir, const fs::path& out, int signal) {
  Child child({"run", LongScenario(dir), "-q", "--threads", "2", "-o", out.string()});
  EXPECT_TRUE(WaitForFile(out.string() + ".tmp", std::chrono::seconds(120)))
      << "the run never started writing";
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  child.Signal(signal);
  return child.Wait();
}

void ExpectValidIncompleteFile(const fs::path& out) {
  ASSERT_TRUE(fs::exists(out));
  EXPECT_FALSE(fs::exists(out.string() + ".tmp"));
  const Hdf5Reader r = Hdf5Reader::OpenRun(out.string());
  EXPECT_EQ(r.ReadAttribute<std::int32_t>("/provenance/runtime", "complete"), 0);
  const auto done = r.ReadAttribute<std::uint32_t>("/provenance/runtime", "ticks_completed");
  const auto requested = r.ReadAttribute<std::uint32_t>("/provenance", "ticks_requested");
  EXPECT_EQ(requested, 100u * 24 * 60);
  EXPECT_LT(done, requested);
  // Every per-tick series holds exactly the ticks played, the last one being done - 1.
  const auto ticks = r.Read<std::uint32_t>("/timeseries/tick");
  ASSERT_EQ(ticks.size(), done);
  for (std::uint32_t t = 0; t < done; ++t) ASSERT_EQ(ticks[t], t);
  EXPECT_EQ(r.Shape("/timeseries/state_counts")[0], done);
  EXPECT_EQ(r.Shape("/timeseries/outrage_mean")[0], done);
  // Snapshots every 10 ticks, up to the last full interval.
  EXPECT_EQ(r.Shape("/snapshots/state")[0], done / 10);
  // The cascade and the events are complete for the ticks played.
  const auto cascade_ticks = r.Read<std::uint32_t>("/cascade/tick");
  EXPECT_FALSE(cascade_ticks.empty());
  EXPECT_TRUE(std::all_of(cascade_ticks.begin(), cascade_ticks.end(),
                          [&](std::uint32_t t) { return t < std::max(done, 1u); }));
}

TEST(Interrupt, SigintWritesAValidFileMarkedIncompleteAndExits5) {
  const fs::path dir = TestDir();
  const fs::path out = dir / "run.h5";
  const Outcome o = InterruptRun(dir, out, SIGINT);
  EXPECT_EQ(o.exit_code, 5) << o.output;
  EXPECT_THAT(o.output, HasSubstr("Interrupted after"));
  EXPECT_THAT(o.output, HasSubstr("marked incomplete"));
  ExpectValidIncompleteFile(out);
}

TEST(Interrupt, SigtermDoesTheSame) {
  const fs::path dir = TestDir();
  const fs::path out = dir / "run.h5";
  const Outcome o = InterruptRun(dir, out, SIGTERM);
  EXPECT_EQ(o.exit_code, 5) << o.output;
  ExpectValidIncompleteFile(out);
}

TEST(Interrupt, SigkillLeavesNothingUnderTheOutputName) {
  const fs::path dir = TestDir();
  const fs::path out = dir / "run.h5";
  const Outcome o = InterruptRun(dir, out, SIGKILL);
  EXPECT_EQ(o.signal, SIGKILL);
  EXPECT_FALSE(fs::exists(out)) << "a killed run must not leave a file a reader could take";
}

TEST(Interrupt, ACompleteRunIsMarkedComplete) {
  const fs::path dir = TestDir();
  const fs::path out = dir / "run.h5";
  const Outcome o = RunFirestorm({"run", LongScenario(dir), "-q", "--ticks", "30", "-o", out.string()});
  ASSERT_EQ(o.exit_code, 0) << o.output;
  const Hdf5Reader r = Hdf5Reader::OpenRun(out.string());
  EXPECT_EQ(r.ReadAttribute<std::int32_t>("/provenance/runtime", "complete"), 1);
  EXPECT_EQ(r.ReadAttribute<std::uint32_t>("/provenance/runtime", "ticks_completed"), 30u);
}

}  // namespace
}  // namespace firestorm::robustness
