// A run file (docs/hdf5-schema.md) read back into the structs the engine filled, through
// Hdf5Reader and nothing else. Large per-agent data (the follower graph, snapshots) is read
// on demand, one array or one snapshot at a time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/types.hpp"
#include "sim/dynamics/narrative_spec.hpp"
#include "sim/dynamics/run_record.hpp"
#include "sim/io/hdf5_reader.hpp"

namespace firestorm {

struct RunFile {
  std::string path;
  // /provenance
  std::string scenario_name, playbook, scenario_yaml, firestorm_version;
  std::uint64_t seed = 0;
  double tick_seconds = 60;
  Tick ticks_requested = 0;
  // /labels: id and kind of each narrative (other NarrativeSpec fields keep their defaults).
  std::vector<NarrativeSpec> narratives;
  // /agents and /graph sizes
  AgentId agents = 0;
  std::uint64_t edges = 0;
  std::uint32_t communities = 0;
  std::vector<std::uint8_t> kind;        // AgentKind code per agent
  std::vector<CommunityId> community;
  // /timeseries, /events, /cascade
  RunRecord record;
  CascadeRecord cascade;
  // /snapshots/tick
  std::vector<Tick> snapshot_ticks;

  double hours_per_tick() const { return tick_seconds / 3600.0; }
};

// Reads everything above. Throws InputError when the file is not a run file or lacks an
// object the schema requires.
RunFile LoadRunFile(const Hdf5Reader& file);

// The /timeseries group, checked for consistent lengths; `communities` is used when the
// state counts do not say (files of an older layout).
TimeSeries ReadTimeSeries(const Hdf5Reader& file, std::uint32_t narratives, std::uint32_t communities);
// The /events group, one record per row.
std::vector<EventRecord> ReadEvents(const Hdf5Reader& file);

struct FollowerGraph {
  std::vector<EdgeIndex> offsets;  // n + 1
  std::vector<AgentId> followers;  // m
};
FollowerGraph LoadFollowerGraph(const Hdf5Reader& file);

// One snapshot of a per-agent float column ("opinion", "outrage", "trust"): n values.
std::vector<float> ReadSnapshotColumn(const Hdf5Reader& file, const std::string& column,
                                      std::uint64_t snapshot);
// One snapshot of /snapshots/state: [narrative][agent], N * n codes.
std::vector<std::uint8_t> ReadSnapshotStates(const Hdf5Reader& file, std::uint64_t snapshot);

// NarrativeKind from its name in /labels/narrative_kinds; unknown names read as kOfficial,
// which no metric counts as a crisis narrative.
NarrativeKind ParseNarrativeKind(const std::string& name);

}  // namespace firestorm
