// Helpers for the robustness tests: a fresh folder per test, child processes of the
// `firestorm` binary that can be signalled, limited (RLIMIT_FSIZE) or run as another user,
// and reads of run files.
#pragma once

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace firestorm::robustness {

namespace fs = std::filesystem;

inline std::string Firestorm() { return FIRESTORM_BINARY; }

// A fresh folder per test, so tests may run in parallel (ctest -j).
inline fs::path TestDir() {
  const char* env = std::getenv("FIRESTORM_TEST_TMP");
  const fs::path base = env != nullptr ? fs::path(env) : fs::temp_directory_path() / "firestorm_tests";
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path dir = base / (std::string(info->test_suite_name()) + "." + info->name());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

inline std::string WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
  return path.string();
}

inline std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct ChildOptions {
  std::optional<rlim_t> file_size_limit;  // RLIMIT_FSIZE, with SIGXFSZ ignored (writes fail EFBIG)
  std::optional<uid_t> uid;               // run as this user (and its group = uid)
  std::optional<rlim_t> address_space_limit;  // RLIMIT_AS (ulimit -v), in bytes
};

struct Outcome {
  int exit_code = -1;   // -1 when killed by a signal
  int signal = 0;       // the signal that killed it, or 0
  std::string output;   // stdout and stderr together
};

// A `firestorm` child process; its stdout and stderr go to a pipe read by Wait().
class Child {
 public:
  Child(const std::vector<std::string>& args, const ChildOptions& options = {}) {
    int fds[2];
    if (::pipe(fds) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(fds[1], STDOUT_FILENO);
      ::dup2(fds[1], STDERR_FILENO);
      ::close(fds[0]);
      ::close(fds[1]);
      if (options.file_size_limit) {
        ::signal(SIGXFSZ, SIG_IGN);  // inherited across exec: write() fails with EFBIG instead
        const rlimit limit{*options.file_size_limit, *options.file_size_limit};
        ::setrlimit(RLIMIT_FSIZE, &limit);
      }
      if (options.address_space_limit) {
        const rlimit limit{*options.address_space_limit, *options.address_space_limit};
        ::setrlimit(RLIMIT_AS, &limit);
      }
      if (options.uid && (::setgroups(0, nullptr) != 0 || ::setgid(*options.uid) != 0 ||
                          ::setuid(*options.uid) != 0))
        ::_exit(126);
      std::vector<char*> argv;
      std::vector<std::string> owned = args;
      owned.insert(owned.begin(), Firestorm());
      for (std::string& a : owned) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    out_ = fds[0];
  }
  ~Child() {
    if (pid_ > 0 && !waited_) {
      ::kill(pid_, SIGKILL);
      Wait();
    }
    if (out_ >= 0) ::close(out_);
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return pid_; }
  void Signal(int signal) const { ::kill(pid_, signal); }

  Outcome Wait() {
    Outcome o;
    char buffer[4096];
    for (ssize_t n; (n = ::read(out_, buffer, sizeof buffer)) > 0;) o.output.append(buffer, static_cast<std::size_t>(n));
    int status = 0;
    ::waitpid(pid_, &status, 0);
    waited_ = true;
    if (WIFEXITED(status)) o.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) o.signal = WTERMSIG(status);
    return o;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  bool waited_ = false;
};

inline Outcome RunFirestorm(const std::vector<std::string>& args, const ChildOptions& options = {}) {
  Child child(args, options);
  return child.Wait();
}

// Waits until `path` exists (or the timeout passes); true if it appeared.
inline bool WaitForFile(const fs::path& path, std::chrono::seconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    std::error_code ec;
    if (fs::exists(path, ec)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

// Files in `dir` (names only), to check that a failed run left nothing behind.
inline std::vector<std::string> FilesIn(const fs::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) names.push_back(entry.path().filename().string());
  return names;
}

// h5diff of two run files, ignoring what depends on the machine (/provenance/runtime).
inline int H5diff(const fs::path& a, const fs::path& b, std::string* output = nullptr) {
  const std::string command = "h5diff --exclude-path /provenance/runtime '" + a.string() + "' '" +
                              b.string() + "' 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[4096];
  std::string text;
  while (std::fgets(buffer, sizeof buffer, pipe)) text += buffer;
  const int status = ::pclose(pipe);
  if (output) *output = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace firestorm::robustness
