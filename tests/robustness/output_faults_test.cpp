// Output faults (docs/reliability.md, docs/errors.md): a full disk, an unwritable folder, a
// missing folder or a missing input give a clear message, a non-zero exit code and no file,
// not even a temporary one.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/mount.h>

#include "tests/robustness/robustness_util.hpp"

namespace firestorm::robustness {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// About 4 MB of output: snapshots of 20,000 agents every 10 minutes for 6 hours.
std::string BigOutputScenario(const fs::path& dir) {
  return WriteFile(dir / "big.yaml", R"(name: Big output
graph: {generator: erdos_renyi, agents: 20000, mean_followers: 6}
narratives:
  - {id: rumor, kind: rumor, share_probability: 0.05, seeds: {count: 20, kind: user, at: 0m}}
run: {duration: 6h, tick: 5m, seed: 3, snapshot_every: 10m}
)");
}

// A 1 MiB tmpfs at `dir`, unmounted on destruction; mounted() is false where mounting is not
// allowed (no CAP_SYS_ADMIN, as in many containers).
class SmallDisk {
 public:
  explicit SmallDisk(const fs::path& dir) : dir_(dir) {
    fs::create_directories(dir_);
    mounted_ = ::mount("tmpfs", dir_.c_str(), "tmpfs", 0, "size=1m") == 0;
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }

 private:
  fs::path dir_;
  bool mounted_ = false;
};

TEST(OutputFaults, FullDiskGivesAClearErrorAndNoFile) {
  const fs::path dir = TestDir();
  const fs::path disk = dir / "disk";
  SmallDisk small(disk);
  if (!small.mounted()) GTEST_SKIP() << "cannot mount a tmpfs here; see FileSizeLimit below";
  const Outcome o = RunFirestorm({"run", BigOutputScenario(dir), "-q", "-o", (disk / "run.h5").string()});
  EXPECT_EQ(o.exit_code, 4) << o.output;
  EXPECT_THAT(o.output, HasSubstr("No space left on device"));
  EXPECT_THAT(o.output, HasSubstr((disk / "run.h5").string()));
  EXPECT_THAT(FilesIn(disk), IsEmpty()) << "no partial or temporary file may remain";
}

// The same fault without privileges: RLIMIT_FSIZE makes every write past 256 KiB fail (EFBIG).
TEST(OutputFaults, FileSizeLimitGivesAClearErrorAndNoFile) {
  const fs::path dir = TestDir();
  const fs::path out_dir = dir / "out";
  fs::create_directories(out_dir);
  const std::string scenario = BigOutputScenario(dir);
  ChildOptions limited;
  limited.file_size_limit = 256 * 1024;
  const Outcome o = RunFirestorm({"run", scenario, "-q", "-o", (out_dir / "run.h5").string()}, limited);
  EXPECT_EQ(o.exit_code, 4) << o.output;
  EXPECT_THAT(o.output, HasSubstr("File too large"));
  EXPECT_THAT(FilesIn(out_dir), IsEmpty());
}

// As root, permission bits do not stop writes, so the folder is made immutable (chattr +i) or,
// where the filesystem has no such attribute, the run is done as user nobody.
TEST(OutputFaults, ReadOnlyFolderGivesAClearErrorAndNoFile) {
  const fs::path dir = TestDir();
  const fs::path locked = dir / "locked";
  fs::create_directories(locked);
  const std::string scenario = BigOutputScenario(dir);
  fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                              fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  ChildOptions options;
  bool immutable = false;
  if (::geteuid() == 0) {
    immutable = std::system(("chattr +i '" + locked.string() + "' 2>/dev/null").c_str()) == 0;
    if (!immutable) options.uid = 65534;  // nobody
  }
  const Outcome o = RunFirestorm({"run", scenario, "-q", "-o", (locked / "run.h5").string()}, options);
  if (immutable) std::system(("chattr -i '" + locked.string() + "'").c_str());
  if (o.exit_code == 126) GTEST_SKIP() << "cannot switch to user nobody here";
  EXPECT_EQ(o.exit_code, 4) << o.output;
  EXPECT_THAT(o.output, HasSubstr("not writable"));
  EXPECT_THAT(FilesIn(locked), IsEmpty());
  fs::permissions(locked, fs::perms::owner_all);
}

TEST(OutputFaults, MissingFolderGivesAClearError) {
  const fs::path dir = TestDir();
  const Outcome o = RunFirestorm({"run", BigOutputScenario(dir), "-q", "-o", (dir / "nowhere" / "run.h5").string()});
  EXPECT_EQ(o.exit_code, 4) << o.output;
  EXPECT_THAT(o.output, HasSubstr("does not exist"));
  EXPECT_FALSE(fs::exists(dir / "nowhere"));
}

TEST(OutputFaults, MissingInputIsAUsageErrorAndWritesNothing) {
  const fs::path dir = TestDir();
  const Outcome o = RunFirestorm({"run", (dir / "absent.yaml").string(), "-o", (dir / "run.h5").string()});
  EXPECT_EQ(o.exit_code, 2) << o.output;
  EXPECT_THAT(o.output, HasSubstr("absent.yaml"));
  EXPECT_FALSE(fs::exists(dir / "run.h5"));
}

TEST(OutputFaults, MissingGraphFileIsAnInputErrorAndWritesNothing) {
  const fs::path dir = TestDir();
  const std::string scenario = WriteFile(dir / "s.yaml", R"(name: x
graph: {generator: file, file: gone.txt}
narratives: [{id: a}]
)");
  const Outcome o = RunFirestorm({"run", scenario, "-o", (dir / "run.h5").string()});
  EXPECT_EQ(o.exit_code, 3) << o.output;
  EXPECT_THAT(o.output, HasSubstr("gone.txt"));
  EXPECT_FALSE(fs::exists(dir / "run.h5"));
}

// A scenario that is not a file of a sensible size (a device, a fifo that never ends) must
// not make the loader read for ever.
TEST(OutputFaults, EndlessInputIsRefused) {
  const Outcome o = RunFirestorm({"validate", "/dev/zero"});
  EXPECT_EQ(o.exit_code, 3) << o.output;
  EXPECT_THAT(o.output, AnyOf(HasSubstr("too large"), HasSubstr("not a regular file")));
}

}  // namespace
}  // namespace firestorm::robustness
