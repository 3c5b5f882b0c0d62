// The narratives, playbooks (or `response:`) and injects of a scenario. Times stay in seconds
// and narrative references stay ids here: Finalize (scenario_finalize.cpp) converts them once
// the tick length and the final narrative list are known.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>

#include "sim/io/scenario_draft.hpp"

namespace firestorm::scenario_draft {

namespace {

using yaml_reader::Map;
using yaml_reader::Value;
using namespace scenario_keys;

constexpr std::size_t kMaxNarratives = 254;  // NarrativeId is 8 bits; the engine adds one more
constexpr std::string_view kNarrativeKeys[] = {
    "id",     "kind",        "veracity",          "emotional_charge",
    "stance", "credibility", "share_probability", "against_organization",
    "target", "seeds"};
// The kinds a scenario may declare, in NarrativeKind order; "official" is the engine's.
constexpr std::array<std::string_view, 3> kDeclarableNarrativeKinds = {"rumor", "outrage",
                                                                       "debunk"};
constexpr std::string_view kActionKeys[] = {"action",
                                            "at",
                                            "when",
                                            "delay",
                                            "every",
                                            "until",
                                            "narrative",
                                            "partners",
                                            "recall",
                                            "precision",
                                            "moderators_per_hour",
                                            "visual",
                                            "alignment",
                                            "max_recipients",
                                            "factor",
                                            "reach",
                                            "message"};
constexpr std::string_view kInjectKeys[] = {
    "event", "at", "when", "delay", "narrative", "size", "credibility", "outrage", "message"};
constexpr std::string_view kConditionKeys[] = {"metric", "above", "below", "for"};
constexpr std::array<std::string_view, 1> kTriggerWords = {"detected"};
constexpr std::string_view kWhenHint =
    "write when: detected, or a condition such as "
    "when: {metric: negative_mentions_per_hour, above: 500, for: 10m}";

bool IsId(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Ids are short lowercase words so they read well in outputs and on the command line.
std::string ReadId(const Value& v, std::string_view what) {
  const std::string id = v.String();
  if (IsId(id)) return id;
  std::string suggestion;
  for (const char c : id) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u))
      suggestion += static_cast<char>(std::tolower(u));
    else if (!suggestion.empty() && suggestion.back() != '_')
      suggestion += '_';
  }
  while (!suggestion.empty() && suggestion.back() == '_') suggestion.pop_back();
  v.Fail("'" + id + "' is not a valid " + std::string(what) +
             " name: use lowercase letters, digits and '_'",
         suggestion.empty() ? "write e.g. 'fake_recall'" : "write e.g. '" + suggestion + "'");
}

// Rejects a key that means nothing for this kind of action or inject.
void OnlyFor(const Map& m, std::string_view key, bool applies, std::string_view owners) {
  if (auto v = m.Get(key); v && !applies)
    v->Fail("'" + std::string(key) + "' applies only to " + std::string(owners),
            "remove it, or change the " + std::string(m.Has("event") ? "event" : "action"));
}

// `when: detected`, or `when: {metric: mean_outrage, above: 0.5, for: 10m}`.
void ReadWhen(const Value& v, DraftTiming& timing) {
  Trigger& t = timing.trigger;
  if (v.IsScalar()) {
    const std::string word = v.String();
    if (word == kTriggerWords[0]) {
      t.kind = TriggerKind::kDetected;
      return;
    }
    const std::string closest = yaml_reader::ClosestName(word, kTriggerWords);
    v.Fail("unknown trigger '" + word +
               "'; expected detected or a condition {metric, above or below, for}",
           closest.empty() ? std::string(kWhenHint) : "did you mean '" + closest + "'?");
  }
  if (!v.IsMap())
    v.Fail("expected detected or a condition {metric, above or below, for}, found " + v.Describe(),
           std::string(kWhenHint));
  const Map m = v.AsMap(kConditionKeys);
  t.kind = TriggerKind::kCondition;
  t.metric = m.Required("metric", "metric: negative_mentions_per_hour")
                 .Enumerated<WatchedMetric>(kWatchedMetricNames, "metric");
  const auto above = m.Get("above"), below = m.Get("below");
  if (above && below)
    below->Fail(
        "write either above or below, not both",
        "a condition fires while the metric is above a threshold, or while it is below one");
  if (!above && !below)
    v.Fail("a condition needs a threshold: above or below",
           "add e.g. above: 500 (fires when the metric rises past 500) or below: 0.4");
  // Mentions per hour are counts; the other metrics are shares or means from 0 to 1.
  t.above = above.has_value();
  t.threshold =
      (above ? *above : *below).Number(IsMonitored(t.metric) ? kNonNegative : kProbability);
  if (auto x = m.Get("for")) timing.hold_seconds = x->DurationSeconds();
}

