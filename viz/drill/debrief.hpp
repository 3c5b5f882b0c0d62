// The debrief: how the trainee did against two baselines on the same crisis (same scenario,
// same facilitator injects, same length): doing nothing, and the best playbook the scenario
// ships. Each baseline is played `replicates` times (seeds seed, seed+1, ...: the first is
// the trainee's own seed, a paired comparison) directly through Simulation, without writing
// files. Outcomes are analysis's crisis metrics (analysis/metrics/crisis_metrics.hpp): peak
// mean outrage, final mean trust and reach (share of agents ever exposed to a crisis
// narrative). The best playbook is the one with the lowest mean of
// peak_outrage + reach_share - final_trust.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sim/dynamics/scenario.hpp"
#include "sim/dynamics/simulation.hpp"

namespace firestorm::viz {

struct OutcomeStats {
  std::string name;              // "trainee", "no response", a playbook's name
  int runs = 0;
  double peak_outrage = 0, final_trust = 0, reach_share = 0;  // means over runs
  double peak_outrage_min = 0, peak_outrage_max = 0;
  double final_trust_min = 0, final_trust_max = 0;
  double reach_share_min = 0, reach_share_max = 0;
  std::vector<double> outrage_curve, trust_curve;  // mean over runs, per tick
  double score() const { return peak_outrage + reach_share - final_trust; }
};

struct DrillOutcome {
  OutcomeStats trainee;
  OutcomeStats no_response;
  std::vector<OutcomeStats> playbooks;  // every shipped playbook
  int best = -1;                        // index into playbooks, -1 when there is none
  int replicates = 0;
};

// Computes the trainee's outcome from the drill's simulation.
OutcomeStats TraineeOutcome(const Simulation& drill);
// Plays the baselines of `scenario` (the drill's scenario with its facilitator injects) for
// `ticks` ticks. `progress(done, total)` is called after each run.
DrillOutcome ComputeDebrief(const Scenario& scenario, Tick ticks, const OutcomeStats& trainee,
                            int replicates, const std::function<void(int, int)>& progress = {});

}  // namespace firestorm::viz
