// Helpers shared by the graph tests: tiny graphs, thread-count control, temporary files,
// the real data sets, and catching InputError messages.
#pragma once

#include <gtest/gtest.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/graph/csr_graph.hpp"

namespace firestorm::testing {

inline CsrGraph MakeGraph(AgentId agents, const std::vector<Edge>& edges) {
  return BuildFollowerGraph(agents, edges);
}

// Each agent's followers, as plain vectors, for ElementsAre-style comparisons.
inline std::vector<std::vector<AgentId>> Rows(const CsrGraph& g) {
  std::vector<std::vector<AgentId>> rows;
  for (AgentId u = 0; u < g.num_agents(); ++u) {
    const auto f = g.followers_of(u);
    rows.emplace_back(f.begin(), f.end());
  }
  return rows;
}

// Runs f with exactly `threads` worker slots (more than the cores is allowed on purpose: the
// work is then split differently from a 1- or 2-thread run).
template <typename F>
auto WithThreads(int threads, F&& f) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads));
  tbb::task_arena arena(threads);
  return arena.execute(f);
}

// A fresh folder for the current test, under FIRESTORM_TEST_TMP when CTest sets it.
inline std::filesystem::path TestDir() {
  const char* root = std::getenv("FIRESTORM_TEST_TMP");
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir =
      root ? std::filesystem::path(root) : std::filesystem::path(::testing::TempDir());
  dir /= std::string("graph_") + info->test_suite_name() + "_" + info->name();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::string WriteFile(const std::filesystem::path& path, const std::string& contents) {
  std::ofstream(path, std::ios::binary) << contents;
  return path.string();
}

inline std::string DataFile(const std::string& relative) {
  return std::string(FIRESTORM_DATA_DIR) + "/" + relative;
}
inline std::string FixtureFile(const std::string& name) {
  return std::string(FIRESTORM_SOURCE_DIR) + "/tests/data/graphs/" + name;
}

// The message of the InputError that f throws; fails the test if it throws nothing.
template <typename F>
std::string InputErrorOf(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected an InputError";
  return {};
}

}  // namespace firestorm::testing
