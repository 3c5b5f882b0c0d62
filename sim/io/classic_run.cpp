// RunClassicScenario and its HDF5 file. The file follows the run-file conventions
// (docs/hdf5-schema.md): written as <output>.tmp and renamed when complete, no timestamps,
// little-endian types, everything that depends on the machine under /provenance/runtime, so
// that two runs with the same seed compare equal with h5diff --exclude-path /provenance/runtime.
#include "sim/io/classic_run.hpp"

#include <fcntl.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "git_revision.h"
#include "sim/core/error.hpp"
#include "sim/graph/graph_cache.hpp"
#include "sim/io/config_yaml.hpp"
#include "sim/io/hdf5_object_writer.hpp"

#ifndef FIRESTORM_VERSION
#define FIRESTORM_VERSION "unknown"
#endif

namespace firestorm {
namespace {

using hdf5::Handle;

struct ClassicFile {
  const Scenario& scenario;
  const StoredGraph& graph;
  const ClassicRunResult& result;
  int threads;
  double wall_seconds;
  bool cache_hit;
};

void CheckDestination(const std::string& path, bool force) {
  namespace fs = std::filesystem;
  if (path.empty()) throw OutputError("the output path is empty");
  fs::path folder = fs::path(path).parent_path();
  if (folder.empty()) folder = ".";
  std::error_code ec;
  if (!fs::is_directory(folder, ec))
    throw OutputError("cannot write " + path + ": the folder " + folder.string() + " does not exist");
  if (::access(folder.c_str(), W_OK | X_OK) != 0)
    throw OutputError("cannot write " + path + ": the folder " + folder.string() +
                      " is not writable (" + std::strerror(errno) + ")");
  if (fs::is_directory(path, ec)) throw OutputError("cannot write " + path + ": it is a folder");
  if (fs::exists(path, ec) && !force)
    throw OutputError("refusing to overwrite " + path + " (use --force)");
}

void WriteFile(const std::string& path, const ClassicFile& f) {
  const Scenario& s = f.scenario;
  const ClassicRunResult& r = f.result;
  const GraphView& g = f.graph.view();
  hdf5::PrepareLibrary();
  hdf5::ObjectWriter out(path);
  Handle file = out.CreateFile(path);
  const hid_t root = file.get();
  out.WriteStringAttribute(root, "format", kClassicRunFormat);
  out.WriteAttribute<std::uint32_t>(root, "format_version", 1);

  Handle provenance = out.CreateGroup(root, "provenance");
  const hid_t p = provenance.get();
  out.WriteStringAttribute(p, "firestorm_version", FIRESTORM_VERSION);
  out.WriteStringAttribute(p, "git_revision", FIRESTORM_GIT_REVISION);
  out.WriteStringAttribute(p, "scenario_name", s.name);
  out.WriteStringAttribute(p, "model", r.model);
  out.WriteAttribute<std::uint64_t>(p, "seed", s.run.seed);
  out.WriteAttribute<std::uint32_t>(p, "ticks_requested", s.model.max_ticks);
  Scenario recorded = s;
  recorded.run.output.clear();
  out.WriteScalarString(p, "scenario_yaml", EmitScenarioYaml(recorded));

  Handle labels = out.CreateGroup(root, "labels");
  out.WriteStrings(labels.get(), "compartment_names", r.compartments);
  labels.Close();

  Handle graph = out.CreateGroup(root, "graph");
  out.WriteAttribute<std::uint32_t>(graph.get(), "agents", g.num_agents);
  out.WriteAttribute<std::uint64_t>(graph.get(), "edges", g.num_edges);
  out.WriteArray(graph.get(), "offsets", g.offsets, {std::uint64_t{g.num_agents} + 1}, {"agent"});
  out.WriteArray(graph.get(), "followers", g.targets, {g.num_edges}, {"edge"});
  graph.Close();

  const hsize_t rows = r.ticks + hsize_t{1};
  std::vector<std::uint32_t> tick(rows);
  for (hsize_t i = 0; i < rows; ++i) tick[i] = static_cast<std::uint32_t>(i);
  Handle series = out.CreateGroup(root, "timeseries");
  out.WriteVector(series.get(), "tick", tick, {"tick", "tick"});
  out.WriteArray(series.get(), "compartment_counts", r.counts.data(),
                 {rows, r.compartments.size()}, {"tick,compartment", "agents"});
  if (!r.opinion_mean.empty()) {
    out.WriteVector(series.get(), "opinion_mean", r.opinion_mean, {"tick", nullptr});
    out.WriteVector(series.get(), "opinion_std", r.opinion_std, {"tick", nullptr});
  }
  series.Close();

  Handle agents = out.CreateGroup(root, "agents");
  out.WriteAttribute<std::uint32_t>(agents.get(), "agents", g.num_agents);
  out.WriteAttribute<std::uint32_t>(agents.get(), "opinion_clusters", r.clusters);
  out.WriteVector(agents.get(), "final_state", r.final_state, {"agent", nullptr});
  if (!r.event_tick.empty()) out.WriteVector(agents.get(), "event_tick", r.event_tick, {"agent", "tick"});
  if (!r.final_opinion.empty())
    out.WriteVector(agents.get(), "final_opinion", r.final_opinion, {"agent", nullptr});
  if (!f.graph.community().empty()) {
    const std::vector<std::uint32_t> community(f.graph.community().begin(), f.graph.community().end());
    out.WriteVector(agents.get(), "community", community, {"agent", nullptr});
  }
  agents.Close();

  Handle runtime = out.CreateGroup(p, "runtime");  // last: the only machine-dependent part
  out.WriteAttribute<std::int32_t>(runtime.get(), "threads", f.threads);
  out.WriteAttribute<double>(runtime.get(), "wall_seconds", f.wall_seconds);
  out.WriteAttribute<std::uint32_t>(runtime.get(), "ticks_completed", r.ticks);
  out.WriteAttribute<std::int32_t>(runtime.get(), "complete", r.finished ? 1 : 0);
  out.WriteAttribute<std::int32_t>(runtime.get(), "graph_cache_hit", f.cache_hit ? 1 : 0);
  runtime.Close();
  provenance.Close();
  out.Check(H5Fflush(root, H5F_SCOPE_GLOBAL), "flush the file");
  if (!file.Close()) out.Fail("close the file");
}

}  // namespace

std::string ClassicRunSummary(const ClassicRunResult& r, double simulate_seconds) {
  std::ostringstream o;
  std::uint64_t agents = 0;
  for (std::size_t k = 0; k < r.num_compartments(); ++k) agents += r.Count(0, k);
  o << "\nSummary (" << r.model << ", " << agents << " agents, " << r.ticks << " ticks, "
    << (r.finished ? "reached its end" : "stopped at the tick limit") << ")\n";
  o << "  " << std::string(16, ' ') << "    at tick 0        at the end\n";
  for (std::size_t k = 0; k < r.num_compartments(); ++k) {
    char line[160];
    std::snprintf(line, sizeof line, "  %-16s%14llu%18llu\n", r.compartments[k].c_str(),
                  static_cast<unsigned long long>(r.Count(0, k)),
                  static_cast<unsigned long long>(r.Count(r.ticks, k)));
    o << line;
  }
  if (r.clusters > 0) o << "  opinion clusters  " << r.clusters << "\n";
  char timing[160];
  std::snprintf(timing, sizeof timing, "  simulate          %.3f s (%.3g edges visited/s)\n",
                simulate_seconds,
                simulate_seconds > 0 ? static_cast<double>(r.edge_visits) / simulate_seconds : 0.0);
  o << timing;
  return o.str();
}

RunResult RunClassicScenario(const Scenario& scenario, const RunOptions& options,
                             const std::function<void(const RunProgress&)>& progress) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  const int threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads));
  Scenario s = scenario;
  if (options.ticks) s.model.max_ticks = *options.ticks;
  const Tick total = s.model.max_ticks;
  const auto report = [&](const char* phase, Tick done) {
    if (progress) progress({phase, done, total, elapsed()});
  };
  CheckDestination(s.run.output, options.force);

  report("building", 0);
  const CachedGraph graph = LoadOrGenerateGraph(s.graph, s.run.seed);
  RunResult result;
  result.build_seconds = elapsed();
  ClassicRunOptions run_options;
  run_options.stop = options.stop;
  run_options.progress = [&](Tick t) { report("running", t); };
  const ClassicRunResult r = RunClassicModel(s.model, graph.graph.view(), s.run.seed, run_options);
  result.simulate_seconds = elapsed() - result.build_seconds;
  const bool stopped = options.stop != nullptr && options.stop->load() && !r.finished &&
                       r.ticks < s.model.max_ticks;

  report("writing", r.ticks);
  const std::string tmp = s.run.output + ".tmp";
  try {
    WriteFile(tmp, {s, graph.graph, r, threads, elapsed(), graph.hit});
    const int fd = ::open(tmp.c_str(), O_RDONLY);
    if (fd < 0 || ::fsync(fd) != 0) {
      if (fd >= 0) ::close(fd);
      throw OutputError("cannot write " + s.run.output + ": fsync failed: " + std::strerror(errno));
    }
    ::close(fd);
    if (std::rename(tmp.c_str(), s.run.output.c_str()) != 0)
      throw OutputError("cannot rename " + tmp + " to " + s.run.output + ": " + std::strerror(errno));
  } catch (...) {
    std::remove(tmp.c_str());
    throw;
  }

  result.output = s.run.output;
  result.summary.agents = graph.graph.num_agents();
  result.summary.ticks = r.ticks;
  result.edges = graph.graph.num_edges();
  result.wall_seconds = elapsed();
  result.threads = threads;
  result.ticks_completed = r.ticks;
  result.ticks_requested = s.model.max_ticks;
  result.complete = !stopped;
  result.tick_seconds = s.run.tick_seconds;
  result.model_summary = ClassicRunSummary(r, result.simulate_seconds);
  return result;
}

}  // namespace firestorm
