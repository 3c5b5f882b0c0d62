// Writes one run to HDF5 with the C API; docs/hdf5-schema.md describes every object.
//
// Approach: everything goes into `<path>.tmp` in the destination folder; Finish() flushes,
// closes, fsyncs and rename(2)s it onto `<path>`, which is atomic within one folder, so a
// reader never sees a partial file and a failed run (full disk, exception, crash) leaves
// nothing at the destination. The destructor deletes the temporary file unless Finish()
// succeeded.
//
// Reproducibility: two runs of the same scenario and seed give files that `h5diff
// --exclude-path /provenance/runtime` finds equal, and that are byte-identical outside that
// group: everything that depends on the machine or thread count is written there, last, and
// hdf5::ObjectWriter creates every object without timestamps in a pinned file format. Valgrind
// finds no uninitialized byte written to the file (checked with HDF5 1.10.8).
#include "sim/io/hdf5_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <tuple>

#include "git_revision.h"
#include "sim/core/error.hpp"
#include "sim/io/hdf5_object_writer.hpp"
#include "sim/io/hdf5_reader.hpp"  // kRunFormat, kRunFormatVersion

#ifndef FIRESTORM_VERSION
#define FIRESTORM_VERSION "unknown"
#endif

namespace firestorm {
namespace {

using hdf5::Handle;
using hdf5::Labels;

// Enum columns (AgentKind, NarrativeState) are stored as their uint8 values.
template <typename E, typename Allocator>
const std::uint8_t* AsBytes(const std::vector<E, Allocator>& v) {
  static_assert(sizeof(E) == 1);
  return reinterpret_cast<const std::uint8_t*>(v.data());
}

void Require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument("Hdf5RunWriter: " + what);
}

void RequireSize(std::size_t actual, hsize_t expected, const std::string& what) {
  Require(actual == expected, what + " has " + std::to_string(actual) + " elements, expected " +
                                  std::to_string(expected));
}

// Frees the disk space of a file that HDF5 failed to write, without any further HDF5 call on
// it. Its descriptor stays open (the identifier is leaked, see ~Impl), which also keeps the
// inode from being reused: HDF5 recognizes open files by device and inode, and would take a
// new file that reused them for the leaked one.
void ReleaseDiskSpace(hid_t file) {
  void* handle = nullptr;
  if (H5Fget_vfd_handle(file, H5P_DEFAULT, &handle) < 0 || handle == nullptr) return;
  if (::ftruncate(*static_cast<int*>(handle), 0) != 0) return;  // best effort
}

}  // namespace

struct Hdf5RunWriter::Impl {
  Impl(const std::string& destination, const RunHeader& run_header)
      : path(destination), tmp_path(destination + ".tmp"), header(run_header), out(destination) {}

  std::string path, tmp_path;
  RunHeader header;
  hdf5::ObjectWriter out;
  bool created_tmp = false, world_written = false, finished = false;
  bool broken = false;       // an operation failed; the writer refuses further calls
  bool hdf5_failed = false;  // ... and it was HDF5 or the disk that failed
  Handle file;
  Handle snap_tick, snap_state, snap_outrage, snap_trust, snap_opinion;  // extendible
  hsize_t snapshots = 0;
  hsize_t snapshot_agents = 0;

  // Abandons the temporary file (Finish did not succeed): closes it and deletes it. After an
  // HDF5 failure (a full disk, typically) the identifiers are deliberately leaked instead:
  // HDF5 1.10 does not recover from a failed flush (the next close fails too, frees the file
  // but keeps its identifier, and HDF5 crashes on it at exit), so the only safe course is to
  // make no further call on that file.
  ~Impl() {
    if (finished) return;
    if (hdf5_failed && file.valid()) ReleaseDiskSpace(file.get());
    for (Handle* h : {&snap_tick, &snap_state, &snap_outrage, &snap_trust, &snap_opinion, &file}) {
      if (hdf5_failed)
        h->Release();
      else
        h->Close();
    }
    if (created_tmp) std::remove(tmp_path.c_str());
    hdf5::TakeErrorMessage();  // discard whatever the closes recorded
  }

