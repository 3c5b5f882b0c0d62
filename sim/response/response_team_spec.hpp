// The organization's side: its social listening (what it can see of the platform) and its
// response team (how consistent its voice is, how many moderators it has).
#pragma once

#include <cstdint>

#include "sim/core/types.hpp"

namespace firestorm {

// Social listening samples posts, classifies their sentiment with some accuracy, and
// declares a crisis when the estimated negative mentions per hour stay above a threshold.
struct MonitoringSpec {
  double sample_rate = 0.05;          // share of posts the listening tool sees
  double sentiment_accuracy = 0.8;    // chance a sampled post's sentiment is classified right
  double detect_above = 500;          // negative mentions per hour (estimated) ...
  Tick detect_hold = 15;              // ... held this many ticks in a row (YAML: a duration)
};

struct ResponseTeamSpec {
  std::uint32_t spokespeople = 1;     // more than one voice risks inconsistent messages
  double consistency = 1.0;           // chance each statement is consistent with the others
};

}  // namespace firestorm
