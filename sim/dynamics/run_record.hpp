// What a run produces besides the final agent state: per-tick time series and the event log.
// Filled by Simulation, written by io/hdf5_writer, read back by analysis and the viewer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/types.hpp"
#include "sim/population/population_state.hpp"

namespace firestorm {

// Every array is flattened row-major with tick as the slowest axis. Row t holds the
// state at the end of tick t.
struct TimeSeries {
  std::uint32_t narratives = 0;
  std::uint32_t communities = 0;
  std::vector<Tick> tick;
  std::vector<std::uint32_t> state_counts;  // [tick][narrative][state][kind][community]
  std::vector<std::uint32_t> posts;         // [tick][narrative][author kind]
  std::vector<std::uint64_t> reach;         // [tick][narrative]: agents ever exposed
  std::vector<std::uint64_t> deliveries;    // [tick]: posts seen by a follower
  std::vector<double> outrage_mean, outrage_std;  // [tick], over agents not removed
  std::vector<double> trust_mean, trust_std;
  std::vector<double> opinion_mean, opinion_std;
  std::vector<double> monitored_negative_per_hour;  // [tick]: what social listening estimates

  std::size_t num_ticks() const { return tick.size(); }
};

// Actions, injects and other moments, in the order they happened.
struct EventRecord {
  Tick tick = 0;
  std::string category;  // "action" or "inject"
  std::string type;      // e.g. "acknowledge", "bot_wave"
  std::string narrative; // the narrative id concerned ("" = all)
  std::string detail;    // the message, or what the event did ("removed 812 bots")
};

// Rumor cascades: one row per agent ever exposed to a narrative.
struct CascadeRecord {
  std::vector<NarrativeId> narrative;
  std::vector<AgentId> child;
  std::vector<AgentId> parent;  // kNoAgent for seeds
  std::vector<Tick> tick;       // tick of first exposure
};

// Rows sorted by (narrative, tick, child): identical for any thread count.
CascadeRecord ExtractCascade(const PopulationState& population);

struct RunRecord {
  TimeSeries series;
  std::vector<EventRecord> events;
};

}  // namespace firestorm
