// The headline numbers of a run, printed at the end of `firestorm run`.
#pragma once

#include <string>
#include <vector>

#include "sim/dynamics/narrative_spec.hpp"
#include "sim/dynamics/run_record.hpp"

namespace firestorm {

struct NarrativeSummary {
  std::string id;
  std::uint64_t reach = 0;            // agents ever exposed, at the end
  double reach_share = 0;             // reach / agents
  std::uint64_t peak_spreaders = 0;
  Tick peak_spreaders_tick = 0;
  std::uint64_t posts = 0;
  std::uint64_t posts_by_bots = 0;
};

struct RunSummary {
  AgentId agents = 0;
  Tick ticks = 0;
  std::vector<NarrativeSummary> narratives;
  double peak_outrage = 0;            // peak of the mean outrage
  Tick peak_outrage_tick = 0;
  double final_outrage = 0;
  double initial_trust = 0;           // mean trust after the first tick
  double final_trust = 0;
  std::uint64_t deliveries = 0;
  Tick detected_tick = kNever;        // when social listening declared a crisis
  Tick first_response_tick = kNever;  // the first action the organization took
};

RunSummary Summarize(const RunRecord& record, const std::vector<NarrativeSpec>& narratives,
                     AgentId agents);

}  // namespace firestorm
