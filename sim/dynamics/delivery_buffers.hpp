// Seen posts waiting to be applied to their readers' inboxes, sorted by destination block.
//
// Why: a seen post updates two or three words of a random reader. Applied at once from the
// poster's thread, each update needs an atomic read-modify-write and a random memory read.
// Instead the posting loop appends a 16-byte record to a thread-local list per block of
// 2^kBlockShift readers (sequential writes), and the agent update applies each block's
// records on one thread with plain adds just before it updates the block, when the block's
// inbox words are already in cache (agent_update.cpp requests them one block ahead).
// Scratch, not state: every list is empty between ticks, copies start empty and
// checkpoints do not save it.
#pragma once

#include <oneapi/tbb/enumerable_thread_specific.h>

#include <cstdint>
#include <span>
#include <vector>

#include "sim/core/types.hpp"

namespace firestorm {

// One follower who saw one post.
struct SeenPost {
  AgentId reader;
  AgentId author;
  std::uint32_t narrative_and_weight;  // narrative in the top byte, credibility weight below
  float author_opinion;
};
static_assert(sizeof(SeenPost) == 16);

class DeliveryBuffers {
 public:
  // 2048 readers: the next block's inbox and exposure words (about 50 KB) and records stay in
  // cache while the current block is updated, beside its own streams.
  static constexpr unsigned kBlockShift = 11;

  DeliveryBuffers() = default;
  DeliveryBuffers(const DeliveryBuffers&) {}
  DeliveryBuffers& operator=(const DeliveryBuffers&) {
    lists_.clear();
    return *this;
  }

  static std::size_t Blocks(AgentId agents) { return (std::size_t{agents} >> kBlockShift) + 1; }

  // This thread's lists, one per destination block.
  std::vector<std::vector<SeenPost>>& Local(std::size_t blocks) {
    std::vector<std::vector<SeenPost>>& lists = lists_.local();
    if (lists.size() != blocks) lists.resize(blocks);
    return lists;
  }
  // Asks the cache for the records filed for `block` in the given lists.
  static void Prefetch(std::span<std::vector<std::vector<SeenPost>>* const> lists, std::size_t block) {
    constexpr std::size_t kPerLine = 64 / sizeof(SeenPost);
    for (const std::vector<std::vector<SeenPost>>* thread_lists : lists) {
      const std::vector<SeenPost>& records = (*thread_lists)[block];
      for (std::size_t i = 0; i < records.size(); i += kPerLine) __builtin_prefetch(records.data() + i);
    }
  }
  // The lists of every thread that has filed records at this block count.
  std::vector<std::vector<std::vector<SeenPost>>*> All(std::size_t blocks) {
    std::vector<std::vector<std::vector<SeenPost>>*> all;
    for (auto& lists : lists_)
      if (lists.size() == blocks) all.push_back(&lists);
    return all;
  }

 private:
  tbb::enumerable_thread_specific<std::vector<std::vector<SeenPost>>> lists_;
};

}  // namespace firestorm
