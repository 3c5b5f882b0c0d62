// Writes one run to an HDF5 file (schema: docs/hdf5-schema.md). The file is written under a
// temporary name in the destination folder and renamed only when Finish() succeeds, so a
// reader never sees a half-written file.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sim/dynamics/run_record.hpp"
#include "sim/population/population_builder.hpp"

namespace firestorm {

// Provenance and labels, fixed before the run starts. Everything here is deterministic.
struct RunHeader {
  std::string scenario_name;
  std::string scenario_yaml;      // the effective scenario, fully resolved
  std::string playbook;
  std::string version;            // Firestorm version
  std::string git_revision;
  std::uint64_t seed = 0;
  double tick_seconds = 60;
  Tick ticks = 0;                 // ticks requested
  std::uint32_t communities = 0;
  std::vector<std::string> narrative_ids;    // index = narrative id in every dataset
  std::vector<std::string> narrative_kinds;
};

// What changes with the machine, kept apart so outputs compare bit-identical without it.
struct RuntimeInfo {
  int threads = 1;
  double wall_seconds = 0;
  Tick ticks_completed = 0;
  bool complete = true;
};

class Hdf5RunWriter {
 public:
  // Creates `path` + ".tmp" next to the destination; throws OutputError when it cannot
  // (the message names the folder and the reason). Refuses to overwrite unless `force`.
  Hdf5RunWriter(const std::string& path, const RunHeader& header, bool force);
  ~Hdf5RunWriter();  // removes the temporary file unless Finish() succeeded
  Hdf5RunWriter(const Hdf5RunWriter&) = delete;
  Hdf5RunWriter& operator=(const Hdf5RunWriter&) = delete;

  // The graph, communities, kinds and static traits (once, before the first snapshot).
  void WriteWorld(const World& world);
  // Appends one per-agent snapshot (state per narrative, outrage, trust, opinion).
  void AppendSnapshot(Tick tick, const PopulationState& population);
  // Writes the time series, events, cascade and runtime info, closes and renames.
  void Finish(const RunRecord& record, const CascadeRecord& cascade, const RuntimeInfo& runtime);

  const std::string& path() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace firestorm
