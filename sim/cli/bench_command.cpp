// `firestorm bench`: throughput of the classic SIR kernel, of the crisis engine, or of graph
// generation alone, on a generated graph or a graph file, with a header that records the run.
//
// Output (docs/performance.md): one header line starting "### bench" with key=value pairs
// (model, threads, agents, edges, seed, git revision, config hash), one "trial" line per trial,
// and one "### result" line with the mean and best wall time, the peak resident memory
// (getrusage ru_maxrss) and the throughput. Everything greppable, like GBBS's "### Threads:".
#include <fmt/format.h>
#include <sys/resource.h>
#include <tbb/global_control.h>
#include <tbb/info.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <numeric>

#include "git_revision.h"
#include "sim/classic/classic_models.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/random_read_bound.hpp"
#include "sim/dynamics/simulation.hpp"
#include "sim/graph/graph_cache.hpp"
#include "sim/graph/stored_graph.hpp"
#include "sim/io/config_yaml.hpp"
#include "sim/io/memory_estimate.hpp"

namespace firestorm::cli {
namespace {

struct BenchArgs {
  std::string model = "sir";
  std::uint64_t agents = 1'000'000;
  int threads = 0;
  int trials = 3;
  std::uint64_t seed = 42;
  std::string generator = "barabasi_albert";
  std::uint32_t attach_edges = 5;
  double mean_followers = 20;
  std::uint32_t communities = 12;
  std::string graph_file;
  std::string save_graph;
  double beta = 0.05, gamma = 0.1;
  std::uint64_t initial_infected = 10;
  Tick ticks = 60;  // crisis: ticks per trial
  std::string scenario;  // crisis: play this scenario instead of the synthetic one
  bool no_bound = false;  // crisis: skip the random-read bound
  bool agents_given = false, seed_given = false, ticks_given = false;
};

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

double PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

std::uint64_t Fnv1a(const std::string& text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

GraphSpec SpecOf(const BenchArgs& a) {
  GraphSpec s;
  if (!a.graph_file.empty()) {
    s.generator = GraphGenerator::kFile;
    s.file = a.graph_file;
    return s;
  }
  s.generator = a.generator == "echo_chambers"    ? GraphGenerator::kEchoChambers
                : a.generator == "erdos_renyi"    ? GraphGenerator::kErdosRenyi
                : a.generator == "watts_strogatz" ? GraphGenerator::kWattsStrogatz
                                                  : GraphGenerator::kBarabasiAlbert;
  s.agents = a.agents;
  s.attach_edges = a.attach_edges;
  s.mean_followers = a.mean_followers;
  s.communities = a.communities;
  s.mutual = a.generator == "erdos_renyi";
  return s;
}

Scenario CrisisScenario(const GraphSpec& graph, std::uint64_t seed) {
  Scenario s;
  s.name = "bench";
  s.graph = graph;
  NarrativeSpec video;
  video.id = "video";
  video.kind = NarrativeKind::kOutrage;
  video.veracity = Veracity::kTrue;
  video.emotional_charge = 0.9;
  video.share_probability = 0.1;
  video.seeds = {static_cast<std::uint32_t>(std::max<std::uint64_t>(1, graph.agents / 100)),
                 AgentKind::kUser, 0};
  s.narratives = {video};
  s.run.ticks = 1'000'000;
  s.run.seed = seed;
  return s;
}

struct Summary {
  std::vector<double> seconds;
  double work = 0;  // edges visited (sir) or agent-updates (crisis)
};

// The crisis engine, synthetic (1% of agents spreading an outrage video) or a scenario file.
// Each trial plays `ticks` ticks (a scenario: its whole duration unless --ticks is given) on
// a fresh simulation of the same world. Then the delivery rate (seen posts per second of the
// post-and-deliver phase) is compared with the random-read bound measured in this process.
int RunCrisisBench(const BenchArgs& a, const GraphSpec& spec, int threads,
                   const std::string& config, std::chrono::steady_clock::time_point start) {
  Scenario s = CrisisScenario(spec, a.seed);
  Tick ticks = a.ticks;
  std::string what = DescribeGraphSpec(spec, a.seed);
  if (!a.scenario.empty()) {
    s = LoadScenario(a.scenario);
    if (a.agents_given) s.graph.agents = a.agents;
    s.run.seed = a.seed_given ? a.seed : s.run.seed;
    if (!a.ticks_given) ticks = s.run.ticks;
    s.run.ticks = std::max(s.run.ticks, ticks);
    what = a.scenario;
  }
  CheckMemory(s);
  const auto build_start = std::chrono::steady_clock::now();
  const World world = BuildScenarioWorld(s);
  const double build = Seconds(build_start);
  const AgentId n = world.population.num_agents();
  fmt::print("### bench model=crisis threads={} agents={} edges={} seed={} git={} config={:016x}\n",
             threads, n, world.graph.num_edges(), s.run.seed, FIRESTORM_GIT_REVISION,
             Fnv1a(config + " scenario=" + a.scenario));
  fmt::print("### graph {} built_s={:.3f}\n", what, build);
  std::vector<double> seconds;
  EngineProfile total;
  for (int trial = 0; trial < a.trials; ++trial) {
    Simulation sim(s, world);
    const auto t0 = std::chrono::steady_clock::now();
    for (Tick i = 0; i < ticks; ++i) sim.Step();
    seconds.push_back(Seconds(t0));
    const EngineProfile& p = sim.profile();
    fmt::print("trial {}: {:.4f} s, {} ticks, {:.1f} M agent-updates/s, deliver {:.3f} s "
               "(apply {:.3f} s) update {:.3f} s other {:.3f} s, {} deliveries\n",
               trial, seconds.back(), ticks, double(n) * ticks / seconds.back() / 1e6,
               p.deliver_seconds, p.apply_seconds, p.update_seconds, p.other_seconds, p.deliveries);
    total.deliver_seconds += p.deliver_seconds;
    total.deliveries += p.deliveries;
    total.pushes += p.pushes;
  }
  const double sum = std::accumulate(seconds.begin(), seconds.end(), 0.0);
  const double mean = sum / a.trials;
  fmt::print("### result wall_s_mean={:.4f} wall_s_min={:.4f} peak_rss_mib={:.0f} "
             "agent_updates_per_s={:.4g} total_s={:.2f}\n",
             mean, *std::min_element(seconds.begin(), seconds.end()), PeakRssMiB(),
             double(n) * ticks * a.trials / sum, Seconds(start));
  const double delivery_rate =
      total.deliver_seconds > 0 ? double(total.deliveries) / total.deliver_seconds : 0;
  const double push_rate = total.deliver_seconds > 0 ? double(total.pushes) / total.deliver_seconds : 0;
  fmt::print("### delivery deliveries={} pushes={} deliver_s={:.3f} deliveries_per_s={:.4g} "
             "pushes_per_s={:.4g}",
             total.deliveries, total.pushes, total.deliver_seconds, delivery_rate, push_rate);
  if (a.no_bound) {
    fmt::print("\n");
    return 0;
  }
  const double bound = MeasureRandomReadsPerSecond();
  fmt::print(" random_reads_per_s={:.4g} share_of_bound={:.2f} push_share_of_bound={:.2f}\n", bound,
             bound > 0 ? delivery_rate / bound : 0, bound > 0 ? push_rate / bound : 0);
  return 0;
}

int RunBench(const BenchArgs& a) {
  const int threads = a.threads > 0 ? a.threads : tbb::info::default_concurrency();
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads));
  const GraphSpec spec = SpecOf(a);
  const std::string graph_text = DescribeGraphSpec(spec, a.seed);
  const std::string config = fmt::format("{} | model={} beta={} gamma={} initial={} ticks={}",
                                         graph_text, a.model, a.beta, a.gamma, a.initial_infected,
                                         a.ticks);
  const auto start = std::chrono::steady_clock::now();