  // Runs one public operation: refuses to go on after an earlier failure or after Finish.
  void Guard(const char* operation, const std::function<void()>& body) {
    if (finished)
      throw std::logic_error(std::string("Hdf5RunWriter::") + operation + " after Finish");
    if (broken)
      throw OutputError("cannot write " + path + ": the writer failed earlier and was abandoned");
    hdf5::PrepareLibrary();
    try {
      body();
    } catch (const OutputError&) {
      broken = hdf5_failed = true;
      throw;
    } catch (...) {
      broken = true;
      throw;
    }
  }

  void Open(bool force) {
    namespace fs = std::filesystem;
    if (path.empty()) throw OutputError("the output path is empty");
    fs::path folder = fs::path(path).parent_path();
    if (folder.empty()) folder = ".";
    std::error_code ec;
    if (!fs::exists(folder, ec))
      throw OutputError("cannot write " + path + ": the folder " + folder.string() +
                        " does not exist");
    if (!fs::is_directory(folder, ec))
      throw OutputError("cannot write " + path + ": " + folder.string() + " is not a folder");
    if (::access(folder.c_str(), W_OK | X_OK) != 0)
      throw OutputError("cannot write " + path + ": the folder " + folder.string() +
                        " is not writable (" + std::strerror(errno) + ")");
    if (fs::is_directory(path, ec)) throw OutputError("cannot write " + path + ": it is a folder");
    if (fs::exists(path, ec) && !force)
      throw OutputError("refusing to overwrite " + path + " (use --force)");

    const std::size_t narratives = header.narrative_ids.size();
    Require(header.narrative_kinds.size() == narratives,
            "narrative_kinds and narrative_ids differ in length");
    Require(narratives <= 256, "more than 256 narratives (NarrativeId is 8 bits)");

    file = out.CreateFile(tmp_path);
    created_tmp = true;
    WriteHeader();
  }

  void WriteHeader() {
    const hid_t root = file.get();
    out.WriteStringAttribute(root, "format", kRunFormat);
    out.WriteAttribute<std::uint32_t>(root, "format_version", kRunFormatVersion);

    Handle provenance = out.CreateGroup(root, "provenance");
    const hid_t p = provenance.get();
    out.WriteStringAttribute(p, "firestorm_version",
                             header.version.empty() ? FIRESTORM_VERSION : header.version);
    out.WriteStringAttribute(
        p, "git_revision",
        header.git_revision.empty() ? FIRESTORM_GIT_REVISION : header.git_revision);
    out.WriteStringAttribute(p, "scenario_name", header.scenario_name);
    out.WriteStringAttribute(p, "playbook", header.playbook);
    out.WriteAttribute<std::uint64_t>(p, "seed", header.seed);
    out.WriteAttribute<double>(p, "tick_seconds", header.tick_seconds);
    out.WriteAttribute<std::uint32_t>(p, "ticks_requested", header.ticks);
    out.WriteScalarString(p, "scenario_yaml", header.scenario_yaml);

    Handle labels = out.CreateGroup(root, "labels");
    const hid_t l = labels.get();
    out.WriteStrings(l, "narrative_ids", header.narrative_ids);
    out.WriteStrings(l, "narrative_kinds", header.narrative_kinds);
    out.WriteStrings(l, "state_names", {kNarrativeStateNames.begin(), kNarrativeStateNames.end()});
    out.WriteStrings(l, "kind_names", {kAgentKindNames.begin(), kAgentKindNames.end()});
  }

  // One chunk per snapshot and narrative, of up to 2^20 agents.
  void CreateSnapshots(hsize_t agents) {
    const hsize_t narratives = header.narrative_ids.size();
    const hsize_t agent_chunk = std::clamp<hsize_t>(agents, 1, hdf5::kChunkElements);
    const Labels per_agent{"snapshot,agent", nullptr};
    Handle group = out.CreateGroup(file.get(), "snapshots");
    const hid_t g = group.get();
    snap_tick = out.CreateExtendible(g, "tick", H5T_STD_U32LE, {0}, {1024}, false,
                                     {"snapshot", "tick"});
    snap_state = out.CreateExtendible(g, "state", H5T_STD_U8LE, {0, narratives, agents},
                                      {1, 1, agent_chunk}, true, {"snapshot,narrative,agent"});
    snap_outrage = out.CreateExtendible(g, "outrage", H5T_IEEE_F32LE, {0, agents},
                                        {1, agent_chunk}, true, per_agent);
    snap_trust = out.CreateExtendible(g, "trust", H5T_IEEE_F32LE, {0, agents}, {1, agent_chunk},
                                      true, per_agent);
    snap_opinion = out.CreateExtendible(g, "opinion", H5T_IEEE_F32LE, {0, agents},
                                        {1, agent_chunk}, true, per_agent);
    snapshot_agents = agents;
  }

