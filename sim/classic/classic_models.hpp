// Classic spreading and opinion models on a follower graph, for comparison with the
// literature: SI, SIS, SIR, independent cascade, linear threshold, Daley–Kendall and
// Maki–Thompson rumors, SEIZ, voter, Deffuant and Hegselmann–Krause. Equations, laws and
// references: docs/models.md and the header block of each model's file.
//
// Conventions shared by every model:
// - Time is discrete and updates are synchronous: tick t reads the state at the end of tick
//   t - 1 and everything that happens in it is visible from tick t + 1 (graph-tool's
//   iterate_sync).
// - An edge u -> v of the follower graph means v follows u: u's state reaches v. Contagion
//   goes along followers (u infects v); the voter and bounded-confidence models read the
//   accounts an agent follows (v copies or averages u).
// - Parallel (TBB) and deterministic for any thread count: every draw is keyed by what it
//   decides (classic_rng.hpp); pushes accumulate integers with relaxed atomics or take
//   atomic minima; opinion updates are pulls that write only their own agent.
// - Row 0 of the counts is the state before the first tick; row t the state after tick t.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/classic/classic_model_spec.hpp"
#include "sim/graph/graph_view.hpp"

namespace firestorm {

struct ClassicRunResult {
  std::string model;                      // kClassicModelNames
  std::vector<std::string> compartments;  // e.g. S, I, R; opinion models: histogram bins
  std::vector<std::uint64_t> counts;      // [ticks + 1][compartments], row-major
  Tick ticks = 0;                         // ticks played
  bool finished = false;  // reached an absorbing (or converged) state before max_ticks
  std::vector<std::uint8_t> final_state;  // per agent: index into compartments
  std::vector<Tick> event_tick;           // SI/SIR/IC/LT/rumors/SEIZ: tick the agent left its
                                          // first compartment (kNever: never)
  std::vector<float> final_opinion;       // voter (as the opinion index), Deffuant, HK
  std::vector<double> opinion_mean, opinion_std;  // per row; opinion models only
  std::uint32_t clusters = 0;             // Deffuant, HK: opinion clusters at the end
  std::uint64_t edge_visits = 0;          // edges read by the kernel, a measure of work

  std::size_t num_compartments() const { return compartments.size(); }
  std::uint64_t Count(Tick row, std::size_t compartment) const {
    return counts[row * compartments.size() + compartment];
  }
  // Agents that ever left the first compartment (the final size of an epidemic).
  std::uint64_t EverLeftFirst() const;
};

struct ClassicRunOptions {
  bool keep_agent_state = true;           // fill final_state / event_tick / final_opinion
  std::function<void(Tick)> progress;     // called after each tick (from the calling thread)
  const std::atomic<bool>* stop = nullptr;  // checked between ticks; stops like max_ticks
  // When not empty: exactly these agents start infected / active / spreading, instead of
  // spec.initial_infected random ones (exact tests, chosen seeds). Ids must be < agents.
  std::vector<AgentId> initial_agents;
};

// Checks the parameters against the graph (InputError) and runs the model.
ClassicRunResult RunClassicModel(const ClassicModelSpec& spec, const GraphView& graph,
                                 std::uint64_t seed, const ClassicRunOptions& options = {});

// The models, one per file under sim/classic/.
ClassicRunResult RunSir(const GraphView& graph, const ClassicModelSpec& spec, std::uint64_t seed,
                        const ClassicRunOptions& options);  // also SI and IC
ClassicRunResult RunSis(const GraphView& graph, const ClassicModelSpec& spec, std::uint64_t seed,
                        const ClassicRunOptions& options);
ClassicRunResult RunLinearThreshold(const GraphView& graph, const ClassicModelSpec& spec,
                                    std::uint64_t seed, const ClassicRunOptions& options);
ClassicRunResult RunRumor(const GraphView& graph, const ClassicModelSpec& spec, std::uint64_t seed,
                          const ClassicRunOptions& options);  // Daley–Kendall, Maki–Thompson
ClassicRunResult RunSeiz(const GraphView& graph, const ClassicModelSpec& spec, std::uint64_t seed,
                         const ClassicRunOptions& options);
ClassicRunResult RunVoter(const GraphView& graph, const ClassicModelSpec& spec, std::uint64_t seed,
                          const ClassicRunOptions& options);
ClassicRunResult RunDeffuant(const GraphView& graph, const ClassicModelSpec& spec,
                             std::uint64_t seed, const ClassicRunOptions& options);
ClassicRunResult RunHegselmannKrause(const GraphView& graph, const ClassicModelSpec& spec,
                                     std::uint64_t seed, const ClassicRunOptions& options);

}  // namespace firestorm