  if (a.model == "crisis") return RunCrisisBench(a, spec, threads, config, start);

  const auto graph_start = std::chrono::steady_clock::now();
  const StoredGraph graph = GenerateStoredGraph(spec, a.seed);
  const double graph_seconds = Seconds(graph_start);
  const double graph_rss = PeakRssMiB();
  if (!a.save_graph.empty())
    WriteGraphCache(a.save_graph, graph, GraphSpecKey(spec, a.seed), graph_text);
  fmt::print("### bench model={} threads={} agents={} edges={} seed={} git={} config={:016x}\n",
             a.model, threads, graph.num_agents(), graph.num_edges(), a.seed,
             FIRESTORM_GIT_REVISION, Fnv1a(config));
  fmt::print("### graph {} {}_s={:.3f} peak_rss_mib={:.0f}{}\n", graph_text,
             spec.generator == GraphGenerator::kFile ? "read" : "generated", graph_seconds,
             graph_rss, a.save_graph.empty() ? "" : " saved=" + a.save_graph);
  if (a.model == "graph") {
    fmt::print("### result graph_s={:.3f} peak_rss_mib={:.0f} edges_per_s={:.4g}\n",
               graph_seconds, graph_rss, double(graph.num_edges()) / graph_seconds);
    return 0;
  }

