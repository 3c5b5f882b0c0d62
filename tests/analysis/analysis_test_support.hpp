// Shared by the analysis tests: a scratch folder per test, a small scenario, a shell runner.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "sim/dynamics/scenario.hpp"
#include "sim/io/config_yaml.hpp"

namespace firestorm::testing {

// A fresh folder for the running test under $FIRESTORM_TEST_TMP (or /tmp).
inline std::filesystem::path ScratchDir() {
  const char* base = std::getenv("FIRESTORM_TEST_TMP");
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::filesystem::path dir = std::filesystem::path(base ? base : "/tmp") /
                                    (std::string("analysis_") + info->test_suite_name() + "_" + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// Three echo chambers of 1000 agents, one outrage narrative, a response and two injects,
// two hours with a snapshot every 30 minutes: a full run file in well under a second.
inline Scenario SmallScenario() {
  return ParseScenario(R"(name: Small analysis crisis
description: A tiny crisis for the analysis tests.
graph: {generator: echo_chambers, agents: 3000, mean_followers: 15, communities: 3, homophily: 0.9}
population: {bots: 2%, influencers: 1%, media: {count: 3, followers: 5%}}
narratives:
  - {id: video, kind: outrage, veracity: true, emotional_charge: 0.9, share_probability: 0.15,
     seeds: {count: 15, kind: user, at: 0m}}
playbooks:
  empathy:
    - {action: acknowledge, at: 20m}
    - {action: apologize, at: 1h}
injects:
  - {at: 30m, event: media_pickup, narrative: video}
  - {at: 45m, event: bot_wave, narrative: video, size: 30}
run: {duration: 2h, tick: 1m, seed: 5, snapshot_every: 30m}
)",
                       "small.yaml", "");
}

struct ShellResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

inline ShellResult Shell(const std::string& command) {
  ShellResult r;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return r;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe)) r.output += buffer;
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace firestorm::testing