  void WriteWorld(const World& world) {
    const CsrGraph& graph = world.graph;
    const PopulationState& pop = world.population;
    const hsize_t n = graph.num_agents();
    RequireSize(pop.kind.size(), n, "population.kind");
    RequireSize(pop.community.size(), n, "population.community");
    RequireSize(pop.literacy.size(), n, "population.literacy");
    RequireSize(pop.activity_per_hour.size(), n, "population.activity_per_hour");
    RequireSize(pop.opinion.size(), n, "population.opinion");
    RequireSize(pop.trust.size(), n, "population.trust");
    RequireSize(pop.outrage.size(), n, "population.outrage");
    Require(!snap_state.valid() || snapshot_agents == n,
            "WriteWorld after a snapshot of a different population size");

    Handle g = out.CreateGroup(file.get(), "graph");
    out.WriteAttribute<std::uint32_t>(g.get(), "agents", graph.num_agents());
    out.WriteAttribute<std::uint64_t>(g.get(), "edges", graph.num_edges());
    out.WriteArray(g.get(), "offsets", graph.offsets().data(), {graph.offsets().size()},
                   {"agent"});
    out.WriteArray(g.get(), "followers", graph.targets().data(), {graph.targets().size()},
                   {"edge"});
    g.Close();

    const Labels per_agent{"agent", nullptr};
    Handle a = out.CreateGroup(file.get(), "agents");
    out.WriteAttribute<std::uint32_t>(a.get(), "agents", graph.num_agents());
    out.WriteAttribute<std::uint32_t>(a.get(), "communities", header.communities);
    out.WriteArray(a.get(), "kind", AsBytes(pop.kind), {n}, per_agent);
    out.WriteVector(a.get(), "community", pop.community, per_agent);
    out.WriteVector(a.get(), "literacy", pop.literacy, per_agent);
    out.WriteVector(a.get(), "activity_per_hour", pop.activity_per_hour, {"agent", "1/h"});
    out.WriteVector(a.get(), "initial_opinion", pop.opinion, per_agent);
    out.WriteVector(a.get(), "initial_trust", pop.trust, per_agent);
    out.WriteVector(a.get(), "initial_outrage", pop.outrage, per_agent);
    Handle accounts = out.CreateGroup(a.get(), "accounts");
    out.WriteVector(accounts.get(), "organization", world.organization_accounts);
    out.WriteVector(accounts.get(), "media", world.media_accounts);
    out.WriteVector(accounts.get(), "fact_checkers", world.fact_checker_accounts);
    out.WriteVector(accounts.get(), "influencers", world.influencers);
    out.WriteVector(accounts.get(), "bots", world.bots);
    accounts.Close();
    a.Close();

    if (!snap_state.valid()) CreateSnapshots(n);
    world_written = true;
  }

  void AppendSnapshot(Tick tick, const PopulationState& pop) {
    const hsize_t n = pop.num_agents();
    const hsize_t narratives = header.narrative_ids.size();
    Require(!snap_state.valid() || snapshot_agents == n,
            "snapshot of " + std::to_string(n) + " agents, expected " +
                std::to_string(snapshot_agents));
    RequireSize(pop.outrage.size(), n, "population.outrage");
    RequireSize(pop.trust.size(), n, "population.trust");
    RequireSize(pop.opinion.size(), n, "population.opinion");
    RequireSize(pop.narratives.size(), narratives, "population.narratives");
    for (const NarrativeColumns& col : pop.narratives)
      RequireSize(col.state.size(), n, "population.narratives[].state");
    if (!snap_state.valid()) CreateSnapshots(n);

    const hsize_t s = snapshots;
    out.Extend(snap_tick, {s + 1}, "extend /snapshots/tick");
    out.WriteBlock(snap_tick, {s}, {1}, &tick, "append to /snapshots/tick");
    out.Extend(snap_state, {s + 1, narratives, n}, "extend /snapshots/state");
    for (hsize_t k = 0; k < narratives; ++k)  // one chunk row per narrative, no gather
      out.WriteBlock(snap_state, {s, k, 0}, {1, 1, n}, AsBytes(pop.narratives[k].state),
                     "append to /snapshots/state");
    for (auto [dataset, column, name] : {std::tuple{&snap_outrage, &pop.outrage, "outrage"},
                                         std::tuple{&snap_trust, &pop.trust, "trust"},
                                         std::tuple{&snap_opinion, &pop.opinion, "opinion"}}) {
      const std::string what = std::string("append to /snapshots/") + name;
      out.Extend(*dataset, {s + 1, n}, what);
      out.WriteBlock(*dataset, {s, 0}, {1, n}, column->data(), what);
    }
    snapshots = s + 1;
  }

