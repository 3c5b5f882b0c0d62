// Every rate and weight of the crisis model, with the defaults docs/model.md documents.
// Rates are per hour and converted to per-tick probabilities with the tick length.
#pragma once

#include <cstdint>

namespace firestorm {

enum class FeedRanking { kChronological, kEngagement };

struct PlatformParams {
  FeedRanking feed = FeedRanking::kEngagement;
  double attention = 0.15;          // chance a follower sees a given post
  double engagement_boost = 1.0;    // alpha: rank = 1 + alpha * charge on engagement feeds
  double attention_capacity = 30;   // most weighted exposures an agent reads in one tick
  // Closed messaging groups (WhatsApp-like): posts travel only through contacts, fact-checks
  // and statements do not reach the public through the news, and forwarding can be capped.
  bool closed_groups = false;
  std::uint32_t forward_limit = 0;  // most contacts one post can reach (0 = no limit)
};

struct DynamicsParams {
  // Adoption: beta_eff = beta (1 - w literacy)^gamma congruence (1 + kappa outrage) label.
  double literacy_exponent = 2.0;       // gamma
  double confirmation_bias = 0.5;       // chi: congruence = 1 + chi * stance * opinion
  double outrage_amplification = 1.0;  // kappa
  double adopt_without_exposure_per_hour = 0.0;  // SEIZ epsilon: exposed adopt later
  double skepticism_per_hour = 0.05;    // exposed -> skeptic, times literacy
  // Spreading and stifling.
  double posting_outrage_boost = 1.0;   // omega: posting rate times (1 + omega outrage)
  double forgetting_per_hour = 0.15;    // delta: spreader -> stifler
  double stifling_per_exposure = 0.02;  // sigma: Maki–Thompson, per exposure to the same narrative
  double debunk_efficacy = 0.3;         // eta: per debunk exposure, times trust in the author
  double backfire_probability = 0.05;   // a debunk from the other camp hardens instead
  // Outrage.
  double outrage_half_life_hours = 6.0;
  double outrage_per_exposure = 0.02;   // kappa_a: times the post's emotional charge
  double silence_anger_per_hour = 0.02; // growth while the organization says nothing
  double silence_ramp_hours = 2.0;      // the penalty reaches full strength after this
  // Trust.
  double trust_erosion_per_hour = 0.02; // while believing a narrative against the organization
  double trust_recovery_half_life_hours = 48.0;  // toward the baseline once recovery starts
  // Opinion: bounded confidence (Deffuant et al. 2000) and outrage-driven polarization.
  double confidence_bound = 0.4;        // epsilon
  double convergence_rate = 0.05;       // mu per tick, toward authors within epsilon
  double outrage_polarization = 0.02;   // rho per hour: outrage pushes opinions outward
  // Statements (read by those who see the official narrative or the news of it).
  double statement_reach = 0.25;        // share of aware agents who read the latest statement within an hour
  double acknowledge_calming = 0.25;    // outrage *= 1 - c * trust
  double apology_calming = 0.4;
  double apology_trust_gain = 0.1;      // trust += g (1 - trust)
  double defend_anger = 0.3;            // outrage += a (1 - trust)(1 - outrage)
  double defend_trust_loss = 0.1;       // trust *= 1 - l
  double transparency_trust_gain = 0.05;
  double takedown_backlash = 0.2;       // outrage added to followers of wrongly removed users
  double label_visibility = 0.7;        // labelled posts are seen this much less often
  double label_belief = 0.6;            // and believed this much less
  // Issue-3 actions.
  double argue_anger = 0.25;            // arguing: outrage += a * outrage (1 - outrage) for readers
  double remedial_trust_gain = 0.15;    // remedial action: trust += g (1 - trust)
  double remedial_calming = 0.2;        // and outrage *= 1 - c * trust
  double compensation_trust_gain = 0.25;
  double compensation_calming = 0.3;
  double inconsistency_trust_loss = 0.1;  // an inconsistent statement: trust *= 1 - l, no calming
  double visual_debunk_boost = 1.5;     // a debunk with visual content persuades this much more
  double emergency_efficacy = 0.6;      // a broadcast reader drops the rumor with p = e * (0.5 + 0.5 trust)
};

}  // namespace firestorm