// `at:`, or `when:` with an optional `delay:` (the reaction time after the trigger).
void ReadTiming(const Map& m, DraftTiming& timing, bool required) {
  const auto at = m.Get("at"), when = m.Get("when");
  if (at && when)
    when->Fail("write either at: or when:, not both",
               "at: starts it at a fixed time; when: starts it on detection or on a condition, "
               "after delay:");
  if (at) timing.at_seconds = at->DurationSeconds();
  if (when) ReadWhen(*when, timing);
  if (auto v = m.Get("delay")) {
    if (!when)
      v->Fail("'delay' applies only with when:",
              "delay counts from a trigger: add when: detected, or write the time as at: instead");
    timing.delay_seconds = v->DurationSeconds();
  }
  if (required && !at && !when)
    m.self().Fail("at or when is required",
                  "add at: 3h for a fixed time, or when: detected to start on detection");
}

std::optional<NameRef> ReadNarrativeRef(const Value& v, bool allow_all) {
  const std::string id = v.String();
  if (allow_all && id == "all") return std::nullopt;
  return NameRef{id, SiteOf(v)};
}

DraftNarrative ReadNarrative(const Value& item, const std::vector<DraftNarrative>& earlier) {
  const Map m = item.AsMap(kNarrativeKeys);
  DraftNarrative n;
  n.site = SiteOf(item);
  const Value id = m.Required("id", "id: fake_recall");
  n.spec.id = ReadId(id, "narrative");
  if (n.spec.id == "all")
    id.Fail("'all' is reserved: actions use it to mean every narrative", "choose another id");
  for (const auto& e : earlier)
    if (e.spec.id == n.spec.id)
      id.Fail("duplicate narrative id '" + n.spec.id + "'", "the first one is on line " +
                                                                std::to_string(e.site.where.line) +
                                                                "; give each narrative its own id");
  if (auto v = m.Get("kind")) {
    if (v->IsScalar() && v->String() == "official")
      v->Fail("narrative kind 'official' is reserved",
              "the engine adds the organization's official narrative itself; use rumor, outrage "
              "or debunk");
    n.spec.kind = v->Enumerated<NarrativeKind>(kDeclarableNarrativeKinds, "narrative kind");
  }
  if (auto v = m.Get("veracity"))
    n.spec.veracity = v->Enumerated<Veracity>(kVeracityNames, "veracity");
  if (auto v = m.Get("emotional_charge")) n.spec.emotional_charge = v->Number(kProbability);
  if (auto v = m.Get("stance")) n.spec.stance = v->Number(kSigned);
  if (auto v = m.Get("credibility")) n.spec.credibility = v->Number(kPositive);
  if (auto v = m.Get("share_probability")) n.spec.share_probability = v->Number(kProbability);
  if (auto v = m.Get("against_organization")) n.spec.against_organization = v->Bool();
  const bool debunk = n.spec.kind == NarrativeKind::kDebunk;
  if (auto v = m.Get("target")) {
    if (!debunk)
      v->Fail("only a debunk narrative has a target", "remove target, or set kind: debunk");
    n.target = NameRef{v->String(), SiteOf(*v)};
  } else if (debunk) {
    throw InputError(n.site.where, n.site.path + ".target: a debunk narrative needs a target",
                     "add target: <id of the narrative it corrects>");
  }
  if (auto v = m.Get("seeds")) {
    const Map seeds = v->AsMap({"count", "kind", "at"});
    if (auto x = seeds.Get("count"))
      n.spec.seeds.count = static_cast<std::uint32_t>(x->Integer(0, UINT32_MAX));
    if (auto x = seeds.Get("kind"))
      n.spec.seeds.kind = x->Enumerated<AgentKind>(kAgentKindNames, "agent kind");
    if (auto x = seeds.Get("at")) n.seeds_at_seconds = x->DurationSeconds();
  }
  return n;
}

