// Reads a run file into RunFile (see run_file.hpp).
#include "analysis/io/run_file.hpp"

#include <algorithm>

#include "sim/core/error.hpp"

namespace firestorm {

NarrativeKind ParseNarrativeKind(const std::string& name) {
  for (std::size_t k = 0; k < kNarrativeKindNames.size(); ++k)
    if (kNarrativeKindNames[k] == name) return static_cast<NarrativeKind>(k);
  return NarrativeKind::kOfficial;
}

RunFile LoadRunFile(const Hdf5Reader& f) {
  RunFile r;
  r.path = f.path();
  r.scenario_name = f.ReadAttribute<std::string>("/provenance", "scenario_name");
  r.playbook = f.ReadAttribute<std::string>("/provenance", "playbook");
  r.firestorm_version = f.ReadAttribute<std::string>("/provenance", "firestorm_version");
  r.seed = f.ReadAttribute<std::uint64_t>("/provenance", "seed");
  r.tick_seconds = f.ReadAttribute<double>("/provenance", "tick_seconds");
  r.ticks_requested = f.ReadAttribute<std::uint32_t>("/provenance", "ticks_requested");
  const auto yaml = f.Read<std::string>("/provenance/scenario_yaml");
  if (!yaml.empty()) r.scenario_yaml = yaml.front();

  const auto ids = f.Read<std::string>("/labels/narrative_ids");
  const auto kinds = f.Read<std::string>("/labels/narrative_kinds");
  for (std::size_t k = 0; k < ids.size(); ++k) {
    NarrativeSpec spec;
    spec.id = ids[k];
    spec.kind = k < kinds.size() ? ParseNarrativeKind(kinds[k]) : NarrativeKind::kOfficial;
    r.narratives.push_back(spec);
  }

  r.agents = f.ReadAttribute<std::uint32_t>("/agents", "agents");
  r.communities = f.ReadAttribute<std::uint32_t>("/agents", "communities");
  r.edges = f.ReadAttribute<std::uint64_t>("/graph", "edges");
  r.kind = f.Read<std::uint8_t>("/agents/kind");
  r.community = f.Read<std::uint32_t>("/agents/community");
  if (r.kind.size() != r.agents || r.community.size() != r.agents)
    throw InputError({f.path(), 0, 0}, "/agents/kind and /agents/community must hold one value per agent");

  r.record.series = ReadTimeSeries(f, static_cast<std::uint32_t>(ids.size()), r.communities);
  r.record.events = ReadEvents(f);

  const auto narrative = f.Read<std::uint8_t>("/cascade/narrative");
  r.cascade.narrative.assign(narrative.begin(), narrative.end());
  r.cascade.child = f.Read<std::uint32_t>("/cascade/child");
  r.cascade.parent = f.Read<std::uint32_t>("/cascade/parent");
  r.cascade.tick = f.Read<std::uint32_t>("/cascade/tick");
  const std::size_t rows = r.cascade.narrative.size();
  if (r.cascade.child.size() != rows || r.cascade.parent.size() != rows || r.cascade.tick.size() != rows)
    throw InputError({f.path(), 0, 0}, "the /cascade datasets differ in length");

  r.snapshot_ticks = f.Read<std::uint32_t>("/snapshots/tick");
  return r;
}

TimeSeries ReadTimeSeries(const Hdf5Reader& f, std::uint32_t narratives, std::uint32_t communities) {
  TimeSeries s;
  s.narratives = narratives;
  const auto shape = f.Shape("/timeseries/state_counts");
  s.communities = shape.size() == 5 ? static_cast<std::uint32_t>(shape[4]) : communities;
  s.tick = f.Read<std::uint32_t>("/timeseries/tick");
  s.state_counts = f.Read<std::uint32_t>("/timeseries/state_counts");
  s.posts = f.Read<std::uint32_t>("/timeseries/posts");
  s.reach = f.Read<std::uint64_t>("/timeseries/reach");
  s.deliveries = f.Read<std::uint64_t>("/timeseries/deliveries");
  s.outrage_mean = f.Read<double>("/timeseries/outrage_mean");
  s.outrage_std = f.Read<double>("/timeseries/outrage_std");
  s.trust_mean = f.Read<double>("/timeseries/trust_mean");
  s.trust_std = f.Read<double>("/timeseries/trust_std");
  s.opinion_mean = f.Read<double>("/timeseries/opinion_mean");
  s.opinion_std = f.Read<double>("/timeseries/opinion_std");
  const std::size_t t = s.tick.size();
  if (s.outrage_mean.size() != t || s.trust_mean.size() != t || s.reach.size() != t * s.narratives ||
      s.state_counts.size() != t * s.narratives * 5 * 6 * s.communities)
    throw InputError({f.path(), 0, 0}, "the /timeseries datasets disagree on the number of ticks");
  return s;
}

std::vector<EventRecord> ReadEvents(const Hdf5Reader& f) {
  const auto ticks = f.Read<std::uint32_t>("/events/tick");
  const auto categories = f.Read<std::string>("/events/category");
  const auto types = f.Read<std::string>("/events/type");
  const auto narratives = f.Read<std::string>("/events/narrative");
  const auto details = f.Read<std::string>("/events/detail");
  std::vector<EventRecord> events;
  for (std::size_t e = 0; e < ticks.size(); ++e) {
    EventRecord ev;
    ev.tick = ticks[e];
    if (e < categories.size()) ev.category = categories[e];
    if (e < types.size()) ev.type = types[e];
    if (e < narratives.size()) ev.narrative = narratives[e];
    if (e < details.size()) ev.detail = details[e];
    events.push_back(std::move(ev));
  }
  return events;
}

FollowerGraph LoadFollowerGraph(const Hdf5Reader& f) {
  FollowerGraph g;
  g.offsets = f.Read<std::uint64_t>("/graph/offsets");
  g.followers = f.Read<std::uint32_t>("/graph/followers");
  const bool valid = !g.offsets.empty() && g.offsets.front() == 0 && g.offsets.back() == g.followers.size() &&
                     std::is_sorted(g.offsets.begin(), g.offsets.end()) &&
                     std::all_of(g.followers.begin(), g.followers.end(),
                                 [&](AgentId v) { return v + std::size_t{1} < g.offsets.size(); });
  if (!valid) throw InputError({f.path(), 0, 0}, "/graph/offsets and /graph/followers do not form a CSR graph");
  return g;
}

std::vector<float> ReadSnapshotColumn(const Hdf5Reader& f, const std::string& column, std::uint64_t snapshot) {
  return f.ReadRows<float>("/snapshots/" + column, snapshot, 1);
}

std::vector<std::uint8_t> ReadSnapshotStates(const Hdf5Reader& f, std::uint64_t snapshot) {
  return f.ReadRows<std::uint8_t>("/snapshots/state", snapshot, 1);
}

}  // namespace firestorm
