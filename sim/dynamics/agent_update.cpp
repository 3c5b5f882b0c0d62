// The agent update, block of readers by block: one thread applies the block's seen posts to
// its inboxes (delivery.cpp), then updates its agents; each agent reads its own inbox and
// writes only its own slot, so the loop needs no synchronisation. Then the tick's statistics
// are tallied in integers (fixed point for means), which makes them independent of how the
// loop was split.
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>

#include "sim/core/prefetch.hpp"
#include "sim/core/rng.hpp"
#include "sim/dynamics/column_moments.hpp"
#include "sim/dynamics/simulation.hpp"

namespace firestorm {
namespace {

struct Tally {
  std::vector<std::uint32_t> counts;  // [narrative][state][kind][community]
  std::uint64_t active = 0;
  std::array<std::uint64_t, 3> sum{};          // outrage, trust, opinion + 1
  std::array<UInt128, 3> sum_sq{};
};

static_assert(2 * kMomentScale * 2 * kMomentScale * (1 << DeliveryBuffers::kBlockShift) < 0x1p64,
              "a block's sum of squared moments must fit 64 bits");

float ApplyStatement(ActionType tone, bool inconsistent, const DynamicsParams& d, float outrage,
                     float& trust) {
  if (inconsistent) {  // contradicting messages: no calming, and trust suffers
    trust *= static_cast<float>(1.0 - d.inconsistency_trust_loss);
    return outrage;
  }
  switch (tone) {
    case ActionType::kAcknowledge:
      return outrage * static_cast<float>(1.0 - d.acknowledge_calming * trust);
    case ActionType::kApologize:
      trust += static_cast<float>(d.apology_trust_gain) * (1.0f - trust);
      return outrage * static_cast<float>(1.0 - d.apology_calming * trust);
    case ActionType::kDefend: {
      const float angrier = outrage + static_cast<float>(d.defend_anger) * (1.0f - trust) * (1.0f - outrage);
      trust *= static_cast<float>(1.0 - d.defend_trust_loss);
      return angrier;
    }
    case ActionType::kTransparencyUpdate:
      trust += static_cast<float>(d.transparency_trust_gain) * (1.0f - trust);
      return outrage;
    case ActionType::kArgue:  // combative replies escalate the angry most (mob dynamics)
      return outrage + static_cast<float>(d.argue_anger) * outrage * (1.0f - outrage);
    case ActionType::kRemedialAction:
      trust += static_cast<float>(d.remedial_trust_gain) * (1.0f - trust);
      return outrage * static_cast<float>(1.0 - d.remedial_calming * trust);
    case ActionType::kCompensation:
      trust += static_cast<float>(d.compensation_trust_gain) * (1.0f - trust);
      return outrage * static_cast<float>(1.0 - d.compensation_calming * trust);
    default:
      return outrage;
  }
}

}  // namespace

double Simulation::UpdateAgents(const TickConstants& k) {
  PopulationState& pop = world_.population;
  const DynamicsParams& d = scenario_.dynamics;
  const std::size_t num_narratives = narratives_.size();
  const std::uint32_t communities = num_communities_;
  const std::size_t counts_size = num_narratives * kNumNarrativeStates * kNumAgentKinds * communities;
  const float capacity = static_cast<float>(scenario_.platform.attention_capacity);
  const float outrage_gain = static_cast<float>(d.outrage_per_exposure / kChargeScale);
  const auto gamma = static_cast<float>(d.literacy_exponent);
  const auto chi = static_cast<float>(d.confirmation_bias);
  const auto kappa = static_cast<float>(d.outrage_amplification);
  const auto sigma = static_cast<float>(d.stifling_per_exposure);
  const auto eta = static_cast<float>(d.debunk_efficacy);
  const auto mu = static_cast<float>(d.convergence_rate);
  std::array<float, kNumAgentKinds> trust_baseline{};
  for (int i = 0; i < kNumAgentKinds; ++i)
    trust_baseline[i] = static_cast<float>(scenario_.population.traits[i].trust_mean);

  tbb::enumerable_thread_specific<Tally> tallies([&] {
    Tally t;
    t.counts.assign(counts_size, 0);
    return t;
  });

  // Block by block: first the block's seen posts are applied to its inboxes, then its agents
  // are updated. While a block is updated, the next block's inbox words are requested, so
  // that the next block's deliveries find them in cache: the update streams these words
  // anyway, and a delivery then costs a cache hit instead of a random memory read. Near the
  // block's end, the words the next block's records update are requested once more, by the
  // records (RequestDeliveryTargets), since a small level-2 cache has evicted some by then.
  const AgentId num_agents = pop.num_agents();
  const std::size_t num_blocks = DeliveryBuffers::Blocks(num_agents);
  constexpr AgentId kBlock = AgentId{1} << DeliveryBuffers::kBlockShift;
  constexpr AgentId kChunk = 64 / sizeof(std::uint32_t);  // agents per line of exposure words
  const std::size_t per_state = std::size_t{kNumAgentKinds} * communities;  // tally slots per state
  const auto update_block = [&](AgentId first, AgentId last, Tally& tally,
                                const std::vector<FirstExposure>& firsts,
                                DeliveryBuffers::Requests& next_records) {
    // Local copies of the tick's constants: read through `k`, each would be loaded again after
    // every store to an agent's float column (which might alias it, for all the compiler knows).
    const auto outrage_decay = k.outrage_decay;
    const auto broadcast_reach = k.broadcast_reach;
    const auto adopt_later = k.adopt_later;
    const auto skepticism = k.skepticism;
    const auto forgetting = k.forgetting;
    const auto statement_news = k.statement_news;
    const auto statement_read_probability = k.statement_read_probability;
    const auto silence_anger = k.silence_anger;
    const auto trust_erosion = k.trust_erosion;
    const auto trust_recovery = k.trust_recovery;
    const auto polarization = k.polarization;
    const Tick tick = k.tick;
    const auto statement = k.statement;
    const std::uint64_t seed = scenario_.run.seed;
    auto first_exposure = firsts.begin();
    // The next block's records ask for their words this many agents before the block's end.
    const std::size_t next_block = (std::size_t{first} >> DeliveryBuffers::kBlockShift) + 1;
    constexpr AgentId kTargetsAhead = 1024;
    const AgentId targets_at = last - first > kTargetsAhead ? last - kTargetsAhead : first;
    for (AgentId v = first; v != last; ++v) {
      if (v == targets_at && next_block < num_blocks) RequestDeliveryTargets(next_block);
      if (v % kChunk == 0 && v + kBlock < num_agents) {
        next_records.Step();
        const AgentId ahead = v + kBlock;
        for (std::size_t n = 0; n < num_narratives; ++n) RequestLineForWrite(&inbox_.exposure[n][ahead]);
        for (AgentId j = 0; j < kChunk; j += 64 / sizeof(Inbox))
          RequestLineForWrite(&inbox_.agent[std::min(ahead + j, num_agents - 1)]);
      }
      Inbox& in = inbox_.agent[v];
      const int kind = static_cast<int>(pop.kind[v]);
      const std::size_t tally_slot = static_cast<std::size_t>(kind) * communities + pop.community[v];
      const bool removed = pop.removed[v] != 0;
      float outrage = pop.outrage[v] * outrage_decay + outrage_gain * static_cast<float>(in.charge);
      float trust = pop.trust[v];
      float opinion = pop.opinion[v];
      const float literacy = pop.literacy[v];
      CounterRng rng(seed, tick, v, Stream::kAdoption);
      bool aware = false, believes_against = false;
      const bool saw_official = (inbox_.exposure[official_][v] & kWeightMask) != 0;
      // An emergency broadcast reaches a share of all agents, whatever they follow.
      const bool broadcast = broadcast_reach > 0 && !removed && rng.Uniform01() < broadcast_reach;

      for (std::size_t n = 0; n < num_narratives; ++n) {
        const NarrativeTick& nt = k.narrative[n];
        NarrativeColumns& col = pop.narratives[n];
        std::uint32_t& packed = inbox_.exposure[n][v];
        auto state = static_cast<NarrativeState>(packed >> 24);
        const NarrativeState before = state;
        const std::uint32_t weight = packed & kWeightMask;
        if (!removed) {
          const float exposures = std::min(capacity, weight * (nt.credibility / kWeightScale));
          const float debunks =
              nt.debunked_by >= 0
                  ? static_cast<float>(inbox_.exposure[nt.debunked_by][v] & kWeightMask) / kWeightScale
                  : 0.0f;
          // Debunks persuade in proportion to the reader's trust (Walter et al. 2020), more
          // with visual content.
          // Computed only where there are debunks: most agents see none.
          const auto debunk_strength = [&] {
            return std::min(1.0f, eta * (0.5f + 0.5f * trust) *
                                      (nt.debunked_by >= 0 ? k.narrative[nt.debunked_by].debunk_boost : 1.0f));
          };
          if (state == NarrativeState::kUnaware && weight > 0) {
            state = NarrativeState::kExposed;
            col.exposed_at[v] = tick;
            // The block's first exposures are sorted by (reader, narrative, key): the first
            // entry of (v, n) holds the smallest keyed priority.
            while (first_exposure != firsts.end() &&
                   (first_exposure->reader < v ||
                    (first_exposure->reader == v && first_exposure->narrative < n)))
              ++first_exposure;
            const bool found = first_exposure != firsts.end() && first_exposure->reader == v &&
                               first_exposure->narrative == n;
            // (A weight comes only from seen posts, so the entry is there; kNoAgent guards
            // against a future writer of exposures that files none.)
            col.parent[v] = found ? static_cast<AgentId>(first_exposure->key & 0xFFFFFFFFu) : kNoAgent;
          }
          if (state == NarrativeState::kExposed) {
            bool adopts = false, doubts = false;
            Tick& due = hazards_.due(n, v);
            if (exposures > 0 || debunks > 0) {
              // A busy tick: decided from its own probabilities (the powers only now).
              float p_adopt = adopt_later;
              if (exposures > 0) {
                const float congruence = std::max(0.0f, 1.0f + chi * nt.stance * opinion);
                const float beta = std::min(
                    1.0f, nt.share_probability * std::pow(1.0f - nt.literacy_weight * literacy, gamma) *
                              congruence * (1.0f + kappa * outrage));
                p_adopt = 1.0f - std::pow(1.0f - beta, exposures);
              }
              const float p_skeptic = std::min(
                  1.0f, skepticism * literacy +
                            (debunks > 0 ? 1.0f - std::pow(1.0f - debunk_strength(), debunks) : 0.0f));
              const float u_adopt = rng.Uniform01(), u_skeptic = rng.Uniform01();
              adopts = u_adopt < p_adopt;
              doubts = !adopts && u_skeptic < p_skeptic;
              due = 0;  // the pending quiet-tick event, if any, is drawn afresh (memoryless)
            } else {
              // A quiet tick: only the agent's hazard calendar can move it (exposure_hazards.hpp).
              const auto q = [&] {
                return ExposureHazards::EventProbability(adopt_later, std::min(1.0f, skepticism * literacy));
              };
              if (due <= tick) due = DueWord(tick, GeometricGap(q(), rng.NextU32()));
              if (due == tick + 1) {  // adoption with probability a / q, else doubt
                adopts = static_cast<double>(rng.Uniform01()) * q() < static_cast<double>(adopt_later);
                doubts = !adopts;
              }
            }
            if (adopts) {
              state = NarrativeState::kSpreader;  // may post from the next tick on
              calendar_.Start(CandidateOf(v, static_cast<NarrativeId>(n)), tick + 1);
            } else if (doubts) {
              state = NarrativeState::kSkeptic;
            }
          } else if (state == NarrativeState::kSpreader) {
            float keep = 1.0f - forgetting;
            if (exposures > 0) keep *= std::pow(1.0f - sigma, exposures);
            if (debunks > 0) {
              // Committed believers may dig in instead (a backfire).
              const bool committed = opinion * nt.stance > 0.5f;
              if (committed && rng.Uniform01() < static_cast<float>(d.backfire_probability))
                outrage += 0.1f * (1.0f - outrage);
              else
                keep *= std::pow(1.0f - debunk_strength(), debunks);
            }
            if (rng.Uniform01() >= keep) state = NarrativeState::kStifler;
          }
          if (broadcast && nt.broadcast_target &&
              rng.Uniform01() < static_cast<float>(d.emergency_efficacy) * (0.5f + 0.5f * trust)) {
            if (state == NarrativeState::kExposed) state = NarrativeState::kSkeptic;
            else if (state == NarrativeState::kSpreader) state = NarrativeState::kStifler;
          }
        }
        // Bitwise, not branches: which agents are aware varies from one agent to the next,
        // and a branch here mispredicts about every other agent.
        aware |= nt.against_organization & (state != NarrativeState::kUnaware);
        believes_against |= nt.against_organization & (state == NarrativeState::kSpreader);
        if (before == NarrativeState::kSpreader && state != NarrativeState::kSpreader)
          calendar_.Pause(static_cast<NarrativeId>(n), v);  // keeps the calendar in step
        col.state[v] = state;
        packed = static_cast<std::uint32_t>(state) << 24;
        ++tally.counts[(n * kNumNarrativeStates + static_cast<int>(state)) * per_state + tally_slot];
      }
      in.charge = 0;
      if (removed) {
        in.pull = 0;
        in.pull_count = 0;
        continue;
      }

      // Statements: each is reacted to once, by those who see it on the platform or in the news.
      if (statement > inbox_.last_statement_read[v]) {
        // The latest statement stays in the news: aware agents who have not read it yet come
        // across it at a steady rate, so an early statement also reaches those who hear of the
        // crisis later. The chance per tick is constant, so the agent waits for the next tick
        // it comes up (geometric_wait.hpp): the same law, with no draw in the ticks between.
        bool reads = saw_official;
        if (!reads && statement_news && aware) {
          Tick& due = inbox_.news_due[v];
          if (due <= tick) due = DueWord(tick, GeometricGap(statement_read_probability, rng.NextU32()));
          reads = due == tick + 1;
        }
        if (reads) {
          outrage = ApplyStatement(global_.tone, global_.statement_inconsistent, d, outrage, trust);
          inbox_.last_statement_read[v] = statement;
        }
      }
      if (aware) outrage += silence_anger * (1.0f - outrage);
      if (believes_against) trust -= trust_erosion * trust;
      if (trust_recovery > 0 && trust < trust_baseline[kind])
        trust += (trust_baseline[kind] - trust) * trust_recovery;
      // Bounded confidence toward authors seen, then outrage pushes outward.
      if (in.pull_count > 0)
        opinion += mu * static_cast<float>(in.pull / kOpinionScale) / static_cast<float>(in.pull_count);
      const float side = static_cast<float>((opinion > 0.0f) - (opinion < 0.0f));  // no branch
      opinion += polarization * outrage * side * (1.0f - std::fabs(opinion));

      pop.outrage[v] = std::clamp(outrage, 0.0f, 1.0f);
      pop.trust[v] = std::clamp(trust, 0.0f, 1.0f);
      pop.opinion[v] = std::clamp(opinion, -1.0f, 1.0f);
      in = Inbox{pop.opinion[v], 0, 0, 0};
      ++tally.active;
    }
    const std::size_t n = last - first;
    const std::array<ColumnMoments, 3> moments = {SumMoments(&pop.outrage[first], &pop.removed[first], n, 0.0f),
                                                  SumMoments(&pop.trust[first], &pop.removed[first], n, 0.0f),
                                                  SumMoments(&pop.opinion[first], &pop.removed[first], n, 1.0f)};
    for (int i = 0; i < 3; ++i) {
      tally.sum[i] += moments[i].sum;
      tally.sum_sq[i] += moments[i].sum_sq;
    }
  };

  std::atomic<std::uint64_t> apply_ns{0}, total_ns{0};
  using Clock = std::chrono::steady_clock;
  const auto ns = [](Clock::time_point a, Clock::time_point b) {
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(b - a).count());
  };
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, num_blocks), [&](const auto& r) {
    Tally& tally = tallies.local();
    std::vector<FirstExposure> firsts;
    std::uint64_t applying = 0;
    DeliveryBuffers::Requests next_records;  // the next block's records, asked for line by line
    const Clock::time_point start = Clock::now();
    for (std::size_t b = r.begin(); b != r.end(); ++b) {
      const Clock::time_point apply_start = Clock::now();
      // The block's records were written at posting time and have since been pushed out of
      // cache by the update's streams: the previous block's update asked for them a line at a
      // time (past the end of its task too: the next task a thread takes is usually the range
      // just after it, the other half of its last split). Whatever it did not ask for, it is
      // asked for now.
      if (b == r.begin()) next_records = delivery_buffers_.RequestsFor(b);
      next_records.Finish();
      firsts.clear();
      ApplyDeliveries(k, b, firsts);
      std::sort(firsts.begin(), firsts.end());
      next_records = b + 1 < num_blocks ? delivery_buffers_.RequestsFor(b + 1) : DeliveryBuffers::Requests();
      applying += ns(apply_start, Clock::now());
      const AgentId first = static_cast<AgentId>(b << DeliveryBuffers::kBlockShift);
      const AgentId last = static_cast<AgentId>(std::min<std::size_t>(num_agents, first + std::size_t{kBlock}));
      update_block(first, last, tally, firsts, next_records);
    }
    apply_ns += applying;
    total_ns += ns(start, Clock::now());
  });
  const double apply_share =
      total_ns.load() > 0 ? static_cast<double>(apply_ns.load()) / static_cast<double>(total_ns.load()) : 0.0;

  // Merge the integer tallies (order does not matter) and append this tick's row.
  Tally total;
  total.counts.assign(counts_size, 0);
  for (const Tally& t : tallies) {
    for (std::size_t i = 0; i < counts_size; ++i) total.counts[i] += t.counts[i];
    total.active += t.active;
    for (int i = 0; i < 3; ++i) {
      total.sum[i] += t.sum[i];
      total.sum_sq[i] += t.sum_sq[i];
    }
  }
  TimeSeries& s = record_.series;
  s.tick.push_back(k.tick);
  s.state_counts.insert(s.state_counts.end(), total.counts.begin(), total.counts.end());
  s.posts.insert(s.posts.end(), tick_posts_.begin(), tick_posts_.end());
  s.deliveries.push_back(tick_deliveries_);
  const std::size_t per_narrative = std::size_t{kNumNarrativeStates} * kNumAgentKinds * communities;
  for (std::size_t n = 0; n < num_narratives; ++n) {
    std::uint64_t unaware = 0;
    for (std::size_t i = 0; i < std::size_t{kNumAgentKinds} * communities; ++i)
      unaware += total.counts[n * per_narrative + i];  // state 0 = unaware comes first
    s.reach.push_back(pop.num_agents() - unaware);
  }
  std::array<std::vector<double>*, 3> means = {&s.outrage_mean, &s.trust_mean, &s.opinion_mean};
  std::array<std::vector<double>*, 3> stds = {&s.outrage_std, &s.trust_std, &s.opinion_std};
  for (int i = 0; i < 3; ++i) {
    const double count = total.active > 0 ? static_cast<double>(total.active) : 1.0;
    const double mean = static_cast<double>(total.sum[i]) / kMomentScale / count;
    const double mean_sq = static_cast<double>(total.sum_sq[i]) / (kMomentScale * kMomentScale) / count;
    means[i]->push_back(i == 2 ? mean - 1.0 : mean);
    stds[i]->push_back(std::sqrt(std::max(0.0, mean_sq - mean * mean)));
  }
  return apply_share;
}

}  // namespace firestorm