  void Validate(const RunRecord& record, const CascadeRecord& cascade) const {
    const TimeSeries& ts = record.series;
    const hsize_t t = ts.num_ticks();
    const hsize_t narratives = header.narrative_ids.size();
    const hsize_t c = header.communities;
    Require(t == 0 || ts.narratives == narratives,
            "series.narratives differs from the header's narrative count");
    Require(t == 0 || ts.communities == c,
            "series.communities differs from the header's community count");
    RequireSize(ts.state_counts.size(), t * narratives * kNumNarrativeStates * kNumAgentKinds * c,
                "series.state_counts");
    RequireSize(ts.posts.size(), t * narratives * kNumAgentKinds, "series.posts");
    RequireSize(ts.reach.size(), t * narratives, "series.reach");
    RequireSize(ts.deliveries.size(), t, "series.deliveries");
    for (const auto* v : {&ts.outrage_mean, &ts.outrage_std, &ts.trust_mean, &ts.trust_std,
                          &ts.opinion_mean, &ts.opinion_std})
      RequireSize(v->size(), t, "a series moment");
    const std::size_t rows = cascade.child.size();
    RequireSize(cascade.narrative.size(), rows, "cascade.narrative");
    RequireSize(cascade.parent.size(), rows, "cascade.parent");
    RequireSize(cascade.tick.size(), rows, "cascade.tick");
  }

  void WriteTimeSeries(const TimeSeries& ts) {
    const hsize_t t = ts.num_ticks();
    const hsize_t narratives = header.narrative_ids.size();
    const hsize_t c = header.communities;
    const hsize_t states = kNumNarrativeStates, kinds = kNumAgentKinds;
    std::vector<double> time_seconds(t);
    for (hsize_t i = 0; i < t; ++i) time_seconds[i] = (ts.tick[i] + 1.0) * header.tick_seconds;

    Handle g = out.CreateGroup(file.get(), "timeseries");
    const hid_t h = g.get();
    const Labels per_tick{"tick", nullptr};
    out.WriteVector(h, "tick", ts.tick, {"tick", "tick"});
    out.WriteVector(h, "time_seconds", time_seconds, {"tick", "s"});
    out.WriteArray(h, "state_counts", ts.state_counts.data(), {t, narratives, states, kinds, c},
                   {"tick,narrative,state,kind,community", "agents"});
    out.WriteArray(h, "posts", ts.posts.data(), {t, narratives, kinds},
                   {"tick,narrative,kind", "posts per tick"});
    out.WriteArray(h, "reach", ts.reach.data(), {t, narratives}, {"tick,narrative", "agents"});
    out.WriteVector(h, "deliveries", ts.deliveries, {"tick", "deliveries per tick"});
    out.WriteVector(h, "outrage_mean", ts.outrage_mean, per_tick);
    out.WriteVector(h, "outrage_std", ts.outrage_std, per_tick);
    out.WriteVector(h, "trust_mean", ts.trust_mean, per_tick);
    out.WriteVector(h, "trust_std", ts.trust_std, per_tick);
    out.WriteVector(h, "opinion_mean", ts.opinion_mean, per_tick);
    out.WriteVector(h, "opinion_std", ts.opinion_std, per_tick);
    // What the organization's social listening estimated (NaN when a record has none).
    const std::vector<double> monitored =
        ts.monitored_negative_per_hour.size() == t
            ? ts.monitored_negative_per_hour
            : std::vector<double>(t, std::numeric_limits<double>::quiet_NaN());
    out.WriteVector(h, "monitored_negative_mentions_per_hour", monitored,
                    {"tick", "estimated negative posts per hour"});
  }

