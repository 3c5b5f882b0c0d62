// A strict reader over yaml-cpp nodes: every value knows its file, line, column and key path,
// so each mistake in a scenario becomes an InputError that points at it ("graph.agents",
// line 7, column 11) and suggests a fix. Maps are checked against the keys they may hold and
// a misspelt key or enum value gets the closest valid name by edit distance (Levenshtein).
// Internal to the io module: only io/*.cpp include it, and yaml-cpp stays private to io.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/io/scenario_keys.hpp"

namespace firestorm::yaml_reader {

// Where a document came from: the name messages print and the folder relative paths start from.
struct YamlFile {
  std::string name;
  std::filesystem::path dir;
};

// Parses `text`; a syntax error becomes an InputError naming the file, line and column.
YAML::Node ParseText(const std::string& text, const std::string& file_name);

// Levenshtein distance, and the name in `names` closest to `word` when it is close enough to
// be a likely typo ("" otherwise). Case is ignored.
std::size_t EditDistance(std::string_view a, std::string_view b);
std::string ClosestName(std::string_view word, std::span<const std::string_view> names);
std::string JoinNames(std::span<const std::string_view> names);

// A number as a planner writes it: "1_000_000", "+0.2", "1e-3". nullopt if it is not one.
std::optional<double> ParseNumber(std::string_view text);

class Map;

// One node, with what is needed to blame it.
class Value {
 public:
  Value(YAML::Node node, std::shared_ptr<const YamlFile> file, std::string path, YAML::Mark mark);

  const std::string& path() const { return path_; }
  const YamlFile& file() const { return *file_; }
  SourceLocation where() const;
  [[noreturn]] void Fail(const std::string& problem, const std::string& hint = {}) const;

  bool IsNull() const { return node_.IsNull(); }
  bool IsMap() const { return node_.IsMap(); }
  bool IsList() const { return node_.IsSequence(); }
  bool IsScalar() const { return node_.IsScalar(); }
  // "a map", "a list", "nothing" or the scalar as written, quoted: for "found ..." messages.
  std::string Describe() const;

  std::string String() const;  // any scalar, as written
  bool Bool() const;
  double Number(scenario_keys::Range range) const;
  // A share: a number (0.05) or a percentage ("5%", read as 0.05), within `range`.
  double Share(scenario_keys::Range range = scenario_keys::kProbability) const;
  std::uint64_t Integer(std::uint64_t min, std::uint64_t max) const;
  // Index into `names` of the value; `what` names the kind of value ("generator").
  std::size_t Choice(std::span<const std::string_view> names, std::string_view what) const;
  template <typename Enum, std::size_t N>
  Enum Enumerated(const std::array<std::string_view, N>& names, std::string_view what) const {
    return static_cast<Enum>(Choice(std::span<const std::string_view>(names), what));
  }
  // Seconds; "never" (when allowed) gives infinity. A bare number other than 0 is refused.
  double DurationSeconds(bool allow_never = false) const;

  std::vector<Value> Items() const;  // a list; nothing counts as an empty list
  // A map whose keys must be among `keys` (unknown and repeated keys are errors).
  Map AsMap(std::span<const std::string_view> keys) const;
  Map AsMap(std::initializer_list<std::string_view> keys) const;
  // A map whose keys are names chosen by the writer (playbooks, traits): pairs of key, value.
  std::vector<std::pair<Value, Value>> Entries() const;

 private:
  Value Child(YAML::Node node, std::string path, YAML::Mark mark) const;
  std::string Text(std::string_view expected) const;

  YAML::Node node_;
  std::shared_ptr<const YamlFile> file_;
  std::string path_;
  YAML::Mark mark_;
};

// A checked map. Keys are looked up by name; absent optional keys give nullopt.
class Map {
 public:
  Map(Value self, std::vector<std::pair<std::string, Value>> entries)
      : self_(std::move(self)), entries_(std::move(entries)) {}
  const Value& self() const { return self_; }
  std::optional<Value> Get(std::string_view key) const;
  bool Has(std::string_view key) const { return Get(key).has_value(); }
  // A key that must be present; `example` goes into the hint ("name: Product recall").
  Value Required(std::string_view key, std::string_view example) const;

 private:
  Value self_;
  std::vector<std::pair<std::string, Value>> entries_;
};

// "graph" + "agents" -> "graph.agents"; "" + "name" -> "name".
std::string JoinPath(const std::string& parent, std::string_view key);

}  // namespace firestorm::yaml_reader
