// The engine's working memory besides the agents' own columns: per-agent inboxes that
// delivery fills (plain adds, one thread per block of readers) and the update drains, the
// platform-wide state that actions change, and the per-tick constants derived from both.
#pragma once

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <vector>

#include "sim/core/types.hpp"
#include "sim/dynamics/geometric_skip.hpp"
#include "sim/graph/huge_array.hpp"
#include "sim/response/action_spec.hpp"

namespace firestorm {

inline constexpr std::uint32_t kWeightScale = 16;      // exposure weights in 1/16 units
inline constexpr std::uint32_t kWeightMask = 0x00FFFFFF;
inline constexpr double kChargeScale = 4096.0;        // fixed point of summed emotional charge
inline constexpr double kOpinionScale = 4096.0;       // fixed point of summed opinion pull

// One author's pull on a reader, in fixed point: std::lround(diff * kOpinionScale), inline and
// without a branch. |x| + 0.5 is exact in a double for x a float times 4096 (24 significant
// bits, |x| <= 8192) unless |x| < 2^-30, where it is far below 1; truncating it is then the
// floor that lround takes. The sign goes back with integer operations on the float's sign
// bit: written as a comparison, GCC 12 compiled it to a branch that mispredicted on about
// half the records.
inline std::int32_t OpinionPull(float diff) {
  const double x = static_cast<double>(std::fabs(diff)) * kOpinionScale;
  const auto magnitude = static_cast<std::int32_t>(x + 0.5);
  const std::int32_t negative = std::bit_cast<std::int32_t>(diff) >> 31;  // 0 or -1
  return (magnitude ^ negative) - negative;
}

// What one agent received this tick, besides per-narrative exposures. One 16-byte record so
// a delivery touches one cache line of it.
struct Inbox {
  float opinion;            // the agent's opinion at the start of the tick (read by senders)
  std::uint32_t charge;     // sum of emotional charge of posts seen, fixed point
  std::int32_t pull;        // sum of (author - reader) opinion within the confidence bound
  std::uint32_t pull_count; // number of those authors
};

// A seen post that reached a reader still unaware of its narrative: the candidates for the
// reader's cascade parent, who is the author with the smallest keyed priority. Gathered per
// block of readers while its seen posts are applied, sorted, and read by the update in
// agent order, so no per-agent word is kept for it.
struct FirstExposure {
  AgentId reader;
  NarrativeId narrative;
  std::uint64_t key;  // keyed priority << 32 | author

  friend bool operator<(const FirstExposure& a, const FirstExposure& b) {
    if (a.reader != b.reader) return a.reader < b.reader;
    if (a.narrative != b.narrative) return a.narrative < b.narrative;
    return a.key < b.key;
  }
};

struct Inboxes {
  Column<Inbox> agent;
  // [narrative][agent]: NarrativeState in the top byte (a copy kept for senders) and the
  // credibility-weighted exposures of this tick in the low 24 bits.
  std::vector<Column<std::uint32_t>> exposure;
  Column<std::uint16_t> last_statement_read;  // per agent: statements react once each
  // Per agent: the next tick the latest statement comes up in the news for an aware agent who
  // has not read it, as a DueWord (geometric_wait.hpp).
  Column<Tick> news_due;
};

// Platform-wide state that actions and injects change.
struct GlobalState {
  Tick crisis_start = kNever;         // first tick a crisis narrative was seeded
  std::uint16_t statements = 0;       // statements issued so far (ids 1..statements)
  ActionType tone = ActionType::kNoResponse;  // the latest statement's kind
  bool statement_this_tick = false;
  bool trust_recovering = false;      // after an apology or a transparency update
  bool accommodated = false;          // an acknowledgement, apology or update was issued
  bool statement_inconsistent = false; // the latest statement contradicted another spokesperson
  std::vector<std::uint8_t> labelled; // per narrative
  std::vector<double> credibility;    // per narrative (leaks change it)
  std::vector<double> rank_factor;    // per narrative: downranking multiplies see-probability
  std::vector<double> debunk_boost;   // per narrative: visual debunks persuade more
  std::uint32_t forward_limit = 0;    // most followers one post reaches (0 = no limit)
  // An emergency broadcast this tick: who it reaches and which narratives it counters.
  double broadcast_reach = 0;
  std::vector<std::uint8_t> broadcast_targets;  // per narrative
  // Moderators work through a takedown at a limited pace.
  std::vector<AgentId> takedown_queue;  // accounts still to remove, in order
  std::size_t takedown_next = 0;
  double takedown_per_tick = 0;       // 0 = remove everything at once
  double takedown_credit = 0;         // removals owed by the pace so far
  double takedown_precision = 1.0;
  std::uint64_t takedown_wrongly_removed = 0;  // real users removed by mistake so far
  std::uint64_t false_positive_salt = 0;       // distinguishes batches of wrongful removals
};

// Progress of a triggered action or inject.
struct TriggerWatch {
  Tick held = 0;       // consecutive ticks the condition has held
  bool fired = false;
};

// Per-narrative numbers for one tick.
struct NarrativeTick {
  double see_probability;   // attention x feed rank x label
  GeometricSkip skip;       // followers passed over between two who see a post
  float share_probability;  // beta x label
  float credibility;
  float charge;
  float stance;
  float literacy_weight;    // how much literacy resists it (false 1, unknown 0.5, true 0)
  std::uint32_t charge_fixed;
  int debunked_by;          // narrative id of its debunk, or -1
  int debunks;              // target if it is a debunk, else -1
  float debunk_boost;       // visual debunks persuade this much more (1 = plain)
  bool against_organization;
  bool crisis;              // a rumor or outrage narrative
  bool broadcast_target;    // countered by this tick's emergency broadcast
};

struct TickConstants {
  Tick tick;
  double hours;                        // tick length in hours
  std::vector<NarrativeTick> narrative;
  std::array<std::uint32_t, 8> kind_weight;  // credibility of each author kind, 1/16 units
  float outrage_decay;                 // 2^(-dt / half-life)
  float silence_anger;                 // added this tick to aware agents' outrage (x (1-a))
  float forgetting;                    // per-tick probability
  float skepticism;                    // per-tick probability, times literacy
  float adopt_later;                   // per-tick SEIZ epsilon
  float trust_erosion;                 // per-tick share
  float trust_recovery;                // per-tick share of the gap to baseline (0 = none)
  std::uint32_t forward_limit;         // most followers one post reaches (0 = no limit)
  float broadcast_reach;               // share of agents an emergency broadcast reaches now
  bool statement_news;                 // statements also reach aware agents through the news
  float statement_read_probability;    // per tick, for an aware agent who has not read the latest
  float polarization;                  // per-tick rho
  std::uint16_t statement;             // latest statement id (0 = none)
};

}  // namespace firestorm
