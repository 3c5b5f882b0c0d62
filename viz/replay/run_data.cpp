#include "viz/replay/run_data.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "analysis/io/run_file.hpp"

namespace firestorm::viz {

namespace {

template <typename T>
std::vector<T> ReadOr(const Hdf5Reader& f, const std::string& name) {
  return f.Exists(name) ? f.Read<T>(name) : std::vector<T>{};
}

CascadeTree BuildTree(AgentId n, std::uint32_t narrative, const std::vector<std::uint8_t>& nar,
                      const std::vector<AgentId>& child, const std::vector<AgentId>& parent,
                      const std::vector<Tick>& tick) {
  CascadeTree t;
  t.parent.assign(n, kNoAgent);
  t.exposed_at.assign(n, kNever);
  t.child_offsets.assign(static_cast<std::size_t>(n) + 1, 0);
  for (std::size_t r = 0; r < child.size(); ++r) {
    if (nar[r] != narrative || child[r] >= n) continue;
    t.parent[child[r]] = parent[r];
    t.exposed_at[child[r]] = tick[r];
    if (parent[r] < n) ++t.child_offsets[parent[r] + 1];
  }
  for (AgentId v = 0; v < n; ++v) t.child_offsets[v + 1] += t.child_offsets[v];
  t.children.resize(t.child_offsets[n]);
  std::vector<std::uint64_t> next(t.child_offsets.begin(), t.child_offsets.end() - 1);
  // Rows are sorted by (narrative, tick, child), so children come out in exposure order.
  for (std::size_t r = 0; r < child.size(); ++r)
    if (nar[r] == narrative && child[r] < n && parent[r] < n)
      t.children[next[parent[r]]++] = child[r];
  return t;
}

}  // namespace

RunData RunData::Load(const std::string& path) {
  RunData d;
  d.path_ = path;
  d.file_ = std::make_unique<Hdf5Reader>(Hdf5Reader::OpenRun(path));
  const Hdf5Reader& f = *d.file_;
  d.agents_ = f.ReadAttribute<std::uint32_t>("/agents", "agents");
  d.communities_ = std::max<std::uint32_t>(1, f.ReadAttribute<std::uint32_t>("/agents", "communities"));
  d.tick_seconds_ = f.ReadAttribute<double>("/provenance", "tick_seconds");
  d.scenario_name_ = f.ReadAttribute<std::string>("/provenance", "scenario_name");
  d.playbook_ = f.ReadAttribute<std::string>("/provenance", "playbook");
  d.narrative_ids_ = f.Read<std::string>("/labels/narrative_ids");
  d.narrative_kinds_ = f.Read<std::string>("/labels/narrative_kinds");
  const AgentId n = d.agents_;
  const std::uint32_t num_narratives = d.narratives();

  d.kind_ = f.Read<std::uint8_t>("/agents/kind");
  d.community_ = f.Read<std::uint32_t>("/agents/community");
  const auto offsets = f.Read<std::uint64_t>("/graph/offsets");
  d.followers_.resize(n);
  for (AgentId v = 0; v < n; ++v)
    d.followers_[v] = static_cast<std::uint32_t>(offsets[v + 1] - offsets[v]);
  for (const char* list : {"organization", "media", "fact_checkers", "influencers", "bots"})
    for (AgentId v : ReadOr<std::uint32_t>(f, std::string("/agents/accounts/") + list))
      d.special_.push_back(v);

  d.series_ = ReadTimeSeries(f, num_narratives, d.communities_);
  const TimeSeries& s = d.series_;
  const std::size_t num_ticks = s.tick.size();
  const std::size_t per_state = static_cast<std::size_t>(6) * s.communities;
  d.state_totals_.assign(num_ticks * num_narratives * 5, 0);
  for (std::size_t i = 0; i < d.state_totals_.size() && (i + 1) * per_state <= s.state_counts.size(); ++i)
    for (std::size_t j = 0; j < per_state; ++j) d.state_totals_[i] += s.state_counts[i * per_state + j];

  d.events_ = ReadEvents(f);

  const auto c_nar = f.Read<std::uint8_t>("/cascade/narrative");
  const auto c_child = f.Read<std::uint32_t>("/cascade/child");
  const auto c_parent = f.Read<std::uint32_t>("/cascade/parent");
  const auto c_tick = f.Read<std::uint32_t>("/cascade/tick");
  for (std::uint32_t k = 0; k < num_narratives; ++k)
    d.cascade_.push_back(BuildTree(n, k, c_nar, c_child, c_parent, c_tick));
  for (std::size_t r = 0; r < c_child.size(); ++r)  // seeds are worth showing in any sample
    if (c_parent[r] == kNoAgent && c_child[r] < n) d.special_.push_back(c_child[r]);
  std::sort(d.special_.begin(), d.special_.end());
  d.special_.erase(std::unique(d.special_.begin(), d.special_.end()), d.special_.end());

  d.snapshot_ticks_ = f.Read<std::uint32_t>("/snapshots/tick");
  AgentFrame& init = d.initial_;
  init.tick = kNever;
  init.narratives = num_narratives;
  init.agents = n;
  init.state.assign(static_cast<std::size_t>(num_narratives) * n, 0);
  init.outrage = f.Read<float>("/agents/initial_outrage");
  init.trust = f.Read<float>("/agents/initial_trust");
  init.opinion = f.Read<float>("/agents/initial_opinion");
  return d;
}

const AgentFrame& RunData::FrameAt(Tick tick) {
  const auto it = std::upper_bound(snapshot_ticks_.begin(), snapshot_ticks_.end(), tick);
  const std::int64_t index = (it - snapshot_ticks_.begin()) - 1;
  if (index < 0) return initial_;
  if (index != current_index_) {
    const auto s = static_cast<std::uint64_t>(index);
    current_.tick = snapshot_ticks_[s];
    current_.narratives = narratives();
    current_.agents = agents_;
    current_.state = file_->ReadRows<std::uint8_t>("/snapshots/state", s, 1);
    current_.outrage = file_->ReadRows<float>("/snapshots/outrage", s, 1);
    current_.trust = file_->ReadRows<float>("/snapshots/trust", s, 1);
    current_.opinion = file_->ReadRows<float>("/snapshots/opinion", s, 1);
    current_index_ = index;
  }
  return current_;
}

void RunData::ReadGraph(std::vector<EdgeIndex>& offsets, std::vector<AgentId>& followers) const {
  offsets = file_->Read<std::uint64_t>("/graph/offsets");
  followers = file_->Read<std::uint32_t>("/graph/followers");
}

std::string ClockLabel(Tick t, double tick_seconds) {
  const double seconds = t == kNever ? 0.0 : (static_cast<double>(t) + 1.0) * tick_seconds;
  const auto minutes = static_cast<long long>(std::llround(seconds / 60.0));
  char text[32];
  std::snprintf(text, sizeof text, "%lldh %02lldm", minutes / 60, minutes % 60);
  return text;
}

Tick TickAtSeconds(double seconds, double tick_seconds, Tick num_ticks) {
  if (num_ticks == 0) return 0;
  const double ticks = std::ceil(seconds / tick_seconds - 1e-9) - 1.0;
  if (ticks <= 0) return 0;
  return static_cast<Tick>(std::min<double>(ticks, num_ticks - 1));
}

}  // namespace firestorm::viz
