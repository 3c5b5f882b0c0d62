// Runs a scenario whose `model:` selects a classic model (SIR, rumors, voter, ...): the graph
// (through graph.cache when set), the model on it, and one HDF5 file in the run-file layout
// where it fits (docs/hdf5-schema.md, "Classic models"). RunScenario dispatches here.
#pragma once

#include <functional>

#include "sim/classic/classic_models.hpp"
#include "sim/io/run_scenario.hpp"

namespace firestorm {

// The root attribute `format` of a classic-model run file.
inline constexpr char kClassicRunFormat[] = "firestorm-classic-run";

// `scenario` has the options' overrides applied; options.ticks caps model.max_ticks.
// Throws InputError, OutputError.
RunResult RunClassicScenario(const Scenario& scenario, const RunOptions& options,
                             const std::function<void(const RunProgress&)>& progress);

// One text block summarising a classic run (final counts, ticks, timing) for the CLI.
std::string ClassicRunSummary(const ClassicRunResult& result, double simulate_seconds);

}  // namespace firestorm
