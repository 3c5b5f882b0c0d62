// Forks: play a crisis once up to a moment, then branch that same state into several
// playbooks. The branches share the past exactly and, through the keyed random numbers,
// share every draw where they have not diverged: a planner's "from where we are now, what
// should we do next?".
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sim/io/run_scenario.hpp"

namespace firestorm {

// Writes one run file per strategy: "<output stem>-<strategy>.h5". The part before the fork
// follows the selected playbook (options.playbook or run.playbook).
std::vector<RunResult> RunForks(Scenario scenario, const RunOptions& options, Tick fork_at,
                                const std::vector<std::string>& strategies,
                                const std::function<void(const RunProgress&)>& progress = {});

}  // namespace firestorm
