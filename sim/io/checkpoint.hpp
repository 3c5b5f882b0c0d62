// Checkpoint files: everything a run needs to continue after it was killed, in one file that
// is replaced atomically (temporary name, fsync, rename), so a crash while writing one leaves
// the previous checkpoint intact. Written by `firestorm run --checkpoint-every`, read by
// `firestorm resume`; docs/reliability.md describes the design and the costs.
//
// Layout: a 16-byte magic, a format version, then (state_io encoding) the run's settings and
// effective scenario as YAML, the initial agent columns and the per-agent snapshots already
// written to the output, and the simulation state (SimulationStateIo); last, a 64-bit hash of
// every byte before it and an end marker. The hash is checked before anything is parsed, so a
// truncated or corrupt checkpoint is refused with a clear error.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/core/types.hpp"
#include "sim/dynamics/scenario.hpp"
#include "sim/graph/huge_array.hpp"

namespace firestorm {

class Simulation;
struct PopulationState;

// A per-agent snapshot as the run file stores it (/snapshots/*), kept so that a resumed run
// can write the snapshots taken before the checkpoint.
struct SnapshotCopy {
  Tick tick = 0;
  std::vector<std::vector<std::uint8_t>> state;  // [narrative][agent]
  Column<float> outrage, trust, opinion;
  static SnapshotCopy Of(Tick tick, const PopulationState& population);
  void CopyInto(PopulationState& population) const;  // state, outrage, trust, opinion
};

// What the run adds to the simulation state.
struct CheckpointRun {
  std::string scenario_yaml;    // the effective scenario, output path included
  std::string scenario_file;    // where it came from (messages, relative paths)
  std::string output;           // the run file being written
  bool force = false;           // the run may overwrite `output`
  std::string checkpoint;       // this checkpoint's own path
  Tick checkpoint_every = 0;    // ticks between checkpoints
  std::string firestorm_version, git_revision;  // of the build that wrote it
  Column<float> initial_opinion, initial_trust, initial_outrage;  // /agents/initial_*
  std::vector<SnapshotCopy> snapshots;  // already written to the output, in order
};

// Writes `path` atomically. Throws OutputError (full disk, unwritable folder).
void WriteCheckpoint(const std::string& path, const CheckpointRun& run, const Simulation& sim);

struct LoadedCheckpoint {
  CheckpointRun run;
  Scenario scenario;
  std::unique_ptr<Simulation> simulation;
  LoadedCheckpoint();
  LoadedCheckpoint(LoadedCheckpoint&&) noexcept;
  ~LoadedCheckpoint();
};

// Reads and checks a checkpoint. Throws InputError naming the file when it is missing,
// truncated, corrupt, of another format version, or does not fit its scenario.
LoadedCheckpoint ReadCheckpoint(const std::string& path);

}  // namespace firestorm
