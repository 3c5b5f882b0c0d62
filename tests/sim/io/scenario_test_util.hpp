// Helpers for the scenario loader tests: fixture paths, catching the InputError a text
// produces, and a field-by-field comparison of two scenarios.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "sim/core/error.hpp"
#include "sim/io/config_yaml.hpp"

namespace firestorm::testing {

inline std::string SourceDir() { return FIRESTORM_SOURCE_DIR; }
inline std::string ScenarioDir() { return SourceDir() + "/tests/data/scenarios"; }
inline std::string Fixture(const std::string& name) { return ScenarioDir() + "/" + name; }

// Parses `yaml` as if it were tests/data/scenarios/inline.yaml.
inline Scenario ParseInline(const std::string& yaml) {
  return ParseScenario(yaml, "inline.yaml", ScenarioDir());
}

// The InputError that parsing `yaml` throws; a test failure if it throws none.
inline InputError ErrorOf(const std::string& yaml) {
  try {
    ParseInline(yaml);
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "expected an InputError for:\n" << yaml;
  return InputError({}, "no error");
}

inline InputError LoadErrorOf(const std::string& path) {
  try {
    LoadScenario(path);
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "expected an InputError loading " << path;
  return InputError({}, "no error");
}

// A scenario prefix that is valid on its own (lines 1-3), for tests that add a section.
inline const std::string kValidHead = "name: test\nnarratives:\n  - id: rumor\n";

inline void ExpectSameTrigger(const Trigger& a, const Trigger& b, const std::string& what) {
  EXPECT_EQ(a.kind, b.kind) << what;
  EXPECT_EQ(a.metric, b.metric) << what;
  EXPECT_EQ(a.above, b.above) << what;
  EXPECT_EQ(a.threshold, b.threshold) << what;
  EXPECT_EQ(a.hold, b.hold) << what;
  EXPECT_EQ(a.delay, b.delay) << what;
}

inline void ExpectSameAmount(const Amount& a, const Amount& b, const std::string& what) {
  EXPECT_EQ(a.value, b.value) << what;
  EXPECT_EQ(a.is_fraction, b.is_fraction) << what;
}

inline void ExpectSameSpecial(const SpecialAccounts& a, const SpecialAccounts& b,
                              const std::string& what) {
  EXPECT_EQ(a.count, b.count) << what;
  ExpectSameAmount(a.followers, b.followers, what + ".followers");
}

// Every field of Scenario except source_file.
inline void ExpectSameScenario(const Scenario& a, const Scenario& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.description, b.description);
  const GraphSpec &ga = a.graph, &gb = b.graph;
  EXPECT_EQ(ga.generator, gb.generator);
  EXPECT_EQ(ga.agents, gb.agents);
  EXPECT_EQ(ga.mean_followers, gb.mean_followers);
  EXPECT_EQ(ga.mutual, gb.mutual);
  EXPECT_EQ(ga.attach_edges, gb.attach_edges);
  EXPECT_EQ(ga.rewire_probability, gb.rewire_probability);
  EXPECT_EQ(ga.communities, gb.communities);
  EXPECT_EQ(ga.homophily, gb.homophily);
  EXPECT_EQ(ga.degree_exponent, gb.degree_exponent);
  EXPECT_EQ(ga.file, gb.file);
  EXPECT_EQ(ga.format, gb.format);
  EXPECT_EQ(ga.orientation, gb.orientation);
  EXPECT_EQ(ga.community_attribute, gb.community_attribute);
  EXPECT_EQ(ga.community_file, gb.community_file);

  EXPECT_EQ(a.platform.feed, b.platform.feed);
  EXPECT_EQ(a.platform.attention, b.platform.attention);
  EXPECT_EQ(a.platform.engagement_boost, b.platform.engagement_boost);
  EXPECT_EQ(a.platform.attention_capacity, b.platform.attention_capacity);
  EXPECT_EQ(a.platform.closed_groups, b.platform.closed_groups);
  EXPECT_EQ(a.platform.forward_limit, b.platform.forward_limit);

  const PopulationSpec &pa = a.population, &pb = b.population;
  ExpectSameAmount(pa.bots, pb.bots, "bots");
  ExpectSameAmount(pa.influencers, pb.influencers, "influencers");
  ExpectSameSpecial(pa.media, pb.media, "media");
  ExpectSameSpecial(pa.fact_checkers, pb.fact_checkers, "fact_checkers");
  ExpectSameSpecial(pa.organization, pb.organization, "organization");
  EXPECT_EQ(pa.bot_follows_bots, pb.bot_follows_bots);
  EXPECT_EQ(pa.bot_hub_targets, pb.bot_hub_targets);
  EXPECT_EQ(pa.polarization, pb.polarization);
  EXPECT_EQ(pa.opinion_sd, pb.opinion_sd);
  for (std::size_t k = 0; k < pa.traits.size(); ++k) {
    const KindTraits &ta = pa.traits[k], &tb = pb.traits[k];
    EXPECT_EQ(ta.activity_per_hour, tb.activity_per_hour) << k;
    EXPECT_EQ(ta.activity_spread, tb.activity_spread) << k;
    EXPECT_EQ(ta.credibility, tb.credibility) << k;
    EXPECT_EQ(ta.literacy_mean, tb.literacy_mean) << k;
    EXPECT_EQ(ta.literacy_sd, tb.literacy_sd) << k;
    EXPECT_EQ(ta.trust_mean, tb.trust_mean) << k;
    EXPECT_EQ(ta.trust_sd, tb.trust_sd) << k;
  }

  ASSERT_EQ(a.narratives.size(), b.narratives.size());
  for (std::size_t i = 0; i < a.narratives.size(); ++i) {
    const NarrativeSpec &na = a.narratives[i], &nb = b.narratives[i];
    EXPECT_EQ(na.id, nb.id);
    EXPECT_EQ(na.kind, nb.kind) << na.id;
    EXPECT_EQ(na.veracity, nb.veracity) << na.id;
    EXPECT_EQ(na.emotional_charge, nb.emotional_charge) << na.id;
    EXPECT_EQ(na.stance, nb.stance) << na.id;
    EXPECT_EQ(na.credibility, nb.credibility) << na.id;
    EXPECT_EQ(na.share_probability, nb.share_probability) << na.id;
    EXPECT_EQ(na.against_organization, nb.against_organization) << na.id;
    EXPECT_EQ(na.target, nb.target) << na.id;
    EXPECT_EQ(na.seeds.count, nb.seeds.count) << na.id;
    EXPECT_EQ(na.seeds.kind, nb.seeds.kind) << na.id;
    EXPECT_EQ(na.seeds.at, nb.seeds.at) << na.id;
  }

  const auto& da = a.dynamics;
  const auto& db = b.dynamics;
  EXPECT_EQ(0, std::memcmp(&da, &db, sizeof da)) << "dynamics differ";

  ASSERT_EQ(a.playbooks.size(), b.playbooks.size());
  for (std::size_t p = 0; p < a.playbooks.size(); ++p) {
    EXPECT_EQ(a.playbooks[p].name, b.playbooks[p].name);
    ASSERT_EQ(a.playbooks[p].actions.size(), b.playbooks[p].actions.size());
    for (std::size_t i = 0; i < a.playbooks[p].actions.size(); ++i) {
      const ActionSpec &x = a.playbooks[p].actions[i], &y = b.playbooks[p].actions[i];
      EXPECT_EQ(x.type, y.type);
      ExpectSameTrigger(x.trigger, y.trigger, a.playbooks[p].name + "[" + std::to_string(i) + "]");
      EXPECT_EQ(x.at, y.at);
      EXPECT_EQ(x.every, y.every);
      EXPECT_EQ(x.until, y.until);
      EXPECT_EQ(x.narrative, y.narrative);
      EXPECT_EQ(x.partners, y.partners);
      EXPECT_EQ(x.recall, y.recall);
      EXPECT_EQ(x.precision, y.precision);
      EXPECT_EQ(x.moderators_per_hour, y.moderators_per_hour);
      EXPECT_EQ(x.visual, y.visual);
      EXPECT_EQ(x.alignment, y.alignment);
      EXPECT_EQ(x.max_recipients, y.max_recipients);
      EXPECT_EQ(x.factor, y.factor);
      EXPECT_EQ(x.reach, y.reach);
      EXPECT_EQ(x.message, y.message);
    }
  }

  ASSERT_EQ(a.injects.size(), b.injects.size());
  for (std::size_t i = 0; i < a.injects.size(); ++i) {
    const InjectSpec &x = a.injects[i], &y = b.injects[i];
    EXPECT_EQ(x.type, y.type);
    ExpectSameTrigger(x.trigger, y.trigger, "injects[" + std::to_string(i) + "]");
    EXPECT_EQ(x.at, y.at);
    EXPECT_EQ(x.narrative, y.narrative);
    EXPECT_EQ(x.size, y.size);
    EXPECT_EQ(x.credibility, y.credibility);
    EXPECT_EQ(x.outrage, y.outrage);
    EXPECT_EQ(x.message, y.message);
  }

  EXPECT_EQ(a.monitoring.sample_rate, b.monitoring.sample_rate);
  EXPECT_EQ(a.monitoring.sentiment_accuracy, b.monitoring.sentiment_accuracy);
  EXPECT_EQ(a.monitoring.detect_above, b.monitoring.detect_above);
  EXPECT_EQ(a.monitoring.detect_hold, b.monitoring.detect_hold);
  EXPECT_EQ(a.response_team.spokespeople, b.response_team.spokespeople);
  EXPECT_EQ(a.response_team.consistency, b.response_team.consistency);

  EXPECT_EQ(a.run.tick_seconds, b.run.tick_seconds);
  EXPECT_EQ(a.run.ticks, b.run.ticks);
  EXPECT_EQ(a.run.seed, b.run.seed);
  EXPECT_EQ(a.run.snapshot_every, b.run.snapshot_every);
  EXPECT_EQ(a.run.output, b.run.output);
  EXPECT_EQ(a.run.playbook, b.run.playbook);
}

}  // namespace firestorm::testing
