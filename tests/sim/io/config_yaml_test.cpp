// Valid scenarios: a full file read into the expected struct values, defaults, amounts,
// durations converted to ticks, and presets pulled in with `extends:`.
#include "sim/io/config_yaml.hpp"

#include <filesystem>

#include "tests/sim/io/scenario_test_util.hpp"

namespace firestorm {
namespace {

using namespace firestorm::testing;
using ::testing::HasSubstr;

std::size_t K(AgentKind k) { return static_cast<std::size_t>(k); }

TEST(LoadScenario, FullScenarioGivesTheWrittenValues) {
  const Scenario s = LoadScenario(Fixture("full.yaml"));
  EXPECT_EQ(s.name, "Airline video");
  EXPECT_EQ(s.description, "A video of a passenger dragged off a flight.");
  EXPECT_EQ(s.source_file, Fixture("full.yaml"));

  EXPECT_EQ(s.graph.generator, GraphGenerator::kBarabasiAlbert);
  EXPECT_EQ(s.graph.agents, 50'000u);
  EXPECT_EQ(s.graph.mean_followers, 12.5);
  EXPECT_TRUE(s.graph.mutual);
  EXPECT_EQ(s.graph.attach_edges, 4u);
  EXPECT_EQ(s.graph.rewire_probability, 0.2);
  EXPECT_EQ(s.graph.communities, 6u);
  EXPECT_EQ(s.graph.homophily, 0.7);
  EXPECT_EQ(s.graph.degree_exponent, 2.1);
  EXPECT_EQ(s.graph.format, GraphFormat::kGraphMl);
  EXPECT_EQ(s.graph.orientation, EdgeOrientation::kReaches);
  EXPECT_EQ(s.graph.community_attribute, "camp");
  EXPECT_EQ(s.graph.file, "");

  EXPECT_EQ(s.platform.feed, FeedRanking::kChronological);
  EXPECT_EQ(s.platform.attention, 0.3);
  EXPECT_EQ(s.platform.engagement_boost, 0.5);
  EXPECT_EQ(s.platform.attention_capacity, 50);
  EXPECT_TRUE(s.platform.closed_groups);
  EXPECT_EQ(s.platform.forward_limit, 20u);

  const PopulationSpec& p = s.population;
  EXPECT_EQ(p.bots.value, 0.02);
  EXPECT_TRUE(p.bots.is_fraction);
  EXPECT_EQ(p.influencers.value, 25);
  EXPECT_FALSE(p.influencers.is_fraction);
  EXPECT_EQ(p.media.count, 40u);
  EXPECT_EQ(p.media.followers.value, 0.02);  // untouched: the default
  EXPECT_EQ(p.fact_checkers.count, 5u);
  EXPECT_EQ(p.fact_checkers.followers.value, 1000);
  EXPECT_FALSE(p.fact_checkers.followers.is_fraction);
  EXPECT_EQ(p.organization.count, 1u);  // untouched: the default
  EXPECT_EQ(p.organization.followers.value, 0.1);
  EXPECT_TRUE(p.organization.followers.is_fraction);
  EXPECT_EQ(p.bot_follows_bots, 7u);
  EXPECT_EQ(p.bot_hub_targets, 2u);
  EXPECT_EQ(p.polarization, 0.4);
  EXPECT_EQ(p.opinion_sd, 0.1);
  const KindTraits& bot = p.traits[K(AgentKind::kBot)];
  EXPECT_EQ(bot.activity_per_hour, 12);
  EXPECT_EQ(bot.literacy_mean, 0.05);
  EXPECT_EQ(bot.activity_spread, 0.3);  // the bot default, kept key by key
  EXPECT_EQ(bot.trust_mean, 0.2);
  const KindTraits& media = p.traits[K(AgentKind::kMedia)];
  EXPECT_EQ(media.credibility, 2.5);
  EXPECT_EQ(media.trust_mean, 0.5);
  EXPECT_EQ(media.trust_sd, 0.2);
  EXPECT_EQ(media.activity_per_hour, 3.0);

  ASSERT_EQ(s.narratives.size(), 3u);
  const NarrativeSpec& video = s.narratives[0];
  EXPECT_EQ(video.id, "video");
  EXPECT_EQ(video.kind, NarrativeKind::kOutrage);
  EXPECT_EQ(video.veracity, Veracity::kTrue);
  EXPECT_EQ(video.emotional_charge, 0.9);
  EXPECT_EQ(video.stance, -0.5);
  EXPECT_EQ(video.credibility, 1.2);
  EXPECT_EQ(video.share_probability, 0.1);
  EXPECT_TRUE(video.against_organization);
  EXPECT_EQ(video.seeds.count, 20u);
  EXPECT_EQ(video.seeds.kind, AgentKind::kUser);
  EXPECT_EQ(video.seeds.at, 0u);
  EXPECT_EQ(s.narratives[1].kind, NarrativeKind::kRumor);
  EXPECT_EQ(s.narratives[1].veracity, Veracity::kFalse);
  EXPECT_EQ(s.narratives[1].seeds.kind, AgentKind::kBot);
  EXPECT_EQ(s.narratives[1].seeds.at, 240u);  // 2h at 30 s per tick
  const NarrativeSpec& correction = s.narratives[2];
  EXPECT_EQ(correction.kind, NarrativeKind::kDebunk);
  EXPECT_EQ(correction.target, 1);
  EXPECT_FALSE(correction.against_organization);
  EXPECT_EQ(correction.seeds.kind, AgentKind::kFactChecker);
  EXPECT_EQ(correction.seeds.at, 180u);  // 1h30m

  EXPECT_EQ(s.dynamics.forgetting_per_hour, 0.3);
  EXPECT_EQ(s.dynamics.outrage_half_life_hours, 4);
  EXPECT_EQ(s.dynamics.label_belief, 0.5);
  EXPECT_EQ(s.dynamics.debunk_efficacy, DynamicsParams{}.debunk_efficacy);
  EXPECT_EQ(s.dynamics.argue_anger, 0.4);
  EXPECT_EQ(s.dynamics.visual_debunk_boost, 2);

  ASSERT_EQ(s.playbooks.size(), 4u);
  EXPECT_EQ(s.playbooks[0].name, "defensive_first");
  EXPECT_EQ(s.playbooks[2].name, "silence");
  EXPECT_TRUE(s.playbooks[2].actions.empty());
  const auto& defend = s.playbooks[0].actions[0];
  EXPECT_EQ(defend.type, ActionType::kDefend);
  EXPECT_EQ(defend.at, 240u);
  EXPECT_EQ(defend.message, "followed procedures");
  EXPECT_EQ(defend.narrative, kAllNarratives);
  EXPECT_EQ(s.playbooks[0].actions[1].at, 5760u);  // 2d
  const auto& empathy = s.playbooks[1].actions;
  ASSERT_EQ(empathy.size(), 6u);
  EXPECT_EQ(empathy[0].type, ActionType::kAcknowledge);
  EXPECT_EQ(empathy[0].at, 60u);
  EXPECT_EQ(empathy[0].every, 0u);
  EXPECT_EQ(empathy[0].until, kNever);
  EXPECT_EQ(empathy[1].type, ActionType::kTransparencyUpdate);
  EXPECT_EQ(empathy[1].at, 720u);
  EXPECT_EQ(empathy[1].every, 1440u);
  EXPECT_EQ(empathy[1].until, 8640u);
  EXPECT_EQ(empathy[2].type, ActionType::kEngageInfluencers);
  EXPECT_EQ(empathy[2].partners, 15u);
  EXPECT_EQ(empathy[2].narrative, 0);
  EXPECT_EQ(empathy[3].type, ActionType::kBotTakedown);
  EXPECT_EQ(empathy[3].recall, 0.6);
  EXPECT_EQ(empathy[3].precision, 0.95);
  EXPECT_EQ(empathy[3].narrative, 1);
  EXPECT_EQ(empathy[4].type, ActionType::kDebunk);
  EXPECT_EQ(empathy[5].type, ActionType::kLabel);
  EXPECT_EQ(empathy[5].narrative, kAllNarratives);
  EXPECT_EQ(empathy[0].trigger.kind, TriggerKind::kTime);

  // Triggered actions; times at 30 s per tick.
  const auto& detection = s.playbooks[3].actions;
  ASSERT_EQ(detection.size(), 11u);
  EXPECT_EQ(detection[0].type, ActionType::kAcknowledge);
  EXPECT_EQ(detection[0].trigger.kind, TriggerKind::kDetected);
  EXPECT_EQ(detection[0].trigger.delay, 60u);  // 30m
  EXPECT_EQ(detection[0].at, 0u);
  EXPECT_EQ(detection[1].type, ActionType::kDebunk);
  EXPECT_TRUE(detection[1].visual);
  EXPECT_EQ(detection[1].trigger.delay, 240u);
  EXPECT_EQ(detection[2].trigger.kind, TriggerKind::kDetected);
  EXPECT_EQ(detection[2].trigger.delay, 0u);
  EXPECT_EQ(detection[2].every, 1440u);
  EXPECT_EQ(detection[2].until, 8640u);  // absolute, not from the trigger
  const Trigger& low_trust = detection[3].trigger;
  EXPECT_EQ(detection[3].type, ActionType::kRemedialAction);
  EXPECT_EQ(low_trust.kind, TriggerKind::kCondition);
  EXPECT_EQ(low_trust.metric, WatchedMetric::kMeanTrust);
  EXPECT_FALSE(low_trust.above);
  EXPECT_EQ(low_trust.threshold, 0.4);
  EXPECT_EQ(low_trust.hold, 120u);   // 1h
  EXPECT_EQ(low_trust.delay, 480u);  // 4h
  const Trigger& loud = detection[4].trigger;
  EXPECT_EQ(detection[4].type, ActionType::kArgue);
  EXPECT_EQ(loud.kind, TriggerKind::kCondition);
  EXPECT_EQ(loud.metric, WatchedMetric::kNegativeMentionsPerHour);
  EXPECT_TRUE(loud.above);
  EXPECT_EQ(loud.threshold, 1000);
  EXPECT_EQ(loud.hold, 0u);
  EXPECT_EQ(loud.delay, 0u);
  EXPECT_EQ(detection[5].type, ActionType::kDownrank);
  EXPECT_EQ(detection[5].trigger.kind, TriggerKind::kTime);
  EXPECT_EQ(detection[5].at, 240u);
  EXPECT_EQ(detection[5].factor, 0.3);
  EXPECT_EQ(detection[5].narrative, 1);
  EXPECT_EQ(detection[6].type, ActionType::kForwardLimit);
  EXPECT_EQ(detection[6].max_recipients, 3u);
  EXPECT_EQ(detection[7].type, ActionType::kEmergencyBroadcast);
  EXPECT_EQ(detection[7].reach, 0.7);
  EXPECT_EQ(detection[8].type, ActionType::kCompensation);
  EXPECT_EQ(detection[8].message, "refunds for all passengers");
  EXPECT_EQ(detection[9].moderators_per_hour, 200);
  EXPECT_EQ(detection[9].recall, ActionSpec{}.recall);
  EXPECT_EQ(detection[10].alignment, -0.5);
  EXPECT_EQ(detection[10].partners, ActionSpec{}.partners);

  ASSERT_EQ(s.injects.size(), 6u);
  EXPECT_EQ(s.injects[0].type, InjectType::kMediaPickup);
  EXPECT_EQ(s.injects[0].at, 360u);
  EXPECT_EQ(s.injects[0].narrative, 0);  // default: the first narrative
  EXPECT_EQ(s.injects[0].message, "National outlets run the video");
  EXPECT_EQ(s.injects[1].type, InjectType::kBotWave);
  EXPECT_EQ(s.injects[1].size, 5000u);
  EXPECT_EQ(s.injects[1].narrative, 1);
  EXPECT_EQ(s.injects[2].type, InjectType::kLeak);
  EXPECT_EQ(s.injects[2].at, 3120u);  // 26h
  EXPECT_EQ(s.injects[2].credibility, 0.2);
  EXPECT_EQ(s.injects[3].type, InjectType::kInfluencerJoins);
  EXPECT_EQ(s.injects[3].size, 3u);
  EXPECT_EQ(s.injects[3].trigger.kind, TriggerKind::kTime);
  EXPECT_EQ(s.injects[4].type, InjectType::kOfflineEvent);
  EXPECT_EQ(s.injects[4].trigger.kind, TriggerKind::kDetected);
  EXPECT_EQ(s.injects[4].trigger.delay, 120u);
  EXPECT_EQ(s.injects[4].outrage, 0.3);
  EXPECT_EQ(s.injects[4].message, "Protest at the airport");
  EXPECT_EQ(s.injects[5].type, InjectType::kSecondWave);
  EXPECT_EQ(s.injects[5].trigger.kind, TriggerKind::kCondition);
  EXPECT_EQ(s.injects[5].trigger.metric, WatchedMetric::kSpreadersShare);
  EXPECT_FALSE(s.injects[5].trigger.above);
  EXPECT_EQ(s.injects[5].trigger.threshold, 0.01);
  EXPECT_EQ(s.injects[5].trigger.hold, 240u);
  EXPECT_EQ(s.injects[5].size, 50u);
  EXPECT_EQ(s.injects[5].narrative, 1);

  EXPECT_EQ(s.monitoring.sample_rate, 0.1);
  EXPECT_EQ(s.monitoring.sentiment_accuracy, 0.9);
  EXPECT_EQ(s.monitoring.detect_above, 200);
  EXPECT_EQ(s.monitoring.detect_hold, 60u);  // 30m
  EXPECT_EQ(s.response_team.spokespeople, 3u);
  EXPECT_EQ(s.response_team.consistency, 0.8);

  EXPECT_EQ(s.run.tick_seconds, 30);
  EXPECT_EQ(s.run.ticks, 8640u);  // 3 days of 30 s ticks
  EXPECT_EQ(s.run.seed, 12345678901234u);
  EXPECT_EQ(s.run.snapshot_every, 20u);
  EXPECT_EQ(s.run.output, "out/airline.h5");
  EXPECT_EQ(s.run.playbook, "fast_empathy");
  ASSERT_NE(s.SelectedPlaybook(), nullptr);
  EXPECT_EQ(s.SelectedPlaybook()->name, "fast_empathy");
}

TEST(LoadScenario, UnwrittenKeysTakeTheStructDefaults) {
  const Scenario s = LoadScenario(Fixture("minimal.yaml"));
  const Scenario d;
  EXPECT_EQ(s.name, "Minimal");
  EXPECT_EQ(s.description, "");
  EXPECT_EQ(s.graph.generator, d.graph.generator);
  EXPECT_EQ(s.graph.agents, d.graph.agents);
  EXPECT_EQ(s.graph.mean_followers, d.graph.mean_followers);
  EXPECT_EQ(s.graph.communities, d.graph.communities);
  EXPECT_EQ(s.platform.feed, d.platform.feed);
  EXPECT_EQ(s.platform.attention, d.platform.attention);
  EXPECT_EQ(s.platform.closed_groups, d.platform.closed_groups);
  EXPECT_EQ(s.platform.forward_limit, d.platform.forward_limit);
  EXPECT_EQ(s.monitoring.sample_rate, d.monitoring.sample_rate);
  EXPECT_EQ(s.monitoring.sentiment_accuracy, d.monitoring.sentiment_accuracy);
  EXPECT_EQ(s.monitoring.detect_above, d.monitoring.detect_above);
  EXPECT_EQ(s.monitoring.detect_hold, d.monitoring.detect_hold);  // 15m of 1-minute ticks
  EXPECT_EQ(s.response_team.spokespeople, d.response_team.spokespeople);
  EXPECT_EQ(s.response_team.consistency, d.response_team.consistency);
  EXPECT_EQ(s.population.bots.value, d.population.bots.value);
  EXPECT_EQ(s.population.media.count, d.population.media.count);
  EXPECT_EQ(0, std::memcmp(&s.dynamics, &d.dynamics, sizeof d.dynamics));
  for (std::size_t k = 0; k < s.population.traits.size(); ++k)
    EXPECT_EQ(s.population.traits[k].trust_mean, d.population.traits[k].trust_mean);
  ASSERT_EQ(s.narratives.size(), 1u);
  const NarrativeSpec n;
  EXPECT_EQ(s.narratives[0].id, "rumor");
  EXPECT_EQ(s.narratives[0].kind, n.kind);
  EXPECT_EQ(s.narratives[0].veracity, n.veracity);
  EXPECT_EQ(s.narratives[0].share_probability, n.share_probability);
  EXPECT_EQ(s.narratives[0].seeds.count, n.seeds.count);
  EXPECT_EQ(s.narratives[0].seeds.at, 0u);
  EXPECT_TRUE(s.playbooks.empty());
  EXPECT_TRUE(s.injects.empty());
  EXPECT_EQ(s.SelectedPlaybook(), nullptr);
  EXPECT_EQ(s.run.tick_seconds, d.run.tick_seconds);
  EXPECT_EQ(s.run.ticks, d.run.ticks);  // 24h of 1-minute ticks
  EXPECT_EQ(s.run.seed, d.run.seed);
  EXPECT_EQ(s.run.snapshot_every, d.run.snapshot_every);
  EXPECT_EQ(s.run.output, "");
  EXPECT_EQ(s.run.playbook, "");
}

TEST(ParseScenario, WithoutRunPlaybookTheFirstPlaybookIsSelected) {
  const Scenario s =
      ParseInline(kValidHead + "playbooks:\n  quiet: []\n  loud:\n    - {action: defend}\n");
  EXPECT_EQ(s.run.playbook, "quiet");
}

TEST(ParseScenario, ResponseListIsAPlaybookNamedDefault) {
  const Scenario s = ParseInline(kValidHead +
                                 "response:\n  - {action: acknowledge, at: 45m}\n"
                                 "  - {action: apologize, at: 6h}\n");
  ASSERT_EQ(s.playbooks.size(), 1u);
  EXPECT_EQ(s.playbooks[0].name, "default");
  ASSERT_EQ(s.playbooks[0].actions.size(), 2u);
  EXPECT_EQ(s.playbooks[0].actions[0].at, 45u);
  EXPECT_EQ(s.playbooks[0].actions[1].type, ActionType::kApologize);
  EXPECT_EQ(s.run.playbook, "default");
}

struct AmountCase {
  std::string written;
  double value;
  bool is_fraction;
  std::uint64_t resolved_of_10000;
};

void PrintTo(const AmountCase& c, std::ostream* os) { *os << "influencers: " << c.written; }

class AmountTest : public ::testing::TestWithParam<AmountCase> {};

TEST_P(AmountTest, ReadsCountsAndPercentages) {
  const AmountCase& c = GetParam();
  const Scenario s = ParseInline(kValidHead +
                                 "graph: {agents: 1_000_000_000}\n"
                                 "population:\n  bots: 0\n  influencers: " +
                                 c.written + "\n");
  EXPECT_DOUBLE_EQ(s.population.influencers.value, c.value);
  EXPECT_EQ(s.population.influencers.is_fraction, c.is_fraction);
  EXPECT_EQ(s.population.influencers.Resolve(10'000), c.resolved_of_10000);
}

INSTANTIATE_TEST_SUITE_P(
    Amounts, AmountTest,
    ::testing::Values(AmountCase{"2%", 0.02, true, 200}, AmountCase{"0.1%", 0.001, true, 10},
                      AmountCase{"\"2%\"", 0.02, true, 200}, AmountCase{"100%", 1.0, true, 10'000},
                      AmountCase{"500", 500, false, 500}, AmountCase{"0", 0, false, 0},
                      AmountCase{"1_000_000", 1e6, false, 1'000'000},
                      AmountCase{"\"1_000_000\"", 1e6, false, 1'000'000}));

TEST(ParseScenario, SpecialAccountsTakeACountOrAMap) {
  const Scenario s = ParseInline(kValidHead +
                                 "population:\n  media: 40\n"
                                 "  fact_checkers: {count: 5, followers: 0.5%}\n"
                                 "  organization: {followers: 200_000}\n");
  EXPECT_EQ(s.population.media.count, 40u);
  EXPECT_EQ(s.population.fact_checkers.count, 5u);
  EXPECT_EQ(s.population.fact_checkers.followers.value, 0.005);
  EXPECT_TRUE(s.population.fact_checkers.followers.is_fraction);
  EXPECT_EQ(s.population.organization.count, 1u);
  EXPECT_EQ(s.population.organization.followers.value, 200'000);
  EXPECT_FALSE(s.population.organization.followers.is_fraction);
}

TEST(ParseScenario, WholeNumbersAcceptDigitGroupsAndExponents) {
  EXPECT_EQ(ParseInline(kValidHead + "graph: {agents: 1e6}\n").graph.agents, 1'000'000u);
  EXPECT_EQ(ParseInline(kValidHead + "graph: {agents: 1_000_000}\n").graph.agents, 1'000'000u);
  EXPECT_EQ(ParseInline(kValidHead + "graph: {agents: 4_000_000_000}\n").graph.agents,
            4'000'000'000u);
}

// run.tick and the times below it, as written -> ticks.
struct TickCase {
  std::string tick, time;
  Tick expected;
};

void PrintTo(const TickCase& c, std::ostream* os) { *os << c.time << " at tick " << c.tick; }

class TimeToTicksTest : public ::testing::TestWithParam<TickCase> {};

TEST_P(TimeToTicksTest, RoundsToTheNearestTick) {
  const TickCase& c = GetParam();
  const Scenario s = ParseInline(kValidHead + "injects:\n  - {event: leak, at: " + c.time +
                                 "}\nrun: {duration: 1d, tick: " + c.tick + "}\n");
  EXPECT_EQ(s.injects.at(0).at, c.expected) << c.time << " with tick " << c.tick;
}

INSTANTIATE_TEST_SUITE_P(Durations, TimeToTicksTest,
                         ::testing::Values(TickCase{"1m", "0", 0}, TickCase{"1m", "0s", 0},
                                           TickCase{"1m", "29s", 0}, TickCase{"1m", "31s", 1},
                                           TickCase{"1m", "90s", 2}, TickCase{"1m", "45m", 45},
                                           TickCase{"1m", "1h30m", 90}, TickCase{"1m", "2h", 120},
                                           TickCase{"1m", "3d", 4320}, TickCase{"30s", "15m", 30},
                                           TickCase{"10s", "1m", 6}, TickCase{"1h", "26h", 26},
                                           TickCase{"1m", "1w", 10080},
                                           // Beyond the run: allowed, it simply never fires.
                                           TickCase{"1m", "10d", 14400}));

TEST(ParseScenario, RunLengthIsDurationOverTickRounded) {
  EXPECT_EQ(ParseInline(kValidHead + "run: {duration: 3d, tick: 1m}\n").run.ticks, 4320u);
  EXPECT_EQ(ParseInline(kValidHead + "run: {duration: 100s, tick: 1m}\n").run.ticks, 2u);
  EXPECT_EQ(ParseInline(kValidHead + "run: {duration: 1h, tick: 1h}\n").run.ticks, 1u);
  EXPECT_EQ(ParseInline(kValidHead + "run: {duration: 2h, tick: 1s}\n").run.ticks, 7200u);
}

TEST(ParseScenario, SnapshotsCanBeTurnedOff) {
  EXPECT_EQ(ParseInline(kValidHead + "run: {snapshot_every: never}\n").run.snapshot_every, 0u);
  EXPECT_EQ(ParseInline(kValidHead + "run: {snapshot_every: 0}\n").run.snapshot_every, 0u);
  EXPECT_EQ(ParseInline(kValidHead + "run: {snapshot_every: \"0\"}\n").run.snapshot_every, 0u);
  EXPECT_EQ(ParseInline(kValidHead + "run: {snapshot_every: 2h, tick: 30m}\n").run.snapshot_every,
            4u);
}

TEST(ParseScenario, RepeatingActionsConvertEveryAndUntil) {
  const Scenario s =
      ParseInline(kValidHead +
                  "playbooks:\n  p:\n"
                  "    - {action: transparency_update, at: 6h, every: 12h, until: never}\n"
                  "    - {action: transparency_update, every: 30m, until: 2h}\n"
                  "    - {action: label, every: never}\n");
  const auto& a = s.playbooks[0].actions;
  EXPECT_EQ(a[0].at, 360u);
  EXPECT_EQ(a[0].every, 720u);
  EXPECT_EQ(a[0].until, kNever);
  EXPECT_EQ(a[1].at, 0u);
  EXPECT_EQ(a[1].every, 30u);
  EXPECT_EQ(a[1].until, 120u);
  EXPECT_EQ(a[2].every, 0u);  // never: fires once
}

TEST(ParseScenario, TimesAreConvertedWithATickSetLater) {
  // The tick is written after the times that depend on it.
  const Scenario s = ParseInline(
      "name: t\nnarratives:\n  - {id: r, seeds: {at: 1h}}\n"
      "injects:\n  - {event: media_pickup, at: 1h}\nrun: {tick: 10m}\n");
  EXPECT_EQ(s.narratives[0].seeds.at, 6u);
  EXPECT_EQ(s.injects[0].at, 6u);
}

TEST(ParseScenario, ActionsStartAtATimeOrOnATrigger) {
  const Scenario s =
      ParseInline(kValidHead +
                  "playbooks:\n  p:\n"
                  "    - {action: acknowledge}\n"
                  "    - {action: acknowledge, at: 2h}\n"
                  "    - {action: apologize, when: detected}\n"
                  "    - {action: apologize, when: detected, delay: 30m}\n"
                  "    - action: compensation\n"
                  "      when: {metric: mean_outrage, above: 0.5, for: 10m}\n"
                  "      delay: 1h\n"
                  "    - {action: argue, when: {metric: mentions_per_hour, below: 20}}\n"
                  "    - {action: transparency_update, when: detected, every: 2h, "
                  "until: 1h}\n");
  const auto& a = s.playbooks[0].actions;
  ASSERT_EQ(a.size(), 7u);
  EXPECT_EQ(a[0].trigger.kind, TriggerKind::kTime);  // neither at nor when: at 0
  EXPECT_EQ(a[0].at, 0u);
  EXPECT_EQ(a[1].trigger.kind, TriggerKind::kTime);
  EXPECT_EQ(a[1].at, 120u);
  EXPECT_EQ(a[1].trigger.delay, 0u);
  EXPECT_EQ(a[2].trigger.kind, TriggerKind::kDetected);
  EXPECT_EQ(a[2].trigger.delay, 0u);
  EXPECT_EQ(a[3].trigger.kind, TriggerKind::kDetected);
  EXPECT_EQ(a[3].trigger.delay, 30u);
  const Trigger& outrage = a[4].trigger;
  EXPECT_EQ(outrage.kind, TriggerKind::kCondition);
  EXPECT_EQ(outrage.metric, WatchedMetric::kMeanOutrage);
  EXPECT_TRUE(outrage.above);
  EXPECT_EQ(outrage.threshold, 0.5);
  EXPECT_EQ(outrage.hold, 10u);
  EXPECT_EQ(outrage.delay, 60u);
  const Trigger& quiet = a[5].trigger;
  EXPECT_EQ(quiet.metric, WatchedMetric::kMentionsPerHour);
  EXPECT_FALSE(quiet.above);
  EXPECT_EQ(quiet.threshold, 20);
  EXPECT_EQ(quiet.hold, 0u);  // `for` defaults to 0
  // A triggered action may repeat until an absolute time, even one before `every` would fire.
  EXPECT_EQ(a[6].every, 120u);
  EXPECT_EQ(a[6].until, 60u);
}

TEST(ParseScenario, EveryWatchedMetricCanTriggerAnAction) {
  for (std::size_t i = 0; i < kWatchedMetricNames.size(); ++i) {
    const std::string name(kWatchedMetricNames[i]);
    const Scenario s = ParseInline(kValidHead + "playbooks:\n  p:\n    - {action: label, when: " +
                                   "{metric: " + name + ", above: 0.25}}\n");
    const Trigger& t = s.playbooks[0].actions[0].trigger;
    EXPECT_EQ(t.metric, static_cast<WatchedMetric>(i)) << name;
    EXPECT_EQ(t.threshold, 0.25) << name;
  }
}

TEST(ParseScenario, TriggerTimesAreConvertedWithTheTick) {
  const Scenario s = ParseInline(
      kValidHead +
      "playbooks:\n  p:\n"
      "    - {action: label, when: {metric: reach_share, above: 0.1, for: 30m}, delay: 1h}\n"
      "injects:\n  - {event: media_pickup, when: detected, delay: 25m}\n"
      "monitoring: {detect_for: 1h}\nrun: {tick: 10m}\n");
  EXPECT_EQ(s.playbooks[0].actions[0].trigger.hold, 3u);
  EXPECT_EQ(s.playbooks[0].actions[0].trigger.delay, 6u);
  EXPECT_EQ(s.injects[0].trigger.delay, 3u);  // 25m rounds to 3 ticks of 10m
  EXPECT_EQ(s.monitoring.detect_hold, 6u);
}

TEST(ParseScenario, NewActionKeysTakeTheirValuesOrTheDefaults) {
  const Scenario s =
      ParseInline(kValidHead +
                  "playbooks:\n  p:\n"
                  "    - {action: bot_takedown, moderators_per_hour: 120.5}\n"
                  "    - {action: debunk, visual: yes}\n"
                  "    - {action: engage_influencers, alignment: -1}\n"
                  "    - {action: forward_limit, max_recipients: 1}\n"
                  "    - {action: downrank, factor: 1}\n"
                  "    - {action: emergency_broadcast, reach: 60%}\n"
                  "    - {action: emergency_broadcast, reach: 0.25, narrative: rumor}\n"
                  "    - {action: bot_takedown}\n"
                  "    - {action: debunk}\n"
                  "    - {action: forward_limit}\n"
                  "    - {action: downrank}\n"
                  "    - {action: emergency_broadcast}\n"
                  "    - {action: engage_influencers}\n"
                  "    - {action: remedial_action, narrative: rumor}\n");
  const auto& a = s.playbooks[0].actions;
  const ActionSpec d;
  ASSERT_EQ(a.size(), 14u);
  EXPECT_EQ(a[0].moderators_per_hour, 120.5);
  EXPECT_TRUE(a[1].visual);
  EXPECT_EQ(a[2].alignment, -1);
  EXPECT_EQ(a[3].max_recipients, 1u);
  EXPECT_EQ(a[4].factor, 1);
  EXPECT_EQ(a[5].reach, 0.6);
  EXPECT_EQ(a[6].reach, 0.25);
  EXPECT_EQ(a[6].narrative, 0);
  EXPECT_EQ(a[7].moderators_per_hour, d.moderators_per_hour);
  EXPECT_EQ(a[8].visual, d.visual);
  EXPECT_EQ(a[9].max_recipients, d.max_recipients);
  EXPECT_EQ(a[10].factor, d.factor);
  EXPECT_EQ(a[11].reach, d.reach);
  EXPECT_EQ(a[12].alignment, d.alignment);
  EXPECT_EQ(a[13].type, ActionType::kRemedialAction);
  EXPECT_EQ(a[13].narrative, 0);
}

TEST(ParseScenario, EveryActionAndEventNameIsAccepted) {
  for (const auto name : kActionTypeNames) {
    const Scenario s =
        ParseInline(kValidHead + "response:\n  - action: " + std::string(name) + "\n");
    EXPECT_EQ(kActionTypeNames[static_cast<std::size_t>(s.playbooks[0].actions[0].type)], name);
  }
  for (const auto name : kInjectTypeNames) {
    const Scenario s =
        ParseInline(kValidHead + "injects:\n  - {at: 1h, event: " + std::string(name) + "}\n");
    EXPECT_EQ(kInjectTypeNames[static_cast<std::size_t>(s.injects[0].type)], name);
  }
}

TEST(ParseScenario, InjectsStartAtATimeOrOnATrigger) {
  const Scenario s = ParseInline(
      kValidHead +
      "injects:\n"
      "  - {event: offline_event, at: 2h, outrage: 0.5, message: \"Protest\"}\n"
      "  - {event: offline_event, when: detected}\n"
      "  - {event: second_wave, when: {metric: mean_trust, below: 0.3, for: 1h}, delay: 1d, "
      "size: 40}\n"
      "  - {event: bot_wave, when: detected, delay: 15m, size: 100}\n");
  ASSERT_EQ(s.injects.size(), 4u);
  EXPECT_EQ(s.injects[0].type, InjectType::kOfflineEvent);
  EXPECT_EQ(s.injects[0].trigger.kind, TriggerKind::kTime);
  EXPECT_EQ(s.injects[0].at, 120u);
  EXPECT_EQ(s.injects[0].outrage, 0.5);
  EXPECT_EQ(s.injects[1].trigger.kind, TriggerKind::kDetected);
  EXPECT_EQ(s.injects[1].outrage, InjectSpec{}.outrage);
  EXPECT_EQ(s.injects[2].type, InjectType::kSecondWave);
  EXPECT_EQ(s.injects[2].trigger.kind, TriggerKind::kCondition);
  EXPECT_EQ(s.injects[2].trigger.metric, WatchedMetric::kMeanTrust);
  EXPECT_FALSE(s.injects[2].trigger.above);
  EXPECT_EQ(s.injects[2].trigger.hold, 60u);
  EXPECT_EQ(s.injects[2].trigger.delay, 1440u);
  EXPECT_EQ(s.injects[2].size, 40u);
  EXPECT_EQ(s.injects[3].trigger.delay, 15u);
  EXPECT_EQ(s.injects[3].size, 100u);
}

TEST(ParseScenario, MonitoringAndResponseTeamSections) {
  const Scenario s = ParseInline(kValidHead +
                                 "monitoring:\n  sample_rate: 2.5%\n  sentiment_accuracy: 0.5\n"
                                 "  detect_above: 1_000\n  detect_for: 45m\n"
                                 "response_team: {spokespeople: 4, consistency: 0.6}\n");
  EXPECT_EQ(s.monitoring.sample_rate, 0.025);
  EXPECT_EQ(s.monitoring.sentiment_accuracy, 0.5);
  EXPECT_EQ(s.monitoring.detect_above, 1000);
  EXPECT_EQ(s.monitoring.detect_hold, 45u);
  EXPECT_EQ(s.response_team.spokespeople, 4u);
  EXPECT_EQ(s.response_team.consistency, 0.6);
  // A share may be a number or a percentage; 0 turns listening off.
  EXPECT_EQ(ParseInline(kValidHead + "monitoring: {sample_rate: 0.05}\n").monitoring.sample_rate,
            0.05);
  EXPECT_EQ(ParseInline(kValidHead + "monitoring: {sample_rate: \"5 %\"}\n").monitoring.sample_rate,
            0.05);
  EXPECT_EQ(ParseInline(kValidHead + "monitoring: {sample_rate: 0}\n").monitoring.sample_rate, 0);
  EXPECT_EQ(ParseInline(kValidHead + "monitoring: {sentiment_accuracy: 90%}\n")
                .monitoring.sentiment_accuracy,
            0.9);
  // The default detection time is 15 minutes, whatever the tick.
  EXPECT_EQ(ParseInline(kValidHead + "run: {tick: 5m}\n").monitoring.detect_hold, 3u);
}

TEST(ParseScenario, ClosedGroupsAndForwardLimit) {
  const Scenario s =
      ParseInline(kValidHead + "platform: {closed_groups: true, forward_limit: 5}\n");
  EXPECT_TRUE(s.platform.closed_groups);
  EXPECT_EQ(s.platform.forward_limit, 5u);
  EXPECT_EQ(ParseInline(kValidHead + "platform: {forward_limit: 0}\n").platform.forward_limit, 0u);
}

TEST(ParseScenario, LeakCredibilityMaySignItsChange) {
  const Scenario s = ParseInline(kValidHead +
                                 "injects:\n  - {event: leak, at: 1h, credibility: +0.2}\n"
                                 "  - {event: leak, at: 2h, credibility: -0.3}\n");
  EXPECT_EQ(s.injects[0].credibility, 0.2);
  EXPECT_EQ(s.injects[1].credibility, -0.3);
}

TEST(LoadScenario, GraphFilesResolveAgainstTheScenarioFolder) {
  const Scenario s = LoadScenario(Fixture("from_file.yaml"));
  EXPECT_EQ(s.graph.generator, GraphGenerator::kFile);
  EXPECT_EQ(s.graph.format, GraphFormat::kEdgeList);
  EXPECT_EQ(s.graph.orientation, EdgeOrientation::kFollows);
  const auto expected = std::filesystem::absolute(Fixture("edges.txt")).lexically_normal();
  EXPECT_EQ(s.graph.file, expected.string());
  EXPECT_TRUE(std::filesystem::path(s.graph.file).is_absolute());
  EXPECT_TRUE(std::filesystem::exists(s.graph.community_file));
}

TEST(LoadScenario, ExtendsChainAppliesEachFileOverItsPreset) {
  const Scenario s = LoadScenario(Fixture("extends_chain.yaml"));
  EXPECT_EQ(s.name, "Extends chain");
  EXPECT_EQ(s.graph.agents, 5000u);    // platform_base.yaml
  EXPECT_EQ(s.graph.homophily, 0.9);   // platform_base.yaml
  EXPECT_EQ(s.graph.communities, 8u);  // platform_mid.yaml over platform_base.yaml
  EXPECT_EQ(s.platform.feed, FeedRanking::kChronological);  // platform_base.yaml
  EXPECT_EQ(s.platform.attention, 0.25);                    // the scenario over both presets
  EXPECT_EQ(s.run.tick_seconds, 30);                        // platform_base.yaml
  EXPECT_EQ(s.run.ticks, 240u);  // the scenario's 2h at the preset's 30 s tick
  // A narratives list replaces the preset's list.
  ASSERT_EQ(s.narratives.size(), 1u);
  EXPECT_EQ(s.narratives[0].id, "own");
  // Playbooks merge by name: the scenario's `loud` replaces the preset's, `calm` is kept.
  ASSERT_EQ(s.playbooks.size(), 2u);
  EXPECT_EQ(s.playbooks[0].name, "calm");
  EXPECT_EQ(s.playbooks[1].name, "loud");
  ASSERT_EQ(s.playbooks[1].actions.size(), 1u);
  EXPECT_EQ(s.playbooks[1].actions[0].type, ActionType::kApologize);
}

TEST(LoadScenario, MonitoringAndResponseTeamMergeKeyByKey) {
  const Scenario s = LoadScenario(Fixture("extends_chain.yaml"));
  EXPECT_EQ(s.monitoring.sample_rate, 0.02);  // platform_base.yaml
  EXPECT_EQ(s.monitoring.detect_above, 50);   // platform_mid.yaml over platform_base.yaml
  EXPECT_EQ(s.monitoring.sentiment_accuracy, MonitoringSpec{}.sentiment_accuracy);
  EXPECT_EQ(s.monitoring.detect_hold, 30u);     // the default 15m at the preset's 30 s tick
  EXPECT_EQ(s.response_team.spokespeople, 2u);  // platform_base.yaml
  EXPECT_EQ(s.response_team.consistency, 0.7);  // the scenario
}

TEST(LoadScenario, PopulationExtendsChainOverridesKeyByKey) {
  const Scenario s = LoadScenario(Fixture("extends_chain.yaml"));
  const PopulationSpec& p = s.population;
  EXPECT_EQ(p.bots.value, 0.03);          // the scenario over crowd_base.yaml's 5%
  EXPECT_EQ(p.influencers.value, 0.005);  // crowd.yaml over crowd_base.yaml's 100
  EXPECT_TRUE(p.influencers.is_fraction);
  EXPECT_EQ(p.polarization, 0.9);  // crowd_base.yaml
  const KindTraits& user = p.traits[K(AgentKind::kUser)];
  EXPECT_EQ(user.activity_per_hour, 2);  // crowd_base.yaml
  EXPECT_EQ(user.literacy_mean, 0.3);    // crowd.yaml
  EXPECT_EQ(user.literacy_sd, 0.05);     // crowd_base.yaml
  EXPECT_EQ(user.trust_mean, 0.6);       // the default
}

TEST(ParseScenario, RepositoryPresetsAreFoundFromAnyFolderBelowTheRepository) {
  const Scenario s = ParseInline(
      "name: t\nextends: configs/platforms/twitter-like.yaml\n"
      "population:\n  extends: configs/populations/general-public.yaml\n  bots: 2%\n"
      "narratives:\n  - id: rumor\n");
  EXPECT_EQ(s.graph.generator, GraphGenerator::kEchoChambers);
  EXPECT_EQ(s.graph.mean_followers, 40);
  EXPECT_EQ(s.graph.communities, 12u);
  EXPECT_EQ(s.platform.feed, FeedRanking::kEngagement);
  EXPECT_EQ(s.platform.attention, 0.1);
  EXPECT_EQ(s.population.bots.value, 0.02);
  EXPECT_EQ(s.population.polarization, 0.5);
}

TEST(LoadScenario, ShippedPresetsAreValid) {
  for (const char* preset :
       {"configs/platforms/twitter-like.yaml", "configs/platforms/facebook-like.yaml"}) {
    const Scenario s =
        ParseScenario(std::string("name: t\nextends: ") + preset + "\nnarratives:\n  - id: r\n",
                      "preset_check.yaml", SourceDir());
    EXPECT_EQ(s.graph.generator, GraphGenerator::kEchoChambers) << preset;
  }
  const Scenario facebook = ParseScenario(
      "name: t\nextends: configs/platforms/facebook-like.yaml\nnarratives:\n  - id: r\n",
      "preset_check.yaml", SourceDir());
  EXPECT_TRUE(facebook.graph.mutual);
  const Scenario public_ = ParseScenario(
      "name: t\npopulation: {extends: configs/populations/general-public.yaml}\n"
      "narratives:\n  - id: r\n",
      "preset_check.yaml", SourceDir());
  EXPECT_EQ(public_.population.media.count, 20u);
  EXPECT_EQ(public_.population.fact_checkers.followers.value, 0.01);
  EXPECT_EQ(public_.population.traits[K(AgentKind::kFactChecker)].literacy_mean, 0.95);
}

TEST(ParseScenario, QuotedAndPlainScalarsReadAlike) {
  const Scenario s = ParseInline(
      "name: \"42\"\nnarratives:\n  - {id: \"r1\", veracity: \"false\", stance: \"-1\"}\n"
      "graph: {agents: \"2_000\", mutual: yes}\n");
  EXPECT_EQ(s.name, "42");
  EXPECT_EQ(s.narratives[0].veracity, Veracity::kFalse);
  EXPECT_EQ(s.narratives[0].stance, -1);
  EXPECT_EQ(s.graph.agents, 2000u);
  EXPECT_TRUE(s.graph.mutual);
}

TEST(ParseScenario, EmptySectionsKeepTheDefaults) {
  const Scenario s = ParseInline(kValidHead + "graph:\ndynamics: {}\nplaybooks:\n  p:\n");
  EXPECT_EQ(s.graph.agents, GraphSpec{}.agents);
  ASSERT_EQ(s.playbooks.size(), 1u);
  EXPECT_TRUE(s.playbooks[0].actions.empty());
}

}  // namespace
}  // namespace firestorm