  void WriteEvents(const std::vector<EventRecord>& events) {
    std::vector<Tick> tick;
    std::vector<std::string> category, type, narrative, detail;
    for (const EventRecord& e : events) {
      tick.push_back(e.tick);
      category.push_back(e.category);
      type.push_back(e.type);
      narrative.push_back(e.narrative);
      detail.push_back(e.detail);
    }
    Handle g = out.CreateGroup(file.get(), "events");
    out.WriteVector(g.get(), "tick", tick, {"event", "tick"});
    out.WriteStrings(g.get(), "category", category);
    out.WriteStrings(g.get(), "type", type);
    out.WriteStrings(g.get(), "narrative", narrative);
    out.WriteStrings(g.get(), "detail", detail);
  }

  void WriteCascade(const CascadeRecord& cascade) {
    const Labels per_row{"row", nullptr};
    Handle g = out.CreateGroup(file.get(), "cascade");
    out.WriteVector(g.get(), "narrative", cascade.narrative, per_row);
    out.WriteVector(g.get(), "child", cascade.child, per_row);
    out.WriteVector(g.get(), "parent", cascade.parent, per_row);
    out.WriteVector(g.get(), "tick", cascade.tick, {"row", "tick"});
  }

  void WriteRuntime(const RuntimeInfo& runtime) {
    Handle provenance = out.OpenGroup(file.get(), "provenance");
    Handle g = out.CreateGroup(provenance.get(), "runtime");
    out.WriteAttribute<std::int32_t>(g.get(), "threads", runtime.threads);
    out.WriteAttribute<double>(g.get(), "wall_seconds", runtime.wall_seconds);
    out.WriteAttribute<std::uint32_t>(g.get(), "ticks_completed", runtime.ticks_completed);
    out.WriteAttribute<std::int32_t>(g.get(), "complete", runtime.complete ? 1 : 0);
  }

  void Finish(const RunRecord& record, const CascadeRecord& cascade, const RuntimeInfo& runtime) {
    if (!world_written) throw std::logic_error("Hdf5RunWriter::Finish before WriteWorld");
    Validate(record, cascade);
    WriteTimeSeries(record.series);
    WriteEvents(record.events);
    WriteCascade(cascade);
    WriteRuntime(runtime);  // last, so that it cannot shift anything else in the file

    for (Handle* h : {&snap_tick, &snap_state, &snap_outrage, &snap_trust, &snap_opinion})
      if (!h->Close()) out.Fail("close a snapshot dataset");
    out.Check(H5Fflush(file.get(), H5F_SCOPE_GLOBAL), "flush the file");
    if (!file.Close()) out.Fail("close the file");
    SyncToDisk();
    if (std::rename(tmp_path.c_str(), path.c_str()) != 0)
      throw OutputError("cannot rename " + tmp_path + " to " + path + ": " + std::strerror(errno));
    finished = true;
  }

  // So that a crash right after the rename cannot leave an empty file under the new name.
  void SyncToDisk() const {
    const int fd = ::open(tmp_path.c_str(), O_RDONLY);
    if (fd < 0 || ::fsync(fd) != 0) {
      const std::string reason = std::strerror(errno);
      if (fd >= 0) ::close(fd);
      throw OutputError("cannot write " + path + ": fsync failed: " + reason);
    }
    ::close(fd);
  }
};

Hdf5RunWriter::Hdf5RunWriter(const std::string& path, const RunHeader& header, bool force)
    : impl_(std::make_unique<Impl>(path, header)) {
  try {
    impl_->Open(force);
  } catch (const OutputError&) {
    impl_->hdf5_failed = true;  // ~Impl deletes what was created without further HDF5 calls
    throw;
  }
}

Hdf5RunWriter::~Hdf5RunWriter() = default;

void Hdf5RunWriter::WriteWorld(const World& world) {
  impl_->Guard("WriteWorld", [&] {
    if (impl_->world_written) throw std::logic_error("Hdf5RunWriter::WriteWorld called twice");
    impl_->WriteWorld(world);
  });
}

void Hdf5RunWriter::AppendSnapshot(Tick tick, const PopulationState& population) {
  impl_->Guard("AppendSnapshot", [&] { impl_->AppendSnapshot(tick, population); });
}

void Hdf5RunWriter::Finish(const RunRecord& record, const CascadeRecord& cascade,
                           const RuntimeInfo& runtime) {
  impl_->Guard("Finish", [&] { impl_->Finish(record, cascade, runtime); });
}

const std::string& Hdf5RunWriter::path() const { return impl_->path; }

}  // namespace firestorm
