// Saving and restoring a Simulation between two ticks, for checkpoints (`firestorm run
// --checkpoint-every`, `firestorm resume`; docs/reliability.md describes the file).
//
// Approach: everything that a tick reads and that is not rebuilt from the scenario is written
// as flat little-endian binary, in a fixed order, after a format version. What is derivable is
// rebuilt instead of stored: the narratives and the community count (from the scenario and the
// population), the inbox (exposure state bytes and opinions mirror the population between
// ticks; charges, pulls and parent keys are zero / UINT64_MAX there), and social listening
// (replayed from the recorded post counts, which are exactly what it observed). Per-tick
// scratch (forced posts, this tick's post counts) is empty between ticks.
//
// The guard against forgetting a member is tests/robustness/checkpoint_test.cpp: it saves a
// busy simulation in the middle of a paced takedown, with triggers half-held, labels, leaks
// and statements in effect, restores it, and requires the next ticks to match an uninterrupted
// run bit for bit; plus the size tripwires in simulation_state_io.cpp.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "sim/graph/huge_array.hpp"

namespace firestorm {

class Simulation;
struct Scenario;

// A checkpoint that cannot be read: truncated, corrupt, from another format version, or not
// matching the scenario. The message says which; the io layer adds the file name.
class StateFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

namespace state_io {

static_assert(std::endian::native == std::endian::little, "checkpoints are little-endian");

// Flat binary output: numbers as their bytes, vectors and strings as a 64-bit count first.
class Writer {
 public:
  explicit Writer(std::ostream& out) : out_(out) {}

  template <typename T>
  void Value(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    Bytes(&value, sizeof value);
  }
  template <typename T, typename Allocator>
  void Vector(const std::vector<T, Allocator>& values) {
    static_assert(std::is_trivially_copyable_v<T>);
    Value<std::uint64_t>(values.size());
    Bytes(values.data(), values.size() * sizeof(T));
  }
  void String(const std::string& text) {
    Value<std::uint64_t>(text.size());
    Bytes(text.data(), text.size());
  }
  void Bytes(const void* data, std::size_t size) {
    if (size > 0) out_.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out_) throw std::runtime_error("cannot write the checkpoint stream");
  }

 private:
  std::ostream& out_;
};

// The matching input. Counts are checked against the bytes left (`limit`), so a corrupt count
// is an error, never a huge allocation.
class Reader {
 public:
  Reader(std::istream& in, std::uint64_t limit) : in_(in), left_(limit) {}

  template <typename T>
  T Value() {
    static_assert(std::is_trivially_copyable_v<T>);
    T value;
    Bytes(&value, sizeof value);
    return value;
  }
  template <typename T>
  std::vector<T> Vector() {
    std::vector<T> values;
    VectorInto(values);
    return values;
  }
  // Reads a list written by Writer::Vector into `values`, whatever their allocator.
  template <typename T, typename Allocator>
  void VectorInto(std::vector<T, Allocator>& values) {
    static_assert(std::is_trivially_copyable_v<T>);
    const std::uint64_t count = Count(sizeof(T));
    values.assign(static_cast<std::size_t>(count), T{});
    Bytes(values.data(), values.size() * sizeof(T));
  }
  std::string String() {
    std::string text(static_cast<std::size_t>(Count(1)), '\0');
    Bytes(text.data(), text.size());
    return text;
  }
  void Bytes(void* data, std::size_t size) {
    if (size > left_) throw StateFormatError("the checkpoint ends too early (truncated?)");
    if (size > 0) in_.read(static_cast<char*>(data), static_cast<std::streamsize>(size));
    if (!in_) throw StateFormatError("the checkpoint ends too early (truncated?)");
    left_ -= size;
  }
  std::uint64_t left() const { return left_; }

 private:
  std::uint64_t Count(std::size_t element_size) {
    const auto count = Value<std::uint64_t>();
    if (element_size > 0 && count > left_ / element_size)
      throw StateFormatError("the checkpoint holds a list longer than the file (corrupt?)");
    return count;
  }
  std::istream& in_;
  std::uint64_t left_;
};

}  // namespace state_io

// Friend of Simulation (see simulation.hpp): the only code that sees its private members
// besides Simulation itself.
class SimulationStateIo {
 public:
  // Bumped whenever the layout below changes; Load refuses any other version.
  static constexpr std::uint32_t kFormatVersion = 3;

  // Writes the state between two ticks. Throws std::logic_error for a simulation that cannot be
  // checkpointed (actions queued live, as the drills do).
  static void Save(const Simulation& sim, state_io::Writer& out);
  // Rebuilds the simulation `scenario` describes (the scenario it was saved with) in the state
  // that Save wrote. Throws StateFormatError when the data does not fit.
  static Simulation Load(const Scenario& scenario, state_io::Reader& in);
  // Swaps the population's opinion, trust and outrage columns with the given ones (of the same
  // size): a resumed run swaps the initial columns in to write the world as the run began,
  // then swaps them back. Nothing else reads the population in between.
  static void SwapDynamicColumns(Simulation& sim, Column<float>& opinion,
                                 Column<float>& trust, Column<float>& outrage);
};

}  // namespace firestorm
