// The graph, platform, population, dynamics and run sections of a scenario: each key is read,
// range-checked and written over the draft, so a file that extends a preset changes only the
// keys it names. Keys and ranges are documented in docs/scenario-reference.md.
#include <cmath>
#include <cstdint>
#include <filesystem>

#include "sim/io/scenario_draft.hpp"

namespace firestorm::scenario_draft {

namespace {

namespace fs = std::filesystem;
using yaml_reader::Map;
using yaml_reader::Value;
using namespace scenario_keys;

constexpr std::uint64_t kMaxAgents = 4'000'000'000;
constexpr std::uint64_t kMaxU32 = UINT32_MAX;

constexpr std::string_view kGraphKeys[] = {"generator",
                                           "agents",
                                           "mean_followers",
                                           "mutual",
                                           "attach_edges",
                                           "rewire_probability",
                                           "communities",
                                           "homophily",
                                           "degree_exponent",
                                           "file",
                                           "format",
                                           "orientation",
                                           "community_attribute",
                                           "community_file",
                                           "cache"};
constexpr std::string_view kPlatformKeys[] = {
    "feed",          "attention",    "engagement_boost", "attention_capacity",
    "closed_groups", "forward_limit"};
constexpr std::string_view kPopulationKeys[] = {"extends",
                                                "bots",
                                                "influencers",
                                                "media",
                                                "fact_checkers",
                                                "organization",
                                                "bot_follows_bots",
                                                "bot_hub_targets",
                                                "polarization",
                                                "opinion_sd",
                                                "traits"};
constexpr std::string_view kMonitoringKeys[] = {"sample_rate", "sentiment_accuracy", "detect_above",
                                                "detect_for"};
constexpr std::string_view kResponseTeamKeys[] = {"spokespeople", "consistency"};
constexpr std::string_view kRunKeys[] = {"duration",       "tick",   "seed",
                                         "snapshot_every", "output", "playbook"};

std::string Trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

// "500", "1_000_000" (accounts) or "2%", "0.1%" (a share of all agents).
Amount ReadAmount(const Value& v) {
  const std::string expected =
      "expected a number of accounts (500) or a share of all accounts (\"2%\"), found ";
  const std::string hint = "write e.g. 500, 1_000_000 or \"2%\"";
  if (!v.IsScalar()) v.Fail(expected + v.Describe(), hint);
  const std::string t = Trim(v.String());
  if (!t.empty() && t.back() == '%') {
    const auto percent = yaml_reader::ParseNumber(Trim(t.substr(0, t.size() - 1)));
    if (!percent) v.Fail(expected + v.Describe(), hint);
    if (*percent < 0 || *percent > 100)
      v.Fail("a share must be between 0% and 100%, found " + t, "write e.g. \"2%\" or \"0.1%\"");
    return Amount{*percent / 100.0, true};
  }
  const auto count = yaml_reader::ParseNumber(t);
  if (!count) v.Fail(expected + v.Describe(), hint);
  if (*count < 0) v.Fail("cannot be negative, found " + t, hint);
  if (*count != std::floor(*count))
    v.Fail("expected a whole number of accounts, found " + t,
           "for a share of all accounts write a percentage, e.g. \"2%\"");
  if (*count > static_cast<double>(kMaxAgents))
    v.Fail("must be at most 4000000000 accounts, found " + t, hint);
  return Amount{*count, false};
}

// `media: 40` or `media: {count: 40, followers: "5%"}`.
void ReadSpecialAccounts(const Value& v, SpecialAccounts& accounts) {
  if (v.IsMap()) {
    const Map m = v.AsMap({"count", "followers"});
    if (auto c = m.Get("count"))
      accounts.count = static_cast<std::uint32_t>(c->Integer(0, kMaxU32));
    if (auto f = m.Get("followers")) accounts.followers = ReadAmount(*f);
    return;
  }
  const auto count = v.IsScalar() ? yaml_reader::ParseNumber(v.String()) : std::nullopt;
  if (!count || *count != std::floor(*count))
    v.Fail("expected a number of accounts or a map {count, followers}, found " + v.Describe(),
           "write e.g. 40, or {count: 40, followers: \"2%\"}");
  accounts.count = static_cast<std::uint32_t>(v.Integer(0, kMaxU32));
}

void ReadTraits(const Value& section, std::array<KindTraits, kNumAgentKinds>& traits) {
  for (const auto& [key, value] : section.Entries()) {
    const auto kind = key.Enumerated<AgentKind>(kAgentKindNames, "agent kind");
    KindTraits& t = traits[static_cast<int>(kind)];
    const Map m =
        value.AsMap({"activity_per_hour", "activity_spread", "credibility", "literacy", "trust"});
    if (auto v = m.Get("activity_per_hour")) t.activity_per_hour = v->Number(kNonNegative);
    if (auto v = m.Get("activity_spread")) t.activity_spread = v->Number(kNonNegative);
    if (auto v = m.Get("credibility")) t.credibility = v->Number(kNonNegative);
    if (auto v = m.Get("literacy")) {
      const Map d = v->AsMap({"mean", "sd"});
      if (auto x = d.Get("mean")) t.literacy_mean = x->Number(kProbability);
      if (auto x = d.Get("sd")) t.literacy_sd = x->Number(kNonNegative);
    }
    if (auto v = m.Get("trust")) {
      const Map d = v->AsMap({"mean", "sd"});
      if (auto x = d.Get("mean")) t.trust_mean = x->Number(kProbability);
      if (auto x = d.Get("sd")) t.trust_sd = x->Number(kNonNegative);
    }
  }
}

// A file named in the scenario, or "" when the value is empty.
std::string ReadOptionalFile(const Value& v, std::string_view what) {
  const std::string written = v.String();
  return written.empty() ? std::string() : ResolveExistingFile(v, written, what);
}

}  // namespace

Site SiteOf(const Value& v) { return Site{v.where(), v.path()}; }

void FailAt(const Site& site, const std::string& problem, const std::string& hint) {
  throw InputError(site.where, site.path.empty() ? problem : site.path + ": " + problem, hint);
}

std::string ResolveExistingFile(const Value& v, const std::string& written, std::string_view what) {
  const fs::path as_written(written);
  const fs::path candidate =
      (as_written.is_absolute() ? as_written : v.file().dir / as_written).lexically_normal();
  std::error_code ec;
  if (!fs::exists(candidate, ec)) {
    std::string hint = "paths are relative to the folder of the file that names them";
    std::vector<std::string> siblings;
    for (const auto& entry : fs::directory_iterator(
             candidate.parent_path().empty() ? fs::path(".") : candidate.parent_path(), ec))
      siblings.push_back(entry.path().filename().string());
    const std::vector<std::string_view> names(siblings.begin(), siblings.end());
    const std::string closest = yaml_reader::ClosestName(candidate.filename().string(), names);
    if (!closest.empty()) hint = "did you mean '" + closest + "'? " + hint;
    v.Fail("cannot find " + std::string(what) + " '" + written + "' (looked for " +
               candidate.string() + ")",
           hint);
  }
  if (fs::is_directory(candidate, ec))
    v.Fail(std::string(what) + " '" + written + "' is a folder, not a file (" + candidate.string() +
               ")",
           "name the file itself");
  return fs::absolute(candidate, ec).lexically_normal().string();
}

void ApplyGraph(const Value& section, ScenarioDraft& draft) {
  const Map m = section.AsMap(kGraphKeys);
  GraphSpec& g = draft.scenario.graph;
  if (auto v = m.Get("generator")) {
    g.generator = v->Enumerated<GraphGenerator>(kGeneratorNames, "generator");
    draft.generator_site = SiteOf(*v);
  }
  if (auto v = m.Get("agents")) {
    g.agents = v->Integer(2, kMaxAgents);
    draft.agents_site = SiteOf(*v);
  }
  if (auto v = m.Get("mean_followers")) {
    g.mean_followers = v->Number(kPositive);
    draft.mean_followers_site = SiteOf(*v);
  }
  if (auto v = m.Get("mutual")) g.mutual = v->Bool();
  if (auto v = m.Get("attach_edges"))
    g.attach_edges = static_cast<std::uint32_t>(v->Integer(1, kMaxU32));
  if (auto v = m.Get("rewire_probability")) g.rewire_probability = v->Number(kProbability);
  if (auto v = m.Get("communities")) {
    g.communities = static_cast<std::uint32_t>(v->Integer(1, kMaxU32));
    draft.communities_site = SiteOf(*v);
  }
  if (auto v = m.Get("homophily")) g.homophily = v->Number(kProbability);
  if (auto v = m.Get("degree_exponent")) g.degree_exponent = v->Number(Range{1, kInf, true});
  if (auto v = m.Get("file")) {
    g.file = ReadOptionalFile(*v, "graph file");
    draft.graph_file_site = SiteOf(*v);
  }
  if (auto v = m.Get("format")) g.format = v->Enumerated<GraphFormat>(kGraphFormatNames, "format");
  if (auto v = m.Get("orientation"))
    g.orientation = v->Enumerated<EdgeOrientation>(kOrientationNames, "orientation");
  if (auto v = m.Get("community_attribute")) g.community_attribute = v->String();
  if (auto v = m.Get("community_file")) g.community_file = ReadOptionalFile(*v, "community file");
  if (auto v = m.Get("cache")) {  // a folder, created when first used
    const std::string written = v->String();
    const fs::path p(written);
    std::error_code ec;
    g.cache = written.empty()
                  ? std::string()
                  : fs::absolute(p.is_absolute() ? p : v->file().dir / p, ec).lexically_normal().string();
  }
}

void ApplyPlatform(const Value& section, ScenarioDraft& draft) {
  const Map m = section.AsMap(kPlatformKeys);
  PlatformParams& p = draft.scenario.platform;
  if (auto v = m.Get("feed")) p.feed = v->Enumerated<FeedRanking>(kFeedNames, "feed");
  if (auto v = m.Get("attention")) p.attention = v->Number(kProbability);
  if (auto v = m.Get("engagement_boost")) p.engagement_boost = v->Number(kNonNegative);
  if (auto v = m.Get("attention_capacity")) p.attention_capacity = v->Number(kPositive);
  if (auto v = m.Get("closed_groups")) p.closed_groups = v->Bool();
  if (auto v = m.Get("forward_limit"))
    p.forward_limit = static_cast<std::uint32_t>(v->Integer(0, kMaxU32));
}

void ApplyPopulation(const Value& section, ScenarioDraft& draft, const ApplyPreset& apply_preset) {
  const Map m = section.AsMap(kPopulationKeys);
  if (auto v = m.Get("extends"))
    apply_preset(*v, section.path(),
                 [&](const Value& root) { ApplyPopulation(root, draft, apply_preset); });
  PopulationSpec& p = draft.scenario.population;
  if (auto v = m.Get("bots")) {
    p.bots = ReadAmount(*v);
    draft.bots_site = SiteOf(*v);
  }
  if (auto v = m.Get("influencers")) p.influencers = ReadAmount(*v);
  if (auto v = m.Get("media")) ReadSpecialAccounts(*v, p.media);
  if (auto v = m.Get("fact_checkers")) ReadSpecialAccounts(*v, p.fact_checkers);
  if (auto v = m.Get("organization")) ReadSpecialAccounts(*v, p.organization);
  if (auto v = m.Get("bot_follows_bots"))
    p.bot_follows_bots = static_cast<std::uint32_t>(v->Integer(0, kMaxU32));
  if (auto v = m.Get("bot_hub_targets"))
    p.bot_hub_targets = static_cast<std::uint32_t>(v->Integer(0, kMaxU32));
  if (auto v = m.Get("polarization")) p.polarization = v->Number(kProbability);
  if (auto v = m.Get("opinion_sd")) p.opinion_sd = v->Number(kNonNegative);
  if (auto v = m.Get("traits")) ReadTraits(*v, p.traits);
}

void ApplyDynamics(const Value& section, ScenarioDraft& draft) {
  std::array<std::string_view, kDynamicsKeys.size()> keys{};
  for (std::size_t i = 0; i < keys.size(); ++i) keys[i] = kDynamicsKeys[i].key;
  const Map m = section.AsMap(keys);
  for (const auto& k : kDynamicsKeys)
    if (auto v = m.Get(k.key)) draft.scenario.dynamics.*k.member = v->Number(k.range);
}

void ApplyMonitoring(const Value& section, ScenarioDraft& draft) {
  const Map m = section.AsMap(kMonitoringKeys);
  MonitoringSpec& s = draft.scenario.monitoring;
  if (auto v = m.Get("sample_rate")) s.sample_rate = v->Share(kProbability);
  if (auto v = m.Get("sentiment_accuracy")) s.sentiment_accuracy = v->Share(Range{0.5, 1});
  if (auto v = m.Get("detect_above")) s.detect_above = v->Number(kNonNegative);
  if (auto v = m.Get("detect_for")) draft.detect_for_seconds = v->DurationSeconds();
}

void ApplyResponseTeam(const Value& section, ScenarioDraft& draft) {
  const Map m = section.AsMap(kResponseTeamKeys);
  ResponseTeamSpec& t = draft.scenario.response_team;
  if (auto v = m.Get("spokespeople"))
    t.spokespeople = static_cast<std::uint32_t>(v->Integer(1, kMaxU32));
  if (auto v = m.Get("consistency")) t.consistency = v->Number(kProbability);
}

void ApplyRun(const Value& section, ScenarioDraft& draft) {
  const Map m = section.AsMap(kRunKeys);
  if (auto v = m.Get("duration")) {
    draft.duration_seconds = v->DurationSeconds();
    if (draft.duration_seconds <= 0)
      v->Fail("must be longer than 0", "write e.g. \"24h\" or \"3d\"");
    draft.duration_site = SiteOf(*v);
  }
  if (auto v = m.Get("tick")) {
    const double tick = v->DurationSeconds();
    if (tick < 1)
      v->Fail("must be at least 1s, found " + v->String(), "write e.g. \"1m\" or \"30s\"");
    if (tick != std::floor(tick))
      v->Fail("must be a whole number of seconds, found " + v->String(),
              "write e.g. \"1m\" or \"90s\"");
    draft.tick_seconds = tick;
    draft.tick_site = SiteOf(*v);
  }
  if (auto v = m.Get("seed")) draft.scenario.run.seed = v->Integer(0, UINT64_MAX);
  if (auto v = m.Get("snapshot_every")) {
    const double every = v->DurationSeconds(/*allow_never=*/true);
    draft.snapshot_seconds = std::isinf(every) ? 0 : every;
    draft.snapshot_site = SiteOf(*v);
  }
  if (auto v = m.Get("output")) draft.scenario.run.output = v->String();
  if (auto v = m.Get("playbook")) draft.playbook = NameRef{v->String(), SiteOf(*v)};
}

}  // namespace firestorm::scenario_draft
