// Every kind of mistake a planner can make in a scenario gives an InputError that names the
// file, the line and column, the key path, what was expected, and a hint.
#include "sim/io/config_yaml.hpp"
#include "tests/sim/io/scenario_test_util.hpp"

namespace firestorm {
namespace {

using namespace firestorm::testing;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::StartsWith;

void ExpectAt(const InputError& e, int line, int column) {
  EXPECT_EQ(e.where().file, "inline.yaml") << e.what();
  EXPECT_EQ(e.where().line, line) << e.what();
  EXPECT_EQ(e.where().column, column) << e.what();
}

// --- Keys -----------------------------------------------------------------------------------

TEST(ScenarioErrors, MisspeltKeySuggestsTheClosestKey) {
  const InputError e = ErrorOf(kValidHead + "graph:\n  agents: 500\n  mean_folowers: 40\n");
  ExpectAt(e, 6, 3);
  EXPECT_THAT(e.what(), StartsWith("inline.yaml:6:3: error: graph.mean_folowers: "));
  EXPECT_THAT(e.what(), HasSubstr("unknown key 'mean_folowers' in 'graph'"));
  EXPECT_THAT(e.what(), HasSubstr("hint: did you mean 'mean_followers'?"));
}

TEST(ScenarioErrors, MisspeltTopLevelKeySuggestsTheSection) {
  const InputError e = ErrorOf(kValidHead + "grpah:\n  agents: 500\n");
  ExpectAt(e, 4, 1);
  EXPECT_THAT(e.what(), HasSubstr("grpah: unknown key 'grpah' at the top level"));
  EXPECT_THAT(e.what(), HasSubstr("did you mean 'graph'?"));
}

TEST(ScenarioErrors, UnrelatedKeyListsTheValidKeys) {
  const InputError e = ErrorOf(kValidHead + "weather:\n  wind: 5\n");
  ExpectAt(e, 4, 1);
  EXPECT_THAT(e.what(), HasSubstr("unknown key 'weather'"));
  EXPECT_THAT(e.what(), HasSubstr("hint: valid keys here: name, description, extends, graph"));
}

TEST(ScenarioErrors, UnknownKeyDeepInsideNamesItsFullPath) {
  const InputError e =
      ErrorOf(kValidHead + "population:\n  traits:\n    bot: {literacy: {mean: 0.1, sdev: 0.1}}\n");
  ExpectAt(e, 6, 33);
  EXPECT_THAT(e.what(), HasSubstr("population.traits.bot.literacy.sdev: unknown key 'sdev'"));
  EXPECT_THAT(e.what(), HasSubstr("did you mean 'sd'?"));
}

TEST(ScenarioErrors, UnknownKeyInAListItemNamesTheIndex) {
  const InputError e = ErrorOf("name: t\nnarratives:\n  - id: a\n  - id: b\n    charge: 0.5\n");
  ExpectAt(e, 5, 5);
  EXPECT_THAT(e.what(), HasSubstr("narratives[1].charge: unknown key 'charge'"));
}

TEST(ScenarioErrors, RepeatedKeyIsRefused) {
  const InputError e = ErrorOf(kValidHead + "graph:\n  agents: 500\n  agents: 600\n");
  ExpectAt(e, 6, 3);
  EXPECT_THAT(e.what(), HasSubstr("graph.agents: key 'agents' appears twice"));
  EXPECT_THAT(e.what(), HasSubstr("hint: remove one of them; the first is on line 5"));
}

TEST(ScenarioErrors, MissingNameIsReported) {
  const InputError e = ErrorOf("narratives:\n  - id: rumor\n");
  ExpectAt(e, 1, 1);
  EXPECT_THAT(e.what(), HasSubstr("name: required key is missing"));
  EXPECT_THAT(e.what(), HasSubstr("hint: add it, e.g. name:"));
}

TEST(ScenarioErrors, MissingNarrativesAreReported) {
  const InputError e = ErrorOf("name: t\n");
  EXPECT_THAT(e.what(), HasSubstr("narratives: at least one narrative is required"));
  EXPECT_THAT(e.what(), HasSubstr("hint: add e.g."));
  const InputError empty = ErrorOf("name: t\nnarratives: []\n");
  EXPECT_THAT(empty.what(), HasSubstr("at least one narrative is required"));
}

TEST(ScenarioErrors, MissingRequiredKeysOfItemsAreReported) {
  const InputError id = ErrorOf("name: t\nnarratives:\n  - kind: rumor\n");
  ExpectAt(id, 3, 5);
  EXPECT_THAT(id.what(), HasSubstr("narratives[0].id: required key is missing"));
  EXPECT_THAT(id.what(), HasSubstr("hint: add it, e.g. id:"));
  const InputError at = ErrorOf(kValidHead + "injects:\n  - {event: leak}\n");
  ExpectAt(at, 5, 5);
  EXPECT_THAT(at.what(), HasSubstr("injects[0]: at or when is required"));
  EXPECT_THAT(at.what(), HasSubstr("hint: add at: 3h for a fixed time, or when: detected"));
  const InputError action = ErrorOf(kValidHead + "playbooks:\n  p:\n    - {at: 1h}\n");
  EXPECT_THAT(action.what(), HasSubstr("playbooks.p[0].action: required key is missing"));
}

// --- Types ----------------------------------------------------------------------------------

TEST(ScenarioErrors, WrongTypesSayWhatWasExpected) {
  const InputError list = ErrorOf(kValidHead + "graph:\n  agents: [1, 2]\n");
  ExpectAt(list, 5, 11);
  EXPECT_THAT(list.what(), HasSubstr("graph.agents: expected a whole number, found a list"));
  EXPECT_THAT(list.what(), HasSubstr("hint: "));

  const InputError map = ErrorOf(kValidHead + "graph: 5\n");
  ExpectAt(map, 4, 8);
  EXPECT_THAT(map.what(), HasSubstr("graph: expected a map"));

  const InputError text = ErrorOf(kValidHead + "platform: {attention: high}\n");
  EXPECT_THAT(text.what(), HasSubstr("platform.attention: expected a number, found \"high\""));

  const InputError fraction = ErrorOf(kValidHead + "graph: {communities: 2.5}\n");
  EXPECT_THAT(fraction.what(),
              HasSubstr("graph.communities: expected a whole number, found \"2.5\""));

  const InputError boolean = ErrorOf(kValidHead + "graph: {mutual: maybe}\n");
  EXPECT_THAT(boolean.what(), HasSubstr("graph.mutual: expected true or false"));
  EXPECT_THAT(boolean.what(), HasSubstr("hint: write true or false"));

  const InputError nothing = ErrorOf(kValidHead + "run:\n  seed:\n");
  ExpectAt(nothing, 5, 3);
  EXPECT_THAT(nothing.what(), HasSubstr("run.seed: expected a whole number, found nothing"));

  const InputError narratives = ErrorOf("name: t\nnarratives: {id: rumor}\n");
  EXPECT_THAT(narratives.what(), HasSubstr("narratives: expected a list, found a map"));
}

// --- Ranges ---------------------------------------------------------------------------------

TEST(ScenarioErrors, OutOfRangeValuesGiveTheRange) {
  const InputError p = ErrorOf(kValidHead + "platform:\n  attention: 1.5\n");
  ExpectAt(p, 5, 14);
  EXPECT_THAT(p.what(), HasSubstr("platform.attention: must be between 0 and 1, found 1.5"));
  EXPECT_THAT(p.what(), HasSubstr("hint: this is a probability"));

  const InputError positive = ErrorOf(kValidHead + "graph: {mean_followers: 0}\n");
  EXPECT_THAT(positive.what(), HasSubstr("graph.mean_followers: must be greater than 0, found 0"));

  const InputError negative = ErrorOf(kValidHead + "dynamics: {forgetting_per_hour: -0.1}\n");
  EXPECT_THAT(negative.what(), HasSubstr("dynamics.forgetting_per_hour: must be at least 0"));
  EXPECT_THAT(negative.what(), HasSubstr("hint: this value cannot be negative"));

  const InputError stance = ErrorOf("name: t\nnarratives:\n  - {id: r, stance: 2}\n");
  EXPECT_THAT(stance.what(), HasSubstr("narratives[0].stance: must be between -1 and 1"));

  const InputError exponent = ErrorOf(kValidHead + "graph: {degree_exponent: 1}\n");
  EXPECT_THAT(exponent.what(), HasSubstr("must be greater than 1"));

  const InputError precision =
      ErrorOf(kValidHead + "playbooks:\n  p:\n    - {action: bot_takedown, precision: 0}\n");
  EXPECT_THAT(precision.what(),
              HasSubstr("playbooks.p[0].precision: must be greater than 0 and at most 1"));
}

TEST(ScenarioErrors, AgentCountMustBeMoreThanOneAndAtMostFourBillion) {
  const InputError one = ErrorOf(kValidHead + "graph: {agents: 1}\n");
  EXPECT_THAT(one.what(), HasSubstr("graph.agents: must be between 2 and 4000000000, found 1"));
  const InputError huge = ErrorOf(kValidHead + "graph: {agents: 5_000_000_000}\n");
  EXPECT_THAT(huge.what(), HasSubstr("graph.agents: must be between 2 and 4000000000"));
  const InputError negative = ErrorOf(kValidHead + "graph: {agents: -5}\n");
  EXPECT_THAT(negative.what(), HasSubstr("graph.agents: must be between 2"));
}

TEST(ScenarioErrors, BadAmountsExplainBothForms) {
  const InputError words = ErrorOf(kValidHead + "population:\n  bots: 2 percent\n");
  ExpectAt(words, 5, 9);
  EXPECT_THAT(words.what(), HasSubstr("population.bots: expected a number of accounts (500) or a "
                                      "share of all accounts (\"2%\"), found \"2 percent\""));
  EXPECT_THAT(words.what(), HasSubstr("hint: write e.g. 500, 1_000_000 or \"2%\""));
  const InputError over = ErrorOf(kValidHead + "population: {bots: 150%}\n");
  EXPECT_THAT(over.what(), HasSubstr("population.bots: a share must be between 0% and 100%"));
  const InputError fraction = ErrorOf(kValidHead + "population: {influencers: 0.5}\n");
  EXPECT_THAT(fraction.what(), HasSubstr("expected a whole number of accounts, found 0.5"));
  EXPECT_THAT(fraction.what(), HasSubstr("hint: for a share of all accounts write a percentage"));
  const InputError followers =
      ErrorOf(kValidHead + "population: {media: {count: 4, followers: lots}}\n");
  EXPECT_THAT(followers.what(),
              HasSubstr("population.media.followers: expected a number of accounts"));
}

TEST(ScenarioErrors, SpecialAccountsExplainBothForms) {
  const InputError e = ErrorOf(kValidHead + "population:\n  media: 40 accounts\n");
  ExpectAt(e, 5, 10);
  EXPECT_THAT(e.what(), HasSubstr("population.media: expected a number of accounts or a map "
                                  "{count, followers}, found \"40 accounts\""));
  EXPECT_THAT(e.what(), HasSubstr("hint: write e.g. 40, or {count: 40, followers: \"2%\"}"));
  const InputError key = ErrorOf(kValidHead + "population:\n  organization: {name: airline}\n");
  EXPECT_THAT(key.what(), HasSubstr("population.organization.name: unknown key 'name'"));
  EXPECT_THAT(key.what(), HasSubstr("hint: valid keys here: count, followers"));
}

TEST(ScenarioErrors, ChecksOnDefaultValuesStillNameTheKey) {
  // mean_followers keeps its default (20), which a 10-agent graph cannot hold.
  const InputError e = ErrorOf(kValidHead + "graph: {agents: 10}\n");
  ExpectAt(e, 1, 1);
  EXPECT_THAT(e.what(), HasSubstr("graph.mean_followers: mean_followers (20) must be below the "
                                  "number of agents (10)"));
}

TEST(ScenarioErrors, AccountsMayNotOutnumberTheAgents) {
  const InputError e =
      ErrorOf(kValidHead + "graph: {agents: 1000}\npopulation: {bots: 60%, influencers: 50%}\n");
  ExpectAt(e, 5, 20);
  EXPECT_THAT(e.what(), HasSubstr("population.bots: bots and influencers together outnumber"));
}

TEST(ScenarioErrors, MeanFollowersMustBeBelowTheAgentCount) {
  const InputError e = ErrorOf(kValidHead + "graph:\n  agents: 10\n  mean_followers: 10\n");
  ExpectAt(e, 6, 19);
  EXPECT_THAT(e.what(), HasSubstr("graph.mean_followers: mean_followers (10) must be below"));
}

// --- Enums ----------------------------------------------------------------------------------

TEST(ScenarioErrors, MisspeltEnumValueSuggestsTheClosestValue) {
  const InputError g = ErrorOf(kValidHead + "graph:\n  generator: echo_chamber\n");
  ExpectAt(g, 5, 14);
  EXPECT_THAT(g.what(),
              HasSubstr("graph.generator: unknown generator 'echo_chamber'; expected one of "
                        "erdos_renyi, barabasi_albert, watts_strogatz, echo_chambers, file"));
  EXPECT_THAT(g.what(), HasSubstr("hint: did you mean 'echo_chambers'?"));

  const InputError kind = ErrorOf("name: t\nnarratives:\n  - {id: r, kind: rumour}\n");
  EXPECT_THAT(kind.what(), HasSubstr("narratives[0].kind: unknown narrative kind 'rumour'"));
  EXPECT_THAT(kind.what(), HasSubstr("did you mean 'rumor'?"));

  const InputError action = ErrorOf(kValidHead + "playbooks:\n  p:\n    - action: acknowlege\n");
  ExpectAt(action, 6, 15);
  EXPECT_THAT(action.what(), HasSubstr("did you mean 'acknowledge'?"));

  const InputError feed = ErrorOf(kValidHead + "platform: {feed: Chronological}\n");
  EXPECT_THAT(feed.what(), HasSubstr("did you mean 'chronological'?"));

  const InputError event = ErrorOf(kValidHead + "injects:\n  - {event: press, at: 1h}\n");
  EXPECT_THAT(event.what(), HasSubstr("unknown event 'press'"));
  EXPECT_THAT(event.what(), HasSubstr("hint: write one of: media_pickup, bot_wave, leak"));

  const InputError traits =
      ErrorOf(kValidHead + "population:\n  traits:\n    bots: {credibility: 1}\n");
  ExpectAt(traits, 6, 5);
  EXPECT_THAT(traits.what(), HasSubstr("population.traits.bots: unknown agent kind 'bots'"));
  EXPECT_THAT(traits.what(), HasSubstr("did you mean 'bot'?"));

  const InputError seeds =
      ErrorOf("name: t\nnarratives:\n  - {id: r, seeds: {kind: fact_checkers}}\n");
  EXPECT_THAT(seeds.what(), HasSubstr("narratives[0].seeds.kind: unknown agent kind"));
  EXPECT_THAT(seeds.what(), HasSubstr("did you mean 'fact_checker'?"));
}

TEST(ScenarioErrors, OfficialNarrativeKindIsReserved) {
  const InputError e = ErrorOf("name: t\nnarratives:\n  - id: line\n    kind: official\n");
  ExpectAt(e, 4, 11);
  EXPECT_THAT(e.what(), HasSubstr("narratives[0].kind: narrative kind 'official' is reserved"));
  EXPECT_THAT(e.what(), HasSubstr("hint: the engine adds"));
}

// --- Narratives and references --------------------------------------------------------------

TEST(ScenarioErrors, DuplicateNarrativeIdsAreRefused) {
  const InputError e = ErrorOf("name: t\nnarratives:\n  - id: video\n  - id: video\n");
  ExpectAt(e, 4, 9);
  EXPECT_THAT(e.what(), HasSubstr("narratives[1].id: duplicate narrative id 'video'"));
  EXPECT_THAT(e.what(), HasSubstr("hint: the first one is on line 3"));
}

TEST(ScenarioErrors, NarrativeIdsAreLowercaseWords) {
  const InputError e = ErrorOf("name: t\nnarratives:\n  - id: Fake Recall\n");
  EXPECT_THAT(e.what(), HasSubstr("'Fake Recall' is not a valid narrative name"));
  EXPECT_THAT(e.what(), HasSubstr("hint: write e.g. 'fake_recall'"));
  const InputError all = ErrorOf("name: t\nnarratives:\n  - id: all\n");
  EXPECT_THAT(all.what(), HasSubstr("'all' is reserved"));
}

TEST(ScenarioErrors, UnknownNarrativeReferencesSuggestAnId) {
  const std::string head = "name: t\nnarratives:\n  - id: video\n  - id: fake_drunk\n";
  const InputError inject =
      ErrorOf(head + "injects:\n  - {event: bot_wave, at: 1h, narrative: vidoe}\n");
  ExpectAt(inject, 6, 42);
  EXPECT_THAT(inject.what(), HasSubstr("injects[0].narrative: unknown narrative 'vidoe'; the "
                                       "narratives are video, fake_drunk"));
  EXPECT_THAT(inject.what(), HasSubstr("did you mean 'video'?"));

  const InputError action =
      ErrorOf(head + "playbooks:\n  p:\n    - {action: label, narrative: fake_drink}\n");
  EXPECT_THAT(action.what(), HasSubstr("playbooks.p[0].narrative: unknown narrative 'fake_drink'"));
  EXPECT_THAT(action.what(), HasSubstr("did you mean 'fake_drunk'?"));

  const InputError target =
      ErrorOf(head + "  - {id: fix, kind: debunk, target: nothing_like_it}\n");
  ExpectAt(target, 5, 37);
  EXPECT_THAT(target.what(),
              HasSubstr("narratives[2].target: unknown narrative 'nothing_like_it'"));
  EXPECT_THAT(target.what(),
              HasSubstr("hint: use the id of a narrative declared under narratives:"));
}

TEST(ScenarioErrors, DebunkNeedsAnotherNarrativeAsTarget) {
  const InputError missing =
      ErrorOf("name: t\nnarratives:\n  - id: r\n  - {id: fix, kind: debunk}\n");
  ExpectAt(missing, 4, 5);
  EXPECT_THAT(missing.what(), HasSubstr("narratives[1].target: a debunk narrative needs a target"));
  const InputError self =
      ErrorOf("name: t\nnarratives:\n  - {id: fix, kind: debunk, target: fix}\n");
  EXPECT_THAT(self.what(), HasSubstr("a debunk cannot target itself"));
  const InputError not_debunk =
      ErrorOf("name: t\nnarratives:\n  - {id: a}\n  - {id: b, target: a}\n");
  EXPECT_THAT(not_debunk.what(),
              HasSubstr("narratives[1].target: only a debunk narrative has a target"));
  EXPECT_THAT(not_debunk.what(), HasSubstr("hint: remove target, or set kind: debunk"));
}

TEST(ScenarioErrors, KeysThatDoNotApplyToTheActionAreRefused) {
  const InputError e =
      ErrorOf(kValidHead + "playbooks:\n  p:\n    - {action: apologize, partners: 5}\n");
  EXPECT_THAT(e.what(),
              HasSubstr("playbooks.p[0].partners: 'partners' applies only to engage_influencers"));
  const InputError size = ErrorOf(kValidHead + "injects:\n  - {event: leak, at: 1h, size: 5}\n");
  EXPECT_THAT(size.what(),
              HasSubstr("'size' applies only to media_pickup, bot_wave, influencer_joins and second_wave"));
  EXPECT_THAT(size.what(), HasSubstr("hint: remove it, or change the event"));
}

TEST(ScenarioErrors, NewActionKeysApplyOnlyToTheirAction) {
  struct Case {
    std::string action, key, owner;
  };
  for (const Case& c : {Case{"apologize", "moderators_per_hour: 10", "bot_takedown"},
                        Case{"label", "visual: true", "debunk"},
                        Case{"debunk", "alignment: 0.5", "engage_influencers"},
                        Case{"downrank", "max_recipients: 3", "forward_limit"},
                        Case{"label", "factor: 0.5", "downrank"},
                        Case{"debunk", "reach: 50%", "emergency_broadcast"}}) {
    const InputError e =
        ErrorOf(kValidHead + "playbooks:\n  p:\n    - {action: " + c.action + ", " + c.key + "}\n");
    const std::string key = c.key.substr(0, c.key.find(':'));
    EXPECT_THAT(e.what(),
                HasSubstr("playbooks.p[0]." + key + ": '" + key + "' applies only to " + c.owner))
        << c.key;
    EXPECT_THAT(e.what(), HasSubstr("hint: remove it, or change the action")) << c.key;
  }
  const InputError outrage =
      ErrorOf(kValidHead + "injects:\n  - {event: leak, at: 1h, outrage: 0.5}\n");
  EXPECT_THAT(outrage.what(),
              HasSubstr("injects[0].outrage: 'outrage' applies only to offline_event"));
  const InputError size =
      ErrorOf(kValidHead + "injects:\n  - {event: offline_event, at: 1h, size: 5}\n");
  EXPECT_THAT(size.what(), HasSubstr("injects[0].size: 'size' applies only to"));
}

// --- Triggers -------------------------------------------------------------------------------

TEST(ScenarioErrors, AtAndWhenTogetherAreRefused) {
  const InputError e =
      ErrorOf(kValidHead + "playbooks:\n  p:\n    - {action: label, at: 1h, when: detected}\n");
  ExpectAt(e, 6, 37);
  EXPECT_THAT(e.what(), HasSubstr("playbooks.p[0].when: write either at: or when:, not both"));
  EXPECT_THAT(e.what(), HasSubstr("hint: at: starts it at a fixed time; when: starts it on "
                                  "detection or on a condition"));
  const InputError inject =
      ErrorOf(kValidHead + "injects:\n  - {event: leak, at: 1h, when: detected}\n");
  EXPECT_THAT(inject.what(), HasSubstr("injects[0].when: write either at: or when:, not both"));
}

TEST(ScenarioErrors, DelayWithoutWhenIsRefused) {
  const InputError e = ErrorOf(
      kValidHead + "playbooks:\n  p:\n    - action: label\n      at: 1h\n      delay: 30m\n");
  ExpectAt(e, 8, 14);
  EXPECT_THAT(e.what(), HasSubstr("playbooks.p[0].delay: 'delay' applies only with when:"));
  EXPECT_THAT(e.what(), HasSubstr("hint: delay counts from a trigger: add when: detected"));
  const InputError alone =
      ErrorOf(kValidHead + "playbooks:\n  p:\n    - {action: label, delay: 1h}\n");
  EXPECT_THAT(alone.what(), HasSubstr("'delay' applies only with when:"));
  const InputError inject =
      ErrorOf(kValidHead + "injects:\n  - {event: leak, at: 1h, delay: 1h}\n");
  EXPECT_THAT(inject.what(), HasSubstr("injects[0].delay: 'delay' applies only with when:"));
}

TEST(ScenarioErrors, AConditionNeedsExactlyOneThreshold) {
  const InputError both = ErrorOf(
      kValidHead +
      "playbooks:\n  p:\n    - action: apologize\n      when: {metric: mean_outrage, above: 0.5, "
      "below: 0.2}\n");
  ExpectAt(both, 7, 55);
  EXPECT_THAT(both.what(), HasSubstr("playbooks.p[0].when.below: write either above or below, "
                                     "not both"));
  EXPECT_THAT(both.what(), HasSubstr("hint: a condition fires while the metric is above"));
  const InputError neither =
      ErrorOf(kValidHead +
              "playbooks:\n  p:\n    - action: apologize\n      when: {metric: mean_outrage}\n");
  ExpectAt(neither, 7, 13);
  EXPECT_THAT(neither.what(),
              HasSubstr("playbooks.p[0].when: a condition needs a threshold: above or below"));
  EXPECT_THAT(neither.what(), HasSubstr("hint: add e.g. above: 500"));
  const InputError metric =
      ErrorOf(kValidHead + "injects:\n  - {event: leak, when: {above: 500}}\n");
  EXPECT_THAT(metric.what(), HasSubstr("injects[0].when.metric: required key is missing"));
  EXPECT_THAT(metric.what(), HasSubstr("hint: add it, e.g. metric: negative_mentions_per_hour"));
}

TEST(ScenarioErrors, UnknownMetricSuggestsTheClosestMetric) {
  const InputError e = ErrorOf(
      kValidHead +
      "playbooks:\n  p:\n    - {action: apologize, when: {metric: negative_mentions, above: 5}}\n");
  ExpectAt(e, 6, 42);
  EXPECT_THAT(e.what(), HasSubstr("playbooks.p[0].when.metric: unknown metric 'negative_mentions'; "
                                  "expected one of negative_mentions_per_hour, mentions_per_hour, "
                                  "spreaders_share, reach_share, mean_outrage, mean_trust"));
  EXPECT_THAT(e.what(), HasSubstr("hint: did you mean 'negative_mentions_per_hour'?"));
  const InputError trust =
      ErrorOf(kValidHead + "injects:\n  - {event: leak, when: {metric: mean_trsut, below: 0.2}}\n");
  EXPECT_THAT(trust.what(), HasSubstr("did you mean 'mean_trust'?"));
  const InputError key =
      ErrorOf(kValidHead +
              "injects:\n  - {event: leak, when: {metric: mean_trust, below: 0.2, hold: 1h}}\n");
  EXPECT_THAT(key.what(),
              HasSubstr("injects[0].when.hold: unknown key 'hold' in 'injects[0].when'"));
  EXPECT_THAT(key.what(), HasSubstr("hint: valid keys here: metric, above, below, for"));
}

TEST(ScenarioErrors, WhenIsDetectedOrACondition) {
  const InputError word =
      ErrorOf(kValidHead + "playbooks:\n  p:\n    - {action: apologize, when: detect}\n");
  ExpectAt(word, 6, 33);
  EXPECT_THAT(word.what(), HasSubstr("playbooks.p[0].when: unknown trigger 'detect'; expected "
                                     "detected or a condition {metric, above or below, for}"));
  EXPECT_THAT(word.what(), HasSubstr("hint: did you mean 'detected'?"));
  const InputError other =
      ErrorOf(kValidHead + "playbooks:\n  p:\n    - {action: apologize, when: 2h}\n");
  EXPECT_THAT(other.what(), HasSubstr("unknown trigger '2h'"));
  EXPECT_THAT(other.what(), HasSubstr("hint: write when: detected, or a condition such as"));
  const InputError list =
      ErrorOf(kValidHead + "playbooks:\n  p:\n    - {action: apologize, when: [detected]}\n");
  EXPECT_THAT(list.what(), HasSubstr("playbooks.p[0].when: expected detected or a condition "
                                     "{metric, above or below, for}, found a list"));
}

TEST(ScenarioErrors, TriggerValuesAreChecked) {
  const InputError share =
      ErrorOf(kValidHead +
              "playbooks:\n  p:\n    - {action: label, when: {metric: mean_trust, below: 1.5}}\n");
  EXPECT_THAT(share.what(),
              HasSubstr("playbooks.p[0].when.below: must be between 0 and 1, found 1.5"));
  const InputError count = ErrorOf(
      kValidHead +
      "playbooks:\n  p:\n    - {action: label, when: {metric: mentions_per_hour, above: -10}}\n");
  EXPECT_THAT(count.what(), HasSubstr("playbooks.p[0].when.above: must be at least 0"));
  const InputError hold = ErrorOf(
      kValidHead +
      "playbooks:\n  p:\n    - {action: label, when: {metric: mean_trust, below: 0.5, for: 10}}\n");
  EXPECT_THAT(hold.what(), HasSubstr("playbooks.p[0].when.for: expected a duration with a unit"));
  const InputError delay =
      ErrorOf(kValidHead + "injects:\n  - {event: leak, when: detected, delay: -1h}\n");
  EXPECT_THAT(delay.what(), HasSubstr("injects[0].delay: durations cannot be negative"));
}

// --- New keys: ranges -----------------------------------------------------------------------

TEST(ScenarioErrors, NewActionValuesAreRangeChecked) {
  const auto action = [](const std::string& item) {
    return ErrorOf(kValidHead + "playbooks:\n  p:\n    - {" + item + "}\n");
  };
  EXPECT_THAT(action("action: bot_takedown, moderators_per_hour: -1").what(),
              HasSubstr("playbooks.p[0].moderators_per_hour: must be at least 0"));
  EXPECT_THAT(action("action: debunk, visual: sometimes").what(),
              HasSubstr("playbooks.p[0].visual: expected true or false"));
  EXPECT_THAT(action("action: engage_influencers, alignment: 1.5").what(),
              HasSubstr("playbooks.p[0].alignment: must be between -1 and 1, found 1.5"));
  EXPECT_THAT(
      action("action: forward_limit, max_recipients: 0").what(),
      HasSubstr("playbooks.p[0].max_recipients: must be between 1 and 4294967295, found 0"));
  EXPECT_THAT(action("action: forward_limit, max_recipients: 2.5").what(),
              HasSubstr("playbooks.p[0].max_recipients: expected a whole number"));
  EXPECT_THAT(action("action: downrank, factor: 0").what(),
              HasSubstr("playbooks.p[0].factor: must be greater than 0 and at most 1, found 0"));
  EXPECT_THAT(action("action: downrank, factor: 1.2").what(),
              HasSubstr("playbooks.p[0].factor: must be greater than 0 and at most 1"));
  const InputError percent = action("action: emergency_broadcast, reach: 120%");
  EXPECT_THAT(percent.what(),
              HasSubstr("playbooks.p[0].reach: must be between 0 and 100%, found 120%"));
  EXPECT_THAT(percent.what(), HasSubstr("hint: write a percentage between 0 and 100%"));
  EXPECT_THAT(action("action: emergency_broadcast, reach: 1.5").what(),
              HasSubstr("playbooks.p[0].reach: must be between 0 and 1, found 1.5"));
  const InputError words = action("action: emergency_broadcast, reach: most");
  EXPECT_THAT(
      words.what(),
      HasSubstr("playbooks.p[0].reach: expected a share such as 0.05 or \"5%\", found \"most\""));
  EXPECT_THAT(words.what(), HasSubstr("hint: write a number from 0 to 1, or a percentage"));
  const InputError outrage =
      ErrorOf(kValidHead + "injects:\n  - {event: offline_event, at: 1h, outrage: 2}\n");
  EXPECT_THAT(outrage.what(), HasSubstr("injects[0].outrage: must be between 0 and 1, found 2"));
}

TEST(ScenarioErrors, MonitoringAndResponseTeamValuesAreChecked) {
  const InputError rate = ErrorOf(kValidHead + "monitoring:\n  sample_rate: 150%\n");
  ExpectAt(rate, 5, 16);
  EXPECT_THAT(rate.what(),
              HasSubstr("monitoring.sample_rate: must be between 0 and 100%, found 150%"));
  const InputError accuracy = ErrorOf(kValidHead + "monitoring: {sentiment_accuracy: 0.4}\n");
  EXPECT_THAT(accuracy.what(),
              HasSubstr("monitoring.sentiment_accuracy: must be between 0.5 and 1, found 0.4"));
  EXPECT_THAT(accuracy.what(), HasSubstr("hint: write a number between 0.5 and 1"));
  const InputError accuracy_percent =
      ErrorOf(kValidHead + "monitoring: {sentiment_accuracy: 40%}\n");
  EXPECT_THAT(accuracy_percent.what(),
              HasSubstr("monitoring.sentiment_accuracy: must be between 50 and 100%, found 40%"));
  EXPECT_THAT(ErrorOf(kValidHead + "monitoring: {detect_above: -5}\n").what(),
              HasSubstr("monitoring.detect_above: must be at least 0"));
  EXPECT_THAT(ErrorOf(kValidHead + "monitoring: {detect_for: 15}\n").what(),
              HasSubstr("monitoring.detect_for: expected a duration with a unit, found 15"));
  const InputError key = ErrorOf(kValidHead + "monitoring: {sample_rte: 5%}\n");
  EXPECT_THAT(key.what(),
              HasSubstr("monitoring.sample_rte: unknown key 'sample_rte' in 'monitoring'"));
  EXPECT_THAT(key.what(), HasSubstr("hint: did you mean 'sample_rate'?"));

  const InputError spokespeople = ErrorOf(kValidHead + "response_team:\n  spokespeople: 0\n");
  ExpectAt(spokespeople, 5, 17);
  EXPECT_THAT(spokespeople.what(),
              HasSubstr("response_team.spokespeople: must be between 1 and 4294967295, found 0"));
  EXPECT_THAT(ErrorOf(kValidHead + "response_team: {consistency: 1.1}\n").what(),
              HasSubstr("response_team.consistency: must be between 0 and 1, found 1.1"));
  const InputError team = ErrorOf(kValidHead + "response_team: {spokesperson: 2}\n");
  EXPECT_THAT(team.what(), HasSubstr("did you mean 'spokespeople'?"));
  const InputError misspelt = ErrorOf(kValidHead + "monitorng: {}\n");
  EXPECT_THAT(misspelt.what(), HasSubstr("did you mean 'monitoring'?"));
}

TEST(ScenarioErrors, NewPlatformAndDynamicsValuesAreChecked) {
  EXPECT_THAT(ErrorOf(kValidHead + "platform: {forward_limit: -1}\n").what(),
              HasSubstr("platform.forward_limit: must be between 0 and 4294967295, found -1"));
  EXPECT_THAT(ErrorOf(kValidHead + "platform: {closed_groups: 2}\n").what(),
              HasSubstr("platform.closed_groups: expected true or false"));
  EXPECT_THAT(ErrorOf(kValidHead + "dynamics: {visual_debunk_boost: 0.5}\n").what(),
              HasSubstr("dynamics.visual_debunk_boost: must be at least 1, found 0.5"));
  for (const char* key :
       {"argue_anger", "remedial_trust_gain", "remedial_calming", "compensation_trust_gain",
        "compensation_calming", "inconsistency_trust_loss", "emergency_efficacy"}) {
    const InputError e = ErrorOf(kValidHead + "dynamics: {" + key + ": 1.5}\n");
    EXPECT_THAT(e.what(), HasSubstr("dynamics." + std::string(key) + ": must be between 0 and 1"));
  }
}

TEST(ScenarioErrors, ResponseAndPlaybooksTogetherAreRefused) {
  const InputError e =
      ErrorOf(kValidHead + "response:\n  - {action: acknowledge}\nplaybooks:\n  a: []\n");
  ExpectAt(e, 5, 3);
  EXPECT_THAT(e.what(), HasSubstr("response: write either response: or playbooks:, not both"));
}

TEST(ScenarioErrors, RunPlaybookMustNameAPlaybook) {
  const InputError e = ErrorOf(kValidHead +
                               "playbooks:\n  fast_empathy: []\n  silence: []\n"
                               "run:\n  playbook: fast_empaty\n");
  ExpectAt(e, 8, 13);
  EXPECT_THAT(e.what(), HasSubstr("run.playbook: unknown playbook 'fast_empaty'; the playbooks are "
                                  "fast_empathy, silence"));
  EXPECT_THAT(e.what(), HasSubstr("did you mean 'fast_empathy'?"));
  const InputError none = ErrorOf(kValidHead + "run: {playbook: calm}\n");
  EXPECT_THAT(none.what(), HasSubstr("the scenario has no playbooks"));
}

// --- Durations ------------------------------------------------------------------------------

TEST(ScenarioErrors, BareNumberForADurationAsksForAUnit) {
  const InputError e = ErrorOf(kValidHead + "injects:\n  - event: leak\n    at: 30\n");
  ExpectAt(e, 6, 9);
  EXPECT_THAT(e.what(), HasSubstr("injects[0].at: expected a duration with a unit, found 30"));
  EXPECT_THAT(e.what(), HasSubstr("hint: write a unit, e.g. \"30m\""));
  const InputError tick = ErrorOf(kValidHead + "run: {tick: 60}\n");
  EXPECT_THAT(tick.what(), HasSubstr("hint: write a unit, e.g. \"30m\""));
}

TEST(ScenarioErrors, UnparseableOrNegativeDurationsAreRefused) {
  const InputError words = ErrorOf(kValidHead + "run: {duration: soon}\n");
  EXPECT_THAT(words.what(),
              HasSubstr("run.duration: expected a duration such as \"30s\", \"15m\""));
  EXPECT_THAT(words.what(), HasSubstr("hint: write a number followed by a unit"));
  const InputError unit = ErrorOf(kValidHead + "run: {duration: 3 fortnights}\n");
  EXPECT_THAT(unit.what(), HasSubstr("run.duration: expected a duration"));
  const InputError negative = ErrorOf(kValidHead + "injects:\n  - {event: leak, at: -5m}\n");
  EXPECT_THAT(negative.what(), HasSubstr("injects[0].at: durations cannot be negative"));
  const InputError never = ErrorOf(kValidHead + "injects:\n  - {event: leak, at: never}\n");
  EXPECT_THAT(never.what(), HasSubstr("injects[0].at: expected a duration"));
}

TEST(ScenarioErrors, TickMustFitTheRun) {
  const InputError longer = ErrorOf(kValidHead + "run:\n  duration: 1h\n  tick: 2h\n");
  ExpectAt(longer, 6, 9);
  EXPECT_THAT(longer.what(), HasSubstr("run.tick: the tick (2h) is longer than the run (1h)"));
  const InputError short_tick = ErrorOf(kValidHead + "run: {tick: 0.5s}\n");
  EXPECT_THAT(short_tick.what(), HasSubstr("run.tick: must be at least 1s"));
  const InputError fractional = ErrorOf(kValidHead + "run: {tick: 1.5s}\n");
  EXPECT_THAT(fractional.what(), HasSubstr("run.tick: must be a whole number of seconds"));
  const InputError zero = ErrorOf(kValidHead + "run: {duration: 0s}\n");
  EXPECT_THAT(zero.what(), HasSubstr("run.duration: must be longer than 0"));
}

TEST(ScenarioErrors, RepeatsShorterThanATickAreRefused) {
  const InputError e =
      ErrorOf(kValidHead + "playbooks:\n  p:\n    - {action: transparency_update, every: 10s}\n");
  EXPECT_THAT(e.what(), HasSubstr("playbooks.p[0].every: is shorter than one tick (1m)"));
  const InputError until =
      ErrorOf(kValidHead + "playbooks:\n  p:\n    - {action: label, at: 2h, until: 1h}\n");
  EXPECT_THAT(until.what(), HasSubstr("playbooks.p[0].until: is before the action's first time"));
}

// --- Files ----------------------------------------------------------------------------------

TEST(ScenarioErrors, BadYamlSyntaxGivesItsPosition) {
  const InputError e = ErrorOf("name: t\nnarratives: [a, b\ngraph: {}\n");
  EXPECT_EQ(e.where().file, "inline.yaml");
  EXPECT_GT(e.where().line, 1);
  EXPECT_GT(e.where().column, 0);
  EXPECT_THAT(e.what(), HasSubstr("invalid YAML"));
  EXPECT_THAT(e.what(), HasSubstr("hint: "));
  const InputError tab = ErrorOf("name: t\n\tgraph: {}\n");
  EXPECT_THAT(tab.what(), HasSubstr("inline.yaml:2:"));
  const InputError indent = ErrorOf("name: t\ngraph:\n  agents: 5\n bad: 1\n");
  EXPECT_THAT(indent.what(), HasSubstr("invalid YAML"));
  EXPECT_EQ(indent.where().line, 4);
}

TEST(ScenarioErrors, EmptyOrNonMapScenarioIsRefused) {
  EXPECT_THAT(ErrorOf("").what(), HasSubstr("the scenario is empty"));
  EXPECT_THAT(ErrorOf("- a\n- b\n").what(), HasSubstr("expected a map of sections"));
}

TEST(ScenarioErrors, MissingGraphFileNamesTheResolvedPath) {
  const InputError e = ErrorOf(kValidHead + "graph:\n  generator: file\n  file: data/edgez.txt\n");
  ExpectAt(e, 6, 9);
  EXPECT_THAT(e.what(),
              HasSubstr("graph.file: cannot find graph file 'data/edgez.txt' (looked for " +
                        ScenarioDir() + "/data/edgez.txt)"));
  EXPECT_THAT(e.what(), HasSubstr("hint: paths are relative to the folder of the file"));
  const InputError close = ErrorOf(kValidHead + "graph: {generator: file, file: edge.txt}\n");
  EXPECT_THAT(close.what(), HasSubstr("did you mean 'edges.txt'?"));
}

TEST(ScenarioErrors, GraphFileAndGeneratorMustAgree) {
  const InputError no_file = ErrorOf(kValidHead + "graph:\n  generator: file\n");
  ExpectAt(no_file, 5, 14);
  EXPECT_THAT(no_file.what(), HasSubstr("graph.generator: the 'file' generator needs graph.file"));
  const InputError no_generator = ErrorOf(kValidHead + "graph:\n  file: edges.txt\n");
  ExpectAt(no_generator, 5, 9);
  EXPECT_THAT(no_generator.what(),
              HasSubstr("graph.file: a graph file is given but graph.generator is not 'file'"));
  EXPECT_THAT(no_generator.what(), HasSubstr("hint: add generator: file"));
}

TEST(ScenarioErrors, MissingScenarioFileIsReported) {
  const InputError e = LoadErrorOf(Fixture("no_such_scenario.yaml"));
  EXPECT_EQ(e.where().file, Fixture("no_such_scenario.yaml"));
  EXPECT_THAT(e.what(), HasSubstr("cannot find the scenario file"));
  EXPECT_THAT(e.what(), HasSubstr("hint: "));
  EXPECT_THAT(LoadErrorOf(ScenarioDir()).what(), HasSubstr("hint: this is a folder"));
}

TEST(ScenarioErrors, MissingPresetNamesTheResolvedPath) {
  const InputError e = ErrorOf("name: t\nextends: presets/nope.yaml\nnarratives:\n  - id: r\n");
  ExpectAt(e, 2, 10);
  EXPECT_THAT(e.what(), HasSubstr("extends: cannot find preset 'presets/nope.yaml' (looked for " +
                                  ScenarioDir() + "/presets/nope.yaml"));
  EXPECT_THAT(e.what(), HasSubstr("hint: extends paths are relative to the folder"));
  const InputError population = ErrorOf(kValidHead + "population:\n  extends: crowd.yaml\n");
  EXPECT_THAT(population.what(), HasSubstr("population.extends: cannot find preset 'crowd.yaml'"));
}

TEST(ScenarioErrors, ErrorInAPresetNamesThePresetFile) {
  const InputError e = LoadErrorOf(Fixture("extends_broken.yaml"));
  EXPECT_EQ(e.where().file, ScenarioDir() + "/presets/broken.yaml");
  EXPECT_EQ(e.where().line, 4);
  EXPECT_EQ(e.where().column, 19);
  EXPECT_THAT(e.what(), HasSubstr("presets/broken.yaml:4:19: error: graph.mean_followers: must be "
                                  "greater than 0, found -3"));
}

TEST(ScenarioErrors, ErrorInAPopulationPresetNamesThePresetFileAndPath) {
  // platform_mid.yaml is a scenario fragment, not a population preset: its `graph:` is not a
  // population key. The error names the preset and the key path it has inside the scenario.
  const InputError e = ErrorOf(kValidHead + "population:\n  extends: presets/platform_mid.yaml\n");
  EXPECT_EQ(e.where().file, ScenarioDir() + "/presets/platform_mid.yaml");
  EXPECT_EQ(e.where().line, 3);
  EXPECT_EQ(e.where().column, 1);
  EXPECT_THAT(e.what(), HasSubstr("population.graph: unknown key 'graph' in 'population'"));
}

TEST(ScenarioErrors, ExtendsCycleIsRefused) {
  const InputError e = LoadErrorOf(Fixture("extends_cycle.yaml"));
  EXPECT_THAT(e.what(), HasSubstr("presets extend each other in a cycle"));
  EXPECT_THAT(e.what(), HasSubstr("cycle_a.yaml"));
  EXPECT_THAT(e.what(), HasSubstr("hint: a preset cannot extend itself"));
}

}  // namespace
}  // namespace firestorm
