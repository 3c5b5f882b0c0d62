// Engine throughput: agent-updates/s and edge deliveries/s for one tick of the crisis model
// on echo-chamber graphs of 1M and 10M agents, plus the machine's random-read bound for
// comparison. Run: build/tests/bench/firestorm_bench  (see docs/performance.md).
#include <benchmark/benchmark.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_reduce.h>

#include <map>
#include <memory>

#include "sim/dynamics/simulation.hpp"

namespace firestorm {
namespace {

Scenario BenchScenario(AgentId agents) {
  Scenario s;
  s.name = "bench";
  s.graph.agents = agents;
  s.graph.mean_followers = 20;
  s.graph.communities = 12;
  NarrativeSpec video;
  video.id = "video";
  video.kind = NarrativeKind::kOutrage;
  video.veracity = Veracity::kTrue;
  video.emotional_charge = 0.9;
  video.share_probability = 0.1;
  video.seeds = {agents / 100, AgentKind::kUser, 0};  // 1% spreaders: a crisis in full swing
  s.narratives = {video};
  s.run.ticks = 1'000'000;
  s.run.seed = 42;
  return s;
}

// Worlds are expensive: build each size once per process.
Simulation& SimulationFor(AgentId agents) {
  static std::map<AgentId, std::unique_ptr<Simulation>> cache;
  auto& slot = cache[agents];
  if (!slot) {
    const Scenario s = BenchScenario(agents);
    slot = std::make_unique<Simulation>(s, BuildScenarioWorld(s));
    for (int i = 0; i < 5; ++i) slot->Step();  // past the seeding tick
  }
  return *slot;
}

void BM_CrisisTick(benchmark::State& state) {
  Simulation& sim = SimulationFor(static_cast<AgentId>(state.range(0)));
  const std::size_t first = sim.record().series.num_ticks();
  for (auto _ : state) sim.Step();
  const auto& deliveries = sim.record().series.deliveries;
  double delivered = 0;
  for (std::size_t t = first; t < deliveries.size(); ++t) delivered += static_cast<double>(deliveries[t]);
  const double ticks = static_cast<double>(state.iterations());
  state.counters["agents"] = static_cast<double>(sim.population().num_agents());
  state.counters["edges"] = static_cast<double>(sim.world().graph.num_edges());
  state.counters["agent_updates_per_s"] =
      benchmark::Counter(ticks * sim.population().num_agents(), benchmark::Counter::kIsRate);
  state.counters["deliveries_per_s"] = benchmark::Counter(delivered, benchmark::Counter::kIsRate);
  state.counters["deliveries_per_tick"] = delivered / ticks;
}
BENCHMARK(BM_CrisisTick)->Arg(1'000'000)->Arg(10'000'000)->Unit(benchmark::kMillisecond)
    ->UseRealTime()->MinTime(3.0);

// Push delivery at full load: 10% of agents spread and post almost every tick, so the
// tick is dominated by following edges to random followers.
Simulation& DeliveryHeavyFor(AgentId agents) {
  static std::map<AgentId, std::unique_ptr<Simulation>> cache;
  auto& slot = cache[agents];
  if (!slot) {
    Scenario s = BenchScenario(agents);
    s.narratives[0].seeds.count = agents / 10;
    s.narratives[0].share_probability = 0.0;  // a fixed set of spreaders: steady load
    s.dynamics.forgetting_per_hour = 0.0;
    s.platform.attention = 0.5;
    s.population.traits[static_cast<int>(AgentKind::kUser)].activity_per_hour = 120.0;
    slot = std::make_unique<Simulation>(s, BuildScenarioWorld(s));
    slot->Step();
  }
  return *slot;
}

void BM_DeliveryHeavyTick(benchmark::State& state) {
  Simulation& sim = DeliveryHeavyFor(static_cast<AgentId>(state.range(0)));
  const std::size_t first = sim.record().series.num_ticks();
  for (auto _ : state) sim.Step();
  const auto& deliveries = sim.record().series.deliveries;
  double delivered = 0;
  for (std::size_t t = first; t < deliveries.size(); ++t) delivered += static_cast<double>(deliveries[t]);
  state.counters["deliveries_per_s"] = benchmark::Counter(delivered, benchmark::Counter::kIsRate);
  state.counters["deliveries_per_tick"] = delivered / static_cast<double>(state.iterations());
  state.counters["agent_updates_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * sim.population().num_agents(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DeliveryHeavyTick)->Arg(1'000'000)->Arg(10'000'000)->Unit(benchmark::kMillisecond)
    ->UseRealTime()->MinTime(3.0);

// Independent random 4-byte reads from a 2 GiB array: the bound for following edges to
// random agents.
void BM_RandomReadBound(benchmark::State& state) {
  const std::size_t words = std::size_t{1} << 29;  // 2 GiB of uint32
  static std::vector<std::uint32_t> table(words, 1);
  constexpr std::size_t kReads = std::size_t{1} << 26;
  for (auto _ : state) {
    const std::uint64_t sum = tbb::parallel_reduce(
        tbb::blocked_range<std::size_t>(0, kReads, 1 << 16), std::uint64_t{0},
        [&](const tbb::blocked_range<std::size_t>& r, std::uint64_t acc) {
          std::uint64_t x = r.begin() * 0x9E3779B97F4A7C15ull;
          for (std::size_t i = r.begin(); i != r.end(); ++i) {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;  // xorshift: independent addresses
            acc += table[x & (words - 1)];
          }
          return acc;
        },
        std::plus<>());
    benchmark::DoNotOptimize(sum);
  }
  state.counters["reads_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * kReads), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RandomReadBound)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace firestorm

BENCHMARK_MAIN();
