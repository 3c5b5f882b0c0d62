// Resource guard (docs/reliability.md): a run, a sweep or a fork that would not fit in memory
// is refused before anything big is allocated, with the estimate, the memory available and
// where that figure comes from; `--dry-run` prints the estimate. The child processes run
// under an address-space limit (ulimit -v) far below what the graph would need, so a
// refusal that came only after allocating would show up as an out-of-memory failure instead.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/robustness/robustness_util.hpp"

namespace firestorm::robustness {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;  // their shadow memory needs terabytes of address space
#else
constexpr bool kSanitized = false;
#endif

constexpr rlim_t kLimit = rlim_t{1} << 30;  // 1 GiB of address space

// 2·10^7 agents with 50 follows each: about 4 GB of graph, whatever the engine.
std::string OversizedCrisis(const fs::path& dir) {
  return WriteFile(dir / "big.yaml", R"(name: Too big
graph: {generator: echo_chambers, agents: 20_000_000, mean_followers: 50}
narratives: [{id: rumor, kind: rumor}]
playbooks: {silence: [{action: no_response}]}
run: {duration: 2h}
)");
}

TEST(ResourceGuard, OversizedRunIsRefusedBeforeAllocation) {
  if (kSanitized) GTEST_SKIP() << "sanitizers cannot run under an address-space limit";
  const fs::path dir = TestDir();
  const Outcome o = RunFirestorm({"run", OversizedCrisis(dir), "-q", "-o", (dir / "run.h5").string()},
                                 {.address_space_limit = kLimit});
  EXPECT_EQ(o.exit_code, 3) << o.output;
  EXPECT_THAT(o.output, HasSubstr("needs an estimated"));
  EXPECT_THAT(o.output, HasSubstr("20000000 agents"));
  EXPECT_THAT(o.output, HasSubstr("is available (ulimit -v)"));
  EXPECT_THAT(o.output, HasSubstr("--dry-run"));
  EXPECT_THAT(o.output, Not(HasSubstr("bad_alloc")));
  EXPECT_THAT(FilesIn(dir), ::testing::ElementsAre("big.yaml")) << "no output, no temporary file";
}

TEST(ResourceGuard, OversizedClassicModelIsRefusedBeforeAllocation) {
  if (kSanitized) GTEST_SKIP() << "sanitizers cannot run under an address-space limit";
  const fs::path dir = TestDir();
  const std::string scenario = WriteFile(dir / "sir.yaml", R"(name: Big SIR
graph: {generator: barabasi_albert, agents: 100_000_000, attach_edges: 5}
model: {kind: sir}
)");
  const Outcome o = RunFirestorm({"run", scenario, "-q", "-o", (dir / "run.h5").string()},
                                 {.address_space_limit = kLimit});
  EXPECT_EQ(o.exit_code, 3) << o.output;
  EXPECT_THAT(o.output, HasSubstr("needs an estimated"));
  EXPECT_FALSE(fs::exists(dir / "run.h5"));
}

// A sweep plays its replicates side by side: the check counts one world per worker thread.
TEST(ResourceGuard, SweepCountsItsParallelReplicates) {
  if (kSanitized) GTEST_SKIP() << "sanitizers cannot run under an address-space limit";
  const fs::path dir = TestDir();
  const Outcome o = RunFirestorm({"sweep", OversizedCrisis(dir), "--replicates", "4", "--threads", "2",
                                  "-o", (dir / "sweep.h5").string()},
                                 {.address_space_limit = kLimit});
  EXPECT_EQ(o.exit_code, 3) << o.output;
  EXPECT_THAT(o.output, HasSubstr("for 2 runs at once"));
  EXPECT_THAT(o.output, HasSubstr("fewer threads"));
  EXPECT_FALSE(fs::exists(dir / "sweep.h5"));
}

TEST(ResourceGuard, ForkIsRefusedBeforeAllocation) {
  if (kSanitized) GTEST_SKIP() << "sanitizers cannot run under an address-space limit";
  const fs::path dir = TestDir();
  const Outcome o = RunFirestorm({"run", OversizedCrisis(dir), "-q", "--fork-at", "1h", "--strategies",
                                  "silence", "-o", (dir / "run.h5").string()},
                                 {.address_space_limit = kLimit});
  EXPECT_EQ(o.exit_code, 3) << o.output;
  EXPECT_THAT(o.output, HasSubstr("for 2 runs at once"));
}

// --dry-run prints the estimate and the limit it would be checked against, allocates nothing
// and writes nothing, even for a run that would be refused.
TEST(ResourceGuard, DryRunPrintsTheEstimateAndWritesNothing) {
  if (kSanitized) GTEST_SKIP() << "sanitizers cannot run under an address-space limit";
  const fs::path dir = TestDir();
  const Outcome o = RunFirestorm({"run", OversizedCrisis(dir), "--dry-run", "-o", (dir / "run.h5").string()},
                                 {.address_space_limit = kLimit});
  EXPECT_EQ(o.exit_code, 0) << o.output;
  EXPECT_THAT(o.output, HasSubstr("Memory estimate (crisis"));
  EXPECT_THAT(o.output, HasSubstr("follower edges      1000000000"));
  EXPECT_THAT(o.output, HasSubstr("(ulimit -v)"));
  EXPECT_FALSE(fs::exists(dir / "run.h5"));
}

// The same scenario at a size that fits runs normally under the same limit.
TEST(ResourceGuard, ARunThatFitsIsNotRefused) {
  if (kSanitized) GTEST_SKIP() << "sanitizers cannot run under an address-space limit";
  const fs::path dir = TestDir();
  const Outcome o = RunFirestorm({"run", OversizedCrisis(dir), "-q", "--agents", "2000", "-o",
                                  (dir / "run.h5").string()},
                                 {.address_space_limit = rlim_t{4} << 30});
  EXPECT_EQ(o.exit_code, 0) << o.output;
  EXPECT_TRUE(fs::exists(dir / "run.h5"));
}

}  // namespace
}  // namespace firestorm::robustness
