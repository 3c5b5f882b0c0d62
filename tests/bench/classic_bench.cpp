// Classic-model and graph-generation throughput (Google Benchmark). Sizes: a "small" graph that
// fits in the last-level cache and a "large" one that does not. Counters: edges visited per
// second for the SIR kernel, edges generated per second for the streaming CSR generators.
// Run: build/tests/bench/firestorm_bench --benchmark_filter='Classic|Generate'
// (docs/performance.md, "Classic models and scale").
#include <benchmark/benchmark.h>

#include <map>
#include <memory>

#include "sim/classic/classic_models.hpp"
#include "sim/graph/stored_graph.hpp"

namespace firestorm {
namespace {

GraphSpec BarabasiAlbertSpec(std::uint64_t agents) {
  GraphSpec spec;
  spec.generator = GraphGenerator::kBarabasiAlbert;
  spec.agents = agents;
  spec.attach_edges = 5;
  return spec;
}

// Graphs are expensive: build each size once per process.
const StoredGraph& GraphFor(std::uint64_t agents) {
  static std::map<std::uint64_t, std::unique_ptr<StoredGraph>> cache;
  auto& slot = cache[agents];
  if (!slot) slot = std::make_unique<StoredGraph>(GenerateStoredGraph(BarabasiAlbertSpec(agents), 42));
  return *slot;
}

// One whole SIR epidemic (beta 0.05, gamma 0.1, 10 seeds) on BA(m = 5), a new seed each time.
void BM_ClassicSirEpidemic(benchmark::State& state) {
  const StoredGraph& g = GraphFor(static_cast<std::uint64_t>(state.range(0)));
  ClassicModelSpec spec;
  spec.kind = ClassicModelKind::kSir;
  ClassicRunOptions options;
  options.keep_agent_state = false;
  std::uint64_t seed = 1, visited = 0, infected = 0;
  for (auto _ : state) {
    const ClassicRunResult r = RunClassicModel(spec, g.view(), seed++, options);
    visited += r.edge_visits;
    infected += r.EverLeftFirst();
  }
  state.counters["agents"] = g.num_agents();
  state.counters["edges"] = static_cast<double>(g.num_edges());
  state.counters["edges_visited_per_s"] =
      benchmark::Counter(static_cast<double>(visited), benchmark::Counter::kIsRate);
  state.counters["final_share"] =
      static_cast<double>(infected) / static_cast<double>(state.iterations()) / g.num_agents();
}
BENCHMARK(BM_ClassicSirEpidemic)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// A fixed number of ticks of the tick-by-tick models, for their per-tick cost.
void BM_ClassicModelTicks(benchmark::State& state) {
  const StoredGraph& g = GraphFor(100'000);
  ClassicModelSpec spec;
  spec.kind = static_cast<ClassicModelKind>(state.range(0));
  spec.max_ticks = 50;
  spec.initial_infected = 1000;
  ClassicRunOptions options;
  options.keep_agent_state = false;
  std::uint64_t seed = 1;
  for (auto _ : state) benchmark::DoNotOptimize(RunClassicModel(spec, g.view(), seed++, options));
  state.SetLabel(std::string(ClassicModelName(spec.kind)));
}
BENCHMARK(BM_ClassicModelTicks)
    ->Arg(static_cast<int>(ClassicModelKind::kSis))
    ->Arg(static_cast<int>(ClassicModelKind::kSeiz))
    ->Arg(static_cast<int>(ClassicModelKind::kVoter))
    ->Arg(static_cast<int>(ClassicModelKind::kDeffuant))
    ->Unit(benchmark::kMillisecond)->UseRealTime();

// Streaming CSR generation (two passes over the keyed draws, no edge list).
void BM_GenerateStoredGraph(benchmark::State& state) {
  GraphSpec spec;
  spec.generator = state.range(0) == 0 ? GraphGenerator::kBarabasiAlbert : GraphGenerator::kEchoChambers;
  spec.agents = static_cast<std::uint64_t>(state.range(1));
  spec.attach_edges = 5;
  spec.mean_followers = 50;
  spec.communities = 12;
  EdgeIndex edges = 0;
  for (auto _ : state) edges += GenerateStoredGraph(spec, 42).num_edges();
  state.SetLabel(state.range(0) == 0 ? "barabasi_albert" : "echo_chambers");
  state.counters["edges_per_s"] = benchmark::Counter(static_cast<double>(edges), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_GenerateStoredGraph)->Args({0, 1'000'000})->Args({1, 1'000'000})
    ->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace firestorm
