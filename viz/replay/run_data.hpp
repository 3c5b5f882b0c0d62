// Everything the replay viewer shows of a run, read from its HDF5 file (docs/hdf5-schema.md)
// through the io module's Hdf5Reader: who is who, the per-tick series, the event log, the
// cascade as a tree, and the per-agent snapshots, read one at a time when the playhead needs
// them (a million-agent snapshot is ~15 MB, the whole run can be gigabytes).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/core/types.hpp"
#include "sim/dynamics/run_record.hpp"
#include "sim/io/hdf5_reader.hpp"
#include "viz/replay/agent_view.hpp"

namespace firestorm::viz {

// The cascade of one narrative as a tree: parent and exposure tick of each agent, and the
// children of each agent in compressed sparse row form.
struct CascadeTree {
  std::vector<AgentId> parent;          // [agent]: kNoAgent for seeds and never-exposed agents
  std::vector<Tick> exposed_at;         // [agent]: kNever if never exposed
  std::vector<std::uint64_t> child_offsets;  // [agent + 1]
  std::vector<AgentId> children;        // sorted by exposure tick, then id

  bool exposed(AgentId v) const { return exposed_at[v] != kNever; }
  std::span<const AgentId> children_of(AgentId v) const {
    return {children.data() + child_offsets[v], children.data() + child_offsets[v + 1]};
  }
};

class RunData {
 public:
  static RunData Load(const std::string& path);  // throws InputError

  const std::string& path() const { return path_; }
  AgentId agents() const { return agents_; }
  std::uint32_t narratives() const { return static_cast<std::uint32_t>(narrative_ids_.size()); }
  std::uint32_t communities() const { return communities_; }
  double tick_seconds() const { return tick_seconds_; }
  Tick ticks() const { return static_cast<Tick>(series_.tick.size()); }
  const std::string& scenario_name() const { return scenario_name_; }
  const std::string& playbook() const { return playbook_; }
  const std::vector<std::string>& narrative_ids() const { return narrative_ids_; }
  const std::vector<std::string>& narrative_kinds() const { return narrative_kinds_; }

  const std::vector<std::uint8_t>& kind() const { return kind_; }
  const std::vector<CommunityId>& community() const { return community_; }
  const std::vector<std::uint32_t>& followers() const { return followers_; }  // counts
  const std::vector<AgentId>& special_accounts() const { return special_; }

  const TimeSeries& series() const { return series_; }
  const std::vector<EventRecord>& events() const { return events_; }
  const CascadeTree& cascade(std::uint32_t narrative) const { return cascade_[narrative]; }
  // Agents in each state per tick, all kinds and communities: [tick][narrative][state].
  std::uint32_t StateCount(Tick t, std::uint32_t narrative, int state) const {
    return state_totals_[(static_cast<std::size_t>(t) * narratives() + narrative) * 5 + state];
  }

  const std::vector<Tick>& snapshot_ticks() const { return snapshot_ticks_; }
  // The latest snapshot taken at or before `tick` (the initial state before the first one).
  // Reads the file when the answer changes; cheap otherwise.
  const AgentFrame& FrameAt(Tick tick);
  const AgentFrame& InitialFrame() const { return initial_; }

  // The follower graph, read on demand (only layouts need it; cached layouts do not).
  void ReadGraph(std::vector<EdgeIndex>& offsets, std::vector<AgentId>& followers) const;

 private:
  std::string path_;
  std::unique_ptr<Hdf5Reader> file_;
  AgentId agents_ = 0;
  std::uint32_t communities_ = 1;
  double tick_seconds_ = 60;
  std::string scenario_name_, playbook_;
  std::vector<std::string> narrative_ids_, narrative_kinds_;
  std::vector<std::uint8_t> kind_;
  std::vector<CommunityId> community_;
  std::vector<std::uint32_t> followers_;
  std::vector<AgentId> special_;
  TimeSeries series_;
  std::vector<std::uint32_t> state_totals_;
  std::vector<EventRecord> events_;
  std::vector<CascadeTree> cascade_;
  std::vector<Tick> snapshot_ticks_;
  AgentFrame initial_;
  AgentFrame current_;
  std::int64_t current_index_ = -2;  // snapshot index held in current_ (-1 = initial)
};

// Hours and minutes since the start of the crisis at the end of tick `t`: "6h 05m".
std::string ClockLabel(Tick t, double tick_seconds);
// The tick whose end is `seconds` after the start (0 at the start).
Tick TickAtSeconds(double seconds, double tick_seconds, Tick num_ticks);

}  // namespace firestorm::viz