std::vector<DraftAction> ReadActions(const Value& list) {
  std::vector<DraftAction> actions;
  for (const Value& item : list.Items()) {
    const Map m = item.AsMap(kActionKeys);
    DraftAction a;
    a.site = a.every_site = a.until_site = SiteOf(item);
    a.spec.type = m.Required("action", "action: acknowledge")
                      .Enumerated<ActionType>(kActionTypeNames, "action");
    ReadTiming(m, a.timing, /*required=*/false);
    if (auto v = m.Get("every")) {
      a.every_seconds = v->DurationSeconds(/*allow_never=*/true);
      if (std::isinf(a.every_seconds)) a.every_seconds = 0;  // "never": no repeat
      a.every_site = SiteOf(*v);
    }
    if (auto v = m.Get("until")) {
      a.until_seconds = v->DurationSeconds(/*allow_never=*/true);
      a.until_site = SiteOf(*v);
      if (a.until_seconds < a.timing.at_seconds)
        v->Fail("is before the action's first time (at)", "make until later than at");
    }
    if (auto v = m.Get("narrative")) a.narrative = ReadNarrativeRef(*v, /*allow_all=*/true);
    OnlyFor(m, "partners", a.spec.type == ActionType::kEngageInfluencers, "engage_influencers");
    OnlyFor(m, "recall", a.spec.type == ActionType::kBotTakedown, "bot_takedown");
    OnlyFor(m, "precision", a.spec.type == ActionType::kBotTakedown, "bot_takedown");
    OnlyFor(m, "moderators_per_hour", a.spec.type == ActionType::kBotTakedown, "bot_takedown");
    OnlyFor(m, "visual", a.spec.type == ActionType::kDebunk, "debunk");
    OnlyFor(m, "alignment", a.spec.type == ActionType::kEngageInfluencers, "engage_influencers");
    OnlyFor(m, "max_recipients", a.spec.type == ActionType::kForwardLimit, "forward_limit");
    OnlyFor(m, "factor", a.spec.type == ActionType::kDownrank, "downrank");
    OnlyFor(m, "reach", a.spec.type == ActionType::kEmergencyBroadcast, "emergency_broadcast");
    if (auto v = m.Get("partners"))
      a.spec.partners = static_cast<std::uint32_t>(v->Integer(1, UINT32_MAX));
    if (auto v = m.Get("recall")) a.spec.recall = v->Number(kProbability);
    if (auto v = m.Get("precision")) a.spec.precision = v->Number(Range{0, 1, true});
    if (auto v = m.Get("moderators_per_hour")) a.spec.moderators_per_hour = v->Number(kNonNegative);
    if (auto v = m.Get("visual")) a.spec.visual = v->Bool();
    if (auto v = m.Get("alignment")) a.spec.alignment = v->Number(kSigned);
    if (auto v = m.Get("max_recipients"))
      a.spec.max_recipients = static_cast<std::uint32_t>(v->Integer(1, UINT32_MAX));
    if (auto v = m.Get("factor")) a.spec.factor = v->Number(Range{0, 1, true});
    if (auto v = m.Get("reach")) a.spec.reach = v->Share();
    if (auto v = m.Get("message")) a.spec.message = v->String();
    actions.push_back(std::move(a));
  }
  return actions;
}

void PutPlaybook(ScenarioDraft& draft, DraftPlaybook playbook) {
  for (auto& p : draft.playbooks)
    if (p.name == playbook.name) {
      p = std::move(playbook);
      return;
    }
  draft.playbooks.push_back(std::move(playbook));
}

}  // namespace

void ApplyNarratives(const Value& section, ScenarioDraft& draft) {
  std::vector<DraftNarrative> narratives;
  for (const Value& item : section.Items()) narratives.push_back(ReadNarrative(item, narratives));
  if (narratives.size() > kMaxNarratives)
    section.Fail("too many narratives (" + std::to_string(narratives.size()) + ")",
                 "a scenario may declare at most 254 narratives");
  draft.narratives = std::move(narratives);
}

void ApplyPlaybooks(const Value& section, ScenarioDraft& draft) {
  for (const auto& [key, value] : section.Entries())
    PutPlaybook(draft, DraftPlaybook{ReadId(key, "playbook"), ReadActions(value)});
}

void ApplyResponse(const Value& section, ScenarioDraft& draft) {
  PutPlaybook(draft, DraftPlaybook{"default", ReadActions(section)});
}

void ApplyInjects(const Value& section, ScenarioDraft& draft) {
  std::vector<DraftInject> injects;
  for (const Value& item : section.Items()) {
    const Map m = item.AsMap(kInjectKeys);
    DraftInject inject;
    inject.spec.type = m.Required("event", "event: media_pickup")
                           .Enumerated<InjectType>(kInjectTypeNames, "event");
    ReadTiming(m, inject.timing, /*required=*/true);
    if (auto v = m.Get("narrative")) inject.narrative = ReadNarrativeRef(*v, /*allow_all=*/false);
    const bool activates = inject.spec.type == InjectType::kBotWave ||
                           inject.spec.type == InjectType::kMediaPickup ||
                           inject.spec.type == InjectType::kInfluencerJoins ||
                           inject.spec.type == InjectType::kSecondWave;
    OnlyFor(m, "size", activates, "media_pickup, bot_wave, influencer_joins and second_wave");
    OnlyFor(m, "credibility", inject.spec.type == InjectType::kLeak, "leak");
    OnlyFor(m, "outrage", inject.spec.type == InjectType::kOfflineEvent, "offline_event");
    if (auto v = m.Get("size")) inject.spec.size = v->Integer(0, 4'000'000'000);
    if (auto v = m.Get("credibility")) inject.spec.credibility = v->Number(Range{});
    if (auto v = m.Get("outrage")) inject.spec.outrage = v->Number(kProbability);
    if (auto v = m.Get("message")) inject.spec.message = v->String();
    injects.push_back(std::move(inject));
  }
  draft.injects = std::move(injects);
}

}  // namespace firestorm::scenario_draft
