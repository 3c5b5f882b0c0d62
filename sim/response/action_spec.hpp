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
  kArgue,               // answer angry comments combatively (it escalates)
  kDownrank,            // platform ranks the narrative's posts down
  kForwardLimit,        // closed groups: a post can be forwarded to few chats
  kEmergencyBroadcast,  // authorities push correct information to everyone's phone
  kRemedialAction,      // real remedies: fix the problem, change the policy
  kCompensation,        // pay or refund those affected
};
inline constexpr int kNumActionTypes = 15;
inline constexpr std::array<std::string_view, kNumActionTypes> kActionTypeNames = {
    "no_response",  "acknowledge",    "apologize",          "defend",
    "transparency_update", "debunk",  "engage_influencers", "bot_takedown",
    "label",        "argue",          "downrank",           "forward_limit",
    "emergency_broadcast", "remedial_action", "compensation"};

// Statements are actions whose message is read by the public and changes outrage and trust.
constexpr bool IsStatement(ActionType t) {
  return t == ActionType::kAcknowledge || t == ActionType::kApologize ||
         t == ActionType::kDefend || t == ActionType::kTransparencyUpdate ||
         t == ActionType::kArgue || t == ActionType::kRemedialAction ||
         t == ActionType::kCompensation;
}
// Statements that answer the public's demand for accountability (end the silence penalty).
constexpr bool IsAccommodative(ActionType t) {
  return IsStatement(t) && t != ActionType::kDefend && t != ActionType::kArgue;
}

// What starts an action or an inject.
enum class TriggerKind : std::uint8_t {
  kTime,       // `at:` a time since the start
  kDetected,   // `when: detected`: when monitoring declares a crisis, after `delay`
  kCondition,  // `when: {metric, above|below, for}`: a condition held for a while, after `delay`
};

// The quantities a condition can watch. Monitored ones are what the organization's social
// listening estimates (sampled, noisy); the others read the true state (for what-if studies).
enum class WatchedMetric : std::uint8_t {
  kNegativeMentionsPerHour,  // monitored estimate of crisis posts per hour
  kMentionsPerHour,          // monitored estimate of all posts about the crisis per hour
  kSpreadersShare,           // true share of agents spreading a crisis narrative
  kReachShare,               // true share of agents ever exposed to a crisis narrative
  kMeanOutrage,              // true mean outrage
  kMeanTrust,                // true mean trust
};
inline constexpr int kNumWatchedMetrics = 6;
inline constexpr std::array<std::string_view, kNumWatchedMetrics> kWatchedMetricNames = {
    "negative_mentions_per_hour", "mentions_per_hour", "spreaders_share",
    "reach_share",                "mean_outrage",      "mean_trust"};
constexpr bool IsMonitored(WatchedMetric m) {
  return m == WatchedMetric::kNegativeMentionsPerHour || m == WatchedMetric::kMentionsPerHour;
}

struct Trigger {
  TriggerKind kind = TriggerKind::kTime;
  WatchedMetric metric = WatchedMetric::kNegativeMentionsPerHour;
  bool above = true;        // fire when metric > threshold (false: metric < threshold)
  double threshold = 0;
  Tick hold = 0;            // the condition must hold this many ticks in a row
  Tick delay = 0;           // reaction delay after the trigger, in ticks
};

inline constexpr NarrativeId kAllNarratives = 0xFF;

struct ActionSpec {
  ActionType type = ActionType::kNoResponse;
  Trigger trigger;           // kTime: fires at `at`; otherwise at trigger time + delay
  Tick at = 0;               // first tick it fires (time triggers)
  Tick every = 0;            // repeat period in ticks (0 = once)
  Tick until = kNever;       // last tick a repeat may fire
  NarrativeId narrative = kAllNarratives;  // the crisis narrative it targets
  std::uint32_t partners = 10;  // engage_influencers: how many influencers
  double recall = 0.5;          // bot_takedown: share of bots removed
  double precision = 0.9;       // bot_takedown: share of removed accounts that are bots
  double moderators_per_hour = 0;  // bot_takedown: removals per hour (0 = all at once)
  bool visual = false;          // debunk: with visual content (more persuasive)
  double alignment = 0;         // engage_influencers: opinion of the partners sought
  std::uint32_t max_recipients = 5;  // forward_limit: most followers one post can reach
  double factor = 0.5;          // downrank: see-probability multiplier
  double reach = 0.6;           // emergency_broadcast: share of all agents reached
  std::string message;          // free text, recorded in the events
};

enum class InjectType : std::uint8_t {
  kMediaPickup,      // media accounts start spreading the narrative
  kBotWave,          // `size` bots start spreading the narrative
  kLeak,             // new evidence: the narrative's credibility changes by `credibility`
  kInfluencerJoins,  // `size` influencers start spreading the narrative
  kOfflineEvent,     // a protest, a hearing: aware agents' outrage rises by `outrage`
  kSecondWave,       // the narrative is seeded again by `size` ordinary users
};
inline constexpr int kNumInjectTypes = 6;
inline constexpr std::array<std::string_view, kNumInjectTypes> kInjectTypeNames = {
    "media_pickup", "bot_wave", "leak", "influencer_joins", "offline_event", "second_wave"};

struct InjectSpec {
  InjectType type = InjectType::kMediaPickup;
  Trigger trigger;
  Tick at = 0;
  NarrativeId narrative = 0;
  std::uint64_t size = 0;   // bot_wave / influencer_joins: accounts activated (0 = all / 5)
  double credibility = 0;   // leak: added to the narrative's credibility
  double outrage = 0.2;     // offline_event: outrage added to aware agents (times 1 - outrage)
  std::string message;
};

// A named list of actions: one strategy a planner wants to test.
struct Playbook {
  std::string name;
  std::vector<ActionSpec> actions;
};

}  // namespace firestorm
