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

#include "sim/classic/classic_models.hpp"
#include "sim/cli/commands.hpp"
#include "sim/dynamics/simulation.hpp"
#include "sim/graph/graph_cache.hpp"
#include "sim/graph/stored_graph.hpp"

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

  if (a.model == "crisis") {
    const Scenario s = CrisisScenario(spec, a.seed);
    auto build_start = std::chrono::steady_clock::now();
    Simulation sim(s, BuildScenarioWorld(s));
    const double build = Seconds(build_start);
    const AgentId n = sim.population().num_agents();
    fmt::print("### bench model=crisis threads={} agents={} edges={} seed={} git={} config={:016x}\n",
               threads, n, sim.world().graph.num_edges(), a.seed, FIRESTORM_GIT_REVISION,
               Fnv1a(config));
    fmt::print("### graph {} built_s={:.3f}\n", graph_text, build);
    Summary sum;
    for (int trial = 0; trial < a.trials; ++trial) {
      const auto t0 = std::chrono::steady_clock::now();
      for (Tick i = 0; i < a.ticks; ++i) sim.Step();
      sum.seconds.push_back(Seconds(t0));
      fmt::print("trial {}: {:.4f} s, {} ticks, {:.1f} M agent-updates/s\n", trial,
                 sum.seconds.back(), a.ticks, double(n) * a.ticks / sum.seconds.back() / 1e6);
      sum.work = double(n) * a.ticks;
    }
    const double mean = std::accumulate(sum.seconds.begin(), sum.seconds.end(), 0.0) / a.trials;
    fmt::print("### result wall_s_mean={:.4f} wall_s_min={:.4f} peak_rss_mib={:.0f} "
               "agent_updates_per_s={:.4g} total_s={:.2f}\n",
               mean, *std::min_element(sum.seconds.begin(), sum.seconds.end()), PeakRssMiB(),
               sum.work / mean, Seconds(start));
    return 0;
  }

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
  cmd->add_option("--ticks", a->ticks, "Crisis: ticks per trial (60)")->check(CLI::Range(1u, 100000000u));
  cmd->footer(
      "Examples:\n"
      "  firestorm bench --model sir --agents 1000000 --threads 2 --trials 5\n"
      "  firestorm bench --model sir --agents 10000000 --save-graph /tmp/ba10m.fsg --trials 1\n"
      "  firestorm bench --model graph --graph echo_chambers --agents 10000000 --mean-followers 50\n"
      "  firestorm bench --model crisis --agents 1000000 --ticks 60");
  registry.Add(cmd, [a] { return RunBench(*a); });
}

}  // namespace firestorm::cli
