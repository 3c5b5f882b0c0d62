// Seen posts waiting to be applied to their readers' inboxes, sorted by destination block.
//
// Why: a seen post updates two or three words of a random reader. Applied at once from the
// poster's thread, each update needs an atomic read-modify-write and a random memory read.
// Instead the posting loop appends a 12-byte record to a thread-local list per block of
// 2^kBlockShift readers (sequential writes), and the agent update applies each block's
// records on one thread with plain adds just before it updates the block, when the block's
// inbox words are already in cache (agent_update.cpp requests them one block ahead).
//
// Each list is written and emptied only by the thread that owns it: a thread empties its
// lists when it first files in a new round (one round per tick). The applying threads only
// read, through an index of the round's records built once after posting (Seal), so the
// lists' headers never travel between cores.
// Scratch, not state: copies start empty and checkpoints do not save it.
#pragma once

#include <oneapi/tbb/enumerable_thread_specific.h>

#include <cstdint>
#include <span>
#include <vector>

#include "sim/core/prefetch.hpp"
#include "sim/core/types.hpp"
#include "sim/population/agent_kind.hpp"

namespace firestorm {

// One follower who saw one post, in the list of the follower's block. 12 bytes, not 16: the
// block is known from the list, so the reader takes its low bits only, beside the narrative
// and the author's kind (whose weight is a constant of the tick). A record is written and read
// once per seen post, and a quarter fewer bytes is a quarter fewer lines to fetch for writing
// and to read back (docs/performance.md).
struct SeenPost {
  std::uint32_t target;  // narrative << 24 | author kind << kBlockShift | reader within block
  AgentId author;
  float author_opinion;
};
static_assert(sizeof(SeenPost) == 12);
static_assert(kNumAgentKinds <= 8, "a record holds the author's kind in 3 bits");

class DeliveryBuffers {
 public:
  // 8192 readers: the next block's inbox and exposure words (about 200 KB) and records stay in
  // the 2 MB level-2 cache while the current block is updated, beside its own streams. Fewer,
  // longer lists than with 2048 readers: each thread appends to 123 lists instead of 489 for
  // 10^6 agents, and about 25% less applying time was measured (docs/performance.md); 32768
  // readers was slower again.
  static constexpr unsigned kBlockShift = 13;
  using Lists = std::vector<std::vector<SeenPost>>;  // one list per destination block

  // A record's target: Tag(n, kind) | Target(reader). Narratives below 256, kinds below 8.
  static std::uint32_t Tag(NarrativeId n, int kind) {
    return std::uint32_t{n} << 24 | static_cast<std::uint32_t>(kind) << kBlockShift;
  }
  static std::uint32_t Target(std::uint32_t tag, AgentId reader) { return tag | (reader & kReaderMask); }
  static AgentId Reader(std::size_t block, const SeenPost& p) {
    return static_cast<AgentId>(block << kBlockShift) | (p.target & kReaderMask);
  }
  static NarrativeId Narrative(const SeenPost& p) { return static_cast<NarrativeId>(p.target >> 24); }
  static int Kind(const SeenPost& p) { return static_cast<int>(p.target >> kBlockShift) & 7; }

  DeliveryBuffers() = default;
  DeliveryBuffers(const DeliveryBuffers&) {}
  DeliveryBuffers& operator=(const DeliveryBuffers&) {
    lists_.clear();
    index_.clear();
    blocks_ = filers_ = 0;
    return *this;
  }

  static std::size_t Blocks(AgentId agents) { return (std::size_t{agents} >> kBlockShift) + 1; }

  // Starts a round of filing over `blocks` destination blocks; the previous round's records
  // are dropped (lazily, by their owners).
  void BeginRound(std::size_t blocks) {
    ++round_;
    blocks_ = blocks;
    index_.clear();
  }

  // This thread's lists for the current round, emptied on the thread's first call in it.
  Lists& Local() {
    ThreadLists& mine = lists_.local();
    if (mine.round != round_) {
      mine.lists.resize(blocks_);
      for (std::vector<SeenPost>& list : mine.lists) list.clear();
      mine.round = round_;
    }
    return mine.lists;
  }

  // Ends the round's filing: indexes the records of every thread that filed, by block.
  void Seal() {
    filers_ = 0;
    for (const ThreadLists& t : lists_) filers_ += t.round == round_;
    index_.resize(blocks_ * filers_);
    std::size_t i = 0;
    for (const ThreadLists& t : lists_) {
      if (t.round != round_) continue;
      for (std::size_t b = 0; b < blocks_; ++b) index_[b * filers_ + i] = t.lists[b];
      ++i;
    }
  }

  // The sealed round's records for one block, one span per filing thread.
  std::span<const std::span<const SeenPost>> Block(std::size_t block) const {
    return {index_.data() + block * filers_, filers_};
  }
  // Asks the cache for a block's sealed records, a line at each Step, so that the requests
  // spread over other work instead of queueing all at once; Finish asks for the rest.
  class Requests {
   public:
    Requests() = default;
    explicit Requests(std::span<const std::span<const SeenPost>> lists) : lists_(lists) {}
    void Step() {
      if (list_ == lists_.size()) return;
      const auto* bytes = reinterpret_cast<const char*>(lists_[list_].data());
      RequestLine(bytes + next_);
      next_ += 64;
      if (next_ >= lists_[list_].size_bytes()) {
        ++list_;
        next_ = 0;
      }
    }
    void Finish() {
      while (list_ != lists_.size()) Step();
    }

   private:
    std::span<const std::span<const SeenPost>> lists_;
    std::size_t list_ = 0, next_ = 0;  // the list, and the byte in it to request next
  };
  Requests RequestsFor(std::size_t block) const { return Requests(Block(block)); }

 private:
  struct ThreadLists {
    std::uint64_t round = UINT64_MAX;  // none yet
    Lists lists;
  };
  tbb::enumerable_thread_specific<ThreadLists> lists_;
  std::uint64_t round_ = 0;
  std::size_t blocks_ = 0;
  std::size_t filers_ = 0;
  std::vector<std::span<const SeenPost>> index_;  // [block][filing thread]
  static constexpr std::uint32_t kReaderMask = (std::uint32_t{1} << kBlockShift) - 1;
};

}  // namespace firestorm