  ClassicModelSpec model;
  model.kind = ClassicModelKind::kSir;
  model.beta = a.beta;
  model.gamma = a.gamma;
  model.initial_infected = a.initial_infected;
  ClassicRunOptions options;
  options.keep_agent_state = false;
  Summary sum;
  for (int trial = 0; trial < a.trials; ++trial) {
    const auto t0 = std::chrono::steady_clock::now();
    const ClassicRunResult r = RunClassicModel(model, graph.view(), a.seed + trial, options);
    sum.seconds.push_back(Seconds(t0));
    sum.work += static_cast<double>(r.edge_visits);
    const std::uint64_t final_size = r.EverLeftFirst();
    fmt::print("trial {}: {:.4f} s, {} ticks, final_size {} ({:.4f}), edges_visited {}\n", trial,
               sum.seconds.back(), r.ticks, final_size,
               double(final_size) / graph.num_agents(), r.edge_visits);
  }
  const double total = std::accumulate(sum.seconds.begin(), sum.seconds.end(), 0.0);
  const double mean = total / a.trials;
  fmt::print("### result wall_s_mean={:.4f} wall_s_min={:.4f} peak_rss_mib={:.0f} "
             "runs_per_s={:.4g} edges_visited_per_s={:.4g} total_s={:.2f}\n",
             mean, *std::min_element(sum.seconds.begin(), sum.seconds.end()), PeakRssMiB(),
             a.trials / total, sum.work / total, Seconds(start));
  return 0;
}

}  // namespace

void AddBenchCommand(CLI::App& app, Registry& registry) {
  auto a = std::make_shared<BenchArgs>();
  CLI::App* cmd = app.add_subcommand(
      "bench", "Measure throughput: SIR epidemics, crisis ticks, or graph generation alone");
  cmd->add_option("--model", a->model, "sir (default), crisis, or graph (generation only)")
      ->check(CLI::IsMember({"sir", "crisis", "graph"}));
  cmd->add_option("--agents", a->agents, "Agents of the generated graph (default 1000000)")
      ->check(CLI::Range(std::uint64_t{2}, std::uint64_t{4'000'000'000}));
  cmd->add_option("--threads", a->threads, "Worker threads (default: all cores)")->check(CLI::Range(1, 4096));
  cmd->add_option("--trials", a->trials, "Trials (default 3); SIR trial k uses seed + k")
      ->check(CLI::Range(1, 1'000'000));
  cmd->add_option("--seed", a->seed, "Seed of the graph and of the first trial (default 42)");
  cmd->add_option("--graph", a->generator,
                  "Generator: barabasi_albert (default), echo_chambers, erdos_renyi, watts_strogatz")
      ->check(CLI::IsMember({"barabasi_albert", "echo_chambers", "erdos_renyi", "watts_strogatz"}));
  cmd->add_option("--attach-edges", a->attach_edges, "Barabási–Albert m (default 5)")
      ->check(CLI::Range(1u, 1000000u));
  cmd->add_option("--mean-followers", a->mean_followers, "Mean degree of the other generators (default 20)");
  cmd->add_option("--communities", a->communities, "Echo chambers: communities (default 12)");
  cmd->add_option("--graph-file", a->graph_file, "Read the graph from a file (.fsg, edge list, GML, GraphML) instead")
      ->check(CLI::ExistingFile);
  cmd->add_option("--save-graph", a->save_graph, "Also write the graph as a .fsg file (for tests/peers)");
  cmd->add_option("--beta", a->beta, "SIR infection probability per infected neighbour and tick (0.05)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--gamma", a->gamma, "SIR recovery probability per tick (0.1)")->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--initial-infected", a->initial_infected, "SIR seeds (10)");
  cmd->add_option("--ticks", a->ticks, "Crisis: ticks per trial (60; a scenario: its duration)")
      ->check(CLI::Range(1u, 100000000u));
  cmd->add_option("--scenario", a->scenario,
                  "Crisis: play this scenario's world and narratives (--agents and --seed override)")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--no-bound", a->no_bound, "Crisis: skip measuring the random-read bound (2 GiB)");
  cmd->footer(
      "Examples:\n"
      "  firestorm bench --model sir --agents 1000000 --threads 2 --trials 5\n"
      "  firestorm bench --model sir --agents 10000000 --save-graph /tmp/ba10m.fsg --trials 1\n"
      "  firestorm bench --model graph --graph echo_chambers --agents 10000000 --mean-followers 50\n"
      "  firestorm bench --model crisis --agents 1000000 --ticks 60\n"
      "  firestorm bench --model crisis --scenario scenarios/default.yaml --trials 1");
  registry.Add(cmd, [a, cmd] {
    a->agents_given = cmd->count("--agents") > 0;
    a->seed_given = cmd->count("--seed") > 0;
    a->ticks_given = cmd->count("--ticks") > 0;
    return RunBench(*a);
  });
}

}  // namespace firestorm::cli
