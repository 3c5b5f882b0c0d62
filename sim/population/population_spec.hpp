// Who is on the platform: the rules that assign account kinds and draw each agent's traits.
#pragma once

#include <array>
#include <cstdint>

#include "sim/population/agent_kind.hpp"

namespace firestorm {

// A count written either as a number of agents or as a share of all agents ("2%").
struct Amount {
  double value = 0;
  bool is_fraction = false;
  std::uint64_t Resolve(std::uint64_t num_agents) const {
    const double v = is_fraction ? value * static_cast<double>(num_agents) : value;
    return v <= 0 ? 0 : static_cast<std::uint64_t>(v + 0.5);
  }
};

// Accounts that are added on top of the graph with a chosen number of followers.
struct SpecialAccounts {
  std::uint32_t count = 0;
  Amount followers{0.01, true};  // followers of each account, drawn uniformly among agents
};

// Per-kind behaviour. Trait values are clamped to their ranges after drawing.
struct KindTraits {
  double activity_per_hour = 0.5;  // posts per hour while spreading (lognormal mean)
  double activity_spread = 1.0;    // sigma of log(activity): heavy tail across agents
  double credibility = 1.0;        // weight of this kind's posts in a reader's exposure count
  double literacy_mean = 0.4, literacy_sd = 0.2;  // in [0, 1]
  double trust_mean = 0.6, trust_sd = 0.15;       // trust in the organization, in [0, 1]
};

struct PopulationSpec {
  Amount bots{0.01, true};
  Amount influencers{0.001, true};  // the most-followed ordinary accounts
  SpecialAccounts media{20, {0.02, true}};
  SpecialAccounts fact_checkers{3, {0.01, true}};
  SpecialAccounts organization{1, {0.05, true}};
  std::uint32_t bot_follows_bots = 10;   // each bot is followed by this many other bots
  std::uint32_t bot_hub_targets = 3;     // influencers who see each bot's posts (mentions)
  // Opinion: communities sit at camp positions spread over [-polarization, +polarization];
  // each agent is its camp's position plus Normal(0, opinion_sd), clamped to [-1, 1].
  double polarization = 0.6;
  double opinion_sd = 0.25;
  std::array<KindTraits, kNumAgentKinds> traits = DefaultTraits();

  static constexpr std::array<KindTraits, kNumAgentKinds> DefaultTraits() {
    std::array<KindTraits, kNumAgentKinds> t{};
    t[static_cast<int>(AgentKind::kUser)] = {0.5, 1.0, 1.0, 0.4, 0.2, 0.6, 0.15};
    t[static_cast<int>(AgentKind::kInfluencer)] = {1.5, 0.5, 1.5, 0.5, 0.2, 0.6, 0.15};
    t[static_cast<int>(AgentKind::kBot)] = {6.0, 0.3, 0.5, 0.0, 0.0, 0.2, 0.1};
    t[static_cast<int>(AgentKind::kMedia)] = {3.0, 0.3, 2.0, 0.7, 0.1, 0.6, 0.1};
    t[static_cast<int>(AgentKind::kOrganization)] = {2.0, 0.0, 1.5, 0.9, 0.0, 1.0, 0.0};
    t[static_cast<int>(AgentKind::kFactChecker)] = {3.0, 0.2, 2.5, 0.95, 0.0, 0.7, 0.1};
    return t;
  }
};

}  // namespace firestorm
