// The organization's response actions and the scripted injects, as a scenario declares them.
// Times are in ticks (the parser converts "45m" with the run's tick length).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/types.hpp"

namespace firestorm {

enum class ActionType : std::uint8_t {
  kNoResponse,          // the explicit baseline: nothing is done
  kAcknowledge,         // empathetic holding statement
  kApologize,           // accept responsibility
  kDefend,              // defensive reply or denial
  kTransparencyUpdate,  // factual update (often repeating)
  kDebunk,              // fact-checkers and the organization post a correction
  kEngageInfluencers,   // partner influencers relay the official line
  kBotTakedown,         // remove detected bots (recall, precision)
  kLabel,               // platform labels the narrative's posts
};
inline constexpr int kNumActionTypes = 9;
inline constexpr std::array<std::string_view, kNumActionTypes> kActionTypeNames = {
    "no_response", "acknowledge", "apologize",         "defend",  "transparency_update",
    "debunk",      "engage_influencers", "bot_takedown", "label"};

// Statements are actions whose message is read by the public and changes outrage and trust.
constexpr bool IsStatement(ActionType t) {
  return t == ActionType::kAcknowledge || t == ActionType::kApologize ||
         t == ActionType::kDefend || t == ActionType::kTransparencyUpdate;
}

inline constexpr NarrativeId kAllNarratives = 0xFF;

struct ActionSpec {
  ActionType type = ActionType::kNoResponse;
  Tick at = 0;               // first tick it fires
  Tick every = 0;            // repeat period in ticks (0 = once)
  Tick until = kNever;       // last tick a repeat may fire
  NarrativeId narrative = kAllNarratives;  // the crisis narrative it targets
  std::uint32_t partners = 10;  // engage_influencers: how many influencers
  double recall = 0.5;          // bot_takedown: share of bots removed
  double precision = 0.9;       // bot_takedown: share of removed accounts that are bots
  std::string message;          // free text, recorded in the events
};

enum class InjectType : std::uint8_t {
  kMediaPickup,      // media accounts start spreading the narrative
  kBotWave,          // `size` bots start spreading the narrative
  kLeak,             // new evidence: the narrative's credibility changes by `credibility`
  kInfluencerJoins,  // `size` influencers start spreading the narrative
};
inline constexpr int kNumInjectTypes = 4;
inline constexpr std::array<std::string_view, kNumInjectTypes> kInjectTypeNames = {
    "media_pickup", "bot_wave", "leak", "influencer_joins"};

struct InjectSpec {
  InjectType type = InjectType::kMediaPickup;
  Tick at = 0;
  NarrativeId narrative = 0;
  std::uint64_t size = 0;   // bot_wave / influencer_joins: accounts activated (0 = all / 5)
  double credibility = 0;   // leak: added to the narrative's credibility
  std::string message;
};

// A named list of actions: one strategy a planner wants to test.
struct Playbook {
  std::string name;
  std::vector<ActionSpec> actions;
};

}  // namespace firestorm
