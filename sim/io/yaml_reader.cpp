// Strict typed access to YAML nodes with located, hinted errors. See yaml_reader.hpp.
#include "sim/io/yaml_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "sim/core/duration.hpp"

namespace firestorm::yaml_reader {

namespace {

using scenario_keys::kInf;
using scenario_keys::Range;

SourceLocation LocationOf(const YamlFile& file, const YAML::Mark& mark) {
  if (mark.is_null()) return {file.name, 0, 0};
  return {file.name, mark.line + 1, mark.column + 1};
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string FormatNumber(double v) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

// Removes '_' digit separators ("1_000_000") and a leading '+'. Underscores must sit between
// digits so that "_" or "1__0" are not numbers.
std::optional<std::string> CleanDigits(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '_') {
      const bool between = i > 0 && i + 1 < text.size() &&
                           std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
                           std::isdigit(static_cast<unsigned char>(text[i + 1]));
      if (!between) return std::nullopt;
      continue;
    }
    if (c == '+' && i == 0) continue;
    out += c;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

bool SameRange(const Range& a, const Range& b) {
  return a.min == b.min && a.max == b.max && a.min_open == b.min_open && a.max_open == b.max_open;
}

std::string RangeText(const Range& r) {
  const std::string lo = (r.min_open ? "greater than " : "at least ") + FormatNumber(r.min);
  const std::string hi = (r.max_open ? "less than " : "at most ") + FormatNumber(r.max);
  if (std::isfinite(r.min) && std::isfinite(r.max)) {
    if (!r.min_open && !r.max_open)
      return "between " + FormatNumber(r.min) + " and " + FormatNumber(r.max);
    return lo + " and " + hi;
  }
  return std::isfinite(r.min) ? lo : hi;
}

std::string RangeHint(const Range& r) {
  if (SameRange(r, scenario_keys::kProbability))
    return "this is a probability or a share: write a number from 0 to 1 (0.15 means 15%)";
  if (SameRange(r, scenario_keys::kNonNegative)) return "this value cannot be negative";
  if (SameRange(r, scenario_keys::kPositive))
    return "this value must be above zero; a small value such as 0.01 makes it nearly vanish";
  return "write a number " + RangeText(r);
}

bool InRange(double v, const Range& r) {
  if (r.min_open ? !(v > r.min) : !(v >= r.min)) return false;
  if (r.max_open ? !(v < r.max) : !(v <= r.max)) return false;
  return true;
}

}  // namespace

YAML::Node ParseText(const std::string& text, const std::string& file_name) {
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    SourceLocation where{file_name, 0, 0};
    if (!e.mark.is_null()) where = {file_name, e.mark.line + 1, e.mark.column + 1};
    const bool tab = e.msg.find("tab") != std::string::npos;
    throw InputError(where, "invalid YAML: " + e.msg,
                     tab ? "indent with spaces, not tabs"
                         : "check the indentation, put a space after each ':', and quote text "
                           "that contains ':' or '#'");
  }
}

// Optimal string alignment distance: Levenshtein plus swaps of two neighbours ("grpah").
std::size_t EditDistance(std::string_view a_in, std::string_view b_in) {
  const std::string a = Lower(a_in), b = Lower(b_in);
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

// Close enough to be a typo: a few edits for the name's length, or a clipped or extended
// name ("sdev" for "sd", "agent" for "agents").
std::string ClosestName(std::string_view word, std::span<const std::string_view> names) {
  const std::string lower_word = Lower(word);
  std::string best;
  std::size_t best_distance = 0;
  for (const auto name : names) {
    const std::size_t d = EditDistance(word, name);
    const std::string lower_name = Lower(name);
    const std::string_view shorter =
        lower_word.size() < lower_name.size() ? lower_word : lower_name;
    const std::string_view longer = lower_word.size() < lower_name.size() ? lower_name : lower_word;
    const bool clipped =
        shorter.size() >= 2 && 2 * shorter.size() >= longer.size() && longer.starts_with(shorter);
    const std::size_t allowed = std::max<std::size_t>(1, name.size() / 3);
    if ((d <= allowed || clipped) && (best.empty() || d < best_distance)) {
      best = std::string(name);
      best_distance = d;
    }
  }
  return best;
}

std::string JoinNames(std::span<const std::string_view> names) {
  std::string out;
  for (const auto name : names) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

std::optional<double> ParseNumber(std::string_view text) {
  const auto digits = CleanDigits(text);
  if (!digits) return std::nullopt;
  double value = 0;
  const char* end = digits->data() + digits->size();
  const auto [ptr, ec] = std::from_chars(digits->data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::string JoinPath(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

Value::Value(YAML::Node node, std::shared_ptr<const YamlFile> file, std::string path,
             YAML::Mark mark)
    : node_(std::move(node)), file_(std::move(file)), path_(std::move(path)), mark_(mark) {}

SourceLocation Value::where() const { return LocationOf(*file_, mark_); }

void Value::Fail(const std::string& problem, const std::string& hint) const {
  throw InputError(where(), path_.empty() ? problem : path_ + ": " + problem, hint);
}

std::string Value::Describe() const {
  if (node_.IsNull()) return "nothing";
  if (node_.IsMap()) return "a map";
  if (node_.IsSequence()) return "a list";
  std::string text = node_.Scalar();
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return "\"" + text + "\"";
}

std::string Value::Text(std::string_view expected) const {
  if (node_.IsScalar()) return node_.Scalar();
  const std::string problem = "expected " + std::string(expected) + ", found " + Describe();
  if (node_.IsNull()) Fail(problem, "write a value after the colon");
  Fail(problem, "write a single value here, not " + Describe());
}

std::string Value::String() const { return Text("text"); }

bool Value::Bool() const {
  const std::string t = Lower(Text("true or false"));
  if (t == "true" || t == "yes" || t == "on") return true;
  if (t == "false" || t == "no" || t == "off") return false;
  Fail("expected true or false, found " + Describe(), "write true or false");
}

double Value::Number(Range range) const {
  const std::string t = Text("a number");
  const auto v = ParseNumber(t);
  if (!v)
    Fail("expected a number, found " + Describe(), "write a plain number such as 0.25 or 1_000");
  if (!InRange(*v, range))
    Fail("must be " + RangeText(range) + ", found " + FormatNumber(*v), RangeHint(range));
  return *v;
}

double Value::Share(Range range) const {
  const std::string t = Text("a share such as 0.05 or \"5%\"");
  const auto last = t.find_last_not_of(" \t");
  const bool is_percent = last != std::string::npos && t[last] == '%';
  std::string digits = is_percent ? t.substr(0, last) : t;
  while (!digits.empty() && (digits.back() == ' ' || digits.back() == '\t')) digits.pop_back();
  const auto number = ParseNumber(digits);
  if (!number)
    Fail("expected a share such as 0.05 or \"5%\", found " + Describe(),
         "write a number from 0 to 1, or a percentage such as \"5%\"");
  if (!is_percent) return Number(range);
  const double share = *number / 100.0;
  if (!InRange(share, range)) {
    const Range shown{range.min * 100, range.max * 100, range.min_open, range.max_open};
    Fail("must be " + RangeText(shown) + "%, found " + t,
         "write a percentage " + RangeText(shown) + "%, or the same share as a number");
  }
  return share;
}

std::uint64_t Value::Integer(std::uint64_t min, std::uint64_t max) const {
  const std::string t = Text("a whole number");
  const std::string range_text =
      max == UINT64_MAX ? "at least " + std::to_string(min)
                        : "between " + std::to_string(min) + " and " + std::to_string(max);
  const auto digits = CleanDigits(t);
  if (digits && !digits->empty() && (*digits)[0] != '-') {
    std::uint64_t value = 0;
    const char* end = digits->data() + digits->size();
    const auto [ptr, ec] = std::from_chars(digits->data(), end, value);
    if (ec == std::errc() && ptr == end) {
      if (value < min || value > max)
        Fail("must be " + range_text + ", found " + std::to_string(value),
             "write a whole number " + range_text);
      return value;
    }
  }
  const auto number = ParseNumber(t);
  if (number && (*number < static_cast<double>(min) || *number > static_cast<double>(max)))
    Fail("must be " + range_text + ", found " + t, "write a whole number " + range_text);
  // "1e3" is a whole number too, as long as a double holds it exactly.
  if (number && *number == std::floor(*number) && *number <= 9007199254740992.0)
    return static_cast<std::uint64_t>(*number);
  Fail("expected a whole number, found " + Describe(),
       "write digits only, optionally grouped with '_' (e.g. 1_000_000)");
}

std::size_t Value::Choice(std::span<const std::string_view> names, std::string_view what) const {
  const std::string t = Text(std::string("a ") + std::string(what) + " (" + JoinNames(names) + ")");
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == t) return i;
  const std::string closest = ClosestName(t, names);
  Fail("unknown " + std::string(what) + " '" + t + "'; expected one of " + JoinNames(names),
       closest.empty() ? "write one of: " + JoinNames(names) : "did you mean '" + closest + "'?");
}

double Value::DurationSeconds(bool allow_never) const {
  const std::string t = Text("a duration such as \"30m\"");
  if (allow_never && t == "never") return kInf;
  const auto first = t.find_first_not_of(" \t");
  if (first != std::string::npos && t[first] == '-')
    Fail("durations cannot be negative, found " + Describe(),
         "write a time counted from the start of the run, e.g. \"30m\"");
  if (const auto bare = ParseNumber(t)) {
    if (*bare == 0) return 0;
    Fail("expected a duration with a unit, found " + t, "write a unit, e.g. \"30m\"");
  }
  const auto seconds = ParseDurationSeconds(t);
  if (!seconds)
    Fail("expected a duration such as \"30s\", \"15m\", \"2h\" or \"3d\", found " + Describe(),
         std::string("write a number followed by a unit: s, m, h, d or w (\"1h30m\" also works)") +
             (allow_never ? ", or never" : ""));
  return *seconds;
}

Value Value::Child(YAML::Node node, std::string path, YAML::Mark mark) const {
  // Empty values ("key:") carry the mark of the next line; blame the key instead.
  if (mark.is_null() || node.IsNull()) mark = mark_;
  return Value(std::move(node), file_, std::move(path), mark);
}

std::vector<Value> Value::Items() const {
  std::vector<Value> items;
  if (node_.IsNull()) return items;
  if (!node_.IsSequence())
    Fail("expected a list, found " + Describe(),
         "write each item on its own line starting with \"- \", or [a, b] on one line");
  std::size_t i = 0;
  for (const auto& item : node_) {
    items.push_back(Child(item, path_ + "[" + std::to_string(i) + "]", item.Mark()));
    ++i;
  }
  return items;
}

std::vector<std::pair<Value, Value>> Value::Entries() const {
  std::vector<std::pair<Value, Value>> entries;
  if (node_.IsNull()) return entries;
  if (!node_.IsMap())
    Fail("expected a map of \"key: value\" lines, found " + Describe(),
         "indent the keys below this one, one \"key: value\" per line");
  for (const auto& kv : node_) {
    const Value key = Child(kv.first, path_, kv.first.Mark());
    if (!kv.first.IsScalar() || kv.first.Scalar().empty())
      key.Fail("expected a key name, found " + key.Describe(), "keys are plain names");
    const std::string name = kv.first.Scalar();
    const std::string child_path = JoinPath(path_, name);
    const Value named_key(kv.first, file_, child_path, kv.first.Mark());
    for (const auto& [seen, unused] : entries) {
      if (seen.node_.Scalar() == name)
        named_key.Fail(
            "key '" + name + "' appears twice",
            "remove one of them; the first is on line " + std::to_string(seen.where().line));
    }
    YAML::Mark value_mark = kv.second.Mark();
    if (kv.second.IsNull()) value_mark = kv.first.Mark();
    entries.emplace_back(named_key, Value(kv.second, file_, child_path, value_mark));
  }
  return entries;
}

Map Value::AsMap(std::span<const std::string_view> keys) const {
  std::vector<std::pair<std::string, Value>> checked;
  for (auto& [key, value] : Entries()) {
    const std::string name = key.node_.Scalar();
    if (std::find(keys.begin(), keys.end(), name) == keys.end()) {
      const std::string closest = ClosestName(name, keys);
      const std::string where = path_.empty() ? "at the top level" : "in '" + path_ + "'";
      key.Fail("unknown key '" + name + "' " + where, closest.empty()
                                                          ? "valid keys here: " + JoinNames(keys)
                                                          : "did you mean '" + closest + "'?");
    }
    checked.emplace_back(name, std::move(value));
  }
  return Map(*this, std::move(checked));
}

Map Value::AsMap(std::initializer_list<std::string_view> keys) const {
  return AsMap(std::span<const std::string_view>(keys.begin(), keys.size()));
}

std::optional<Value> Map::Get(std::string_view key) const {
  for (const auto& [name, value] : entries_)
    if (name == key) return value;
  return std::nullopt;
}

Value Map::Required(std::string_view key, std::string_view example) const {
  if (auto v = Get(key)) return *v;
  throw InputError(self_.where(), JoinPath(self_.path(), key) + ": required key is missing",
                   "add it, e.g. " + std::string(example));
}

}  // namespace firestorm::yaml_reader
