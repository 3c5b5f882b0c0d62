// A small streaming JSON writer: enough for `firestorm analyze --json` and the data block of
// the HTML report. Numbers that JSON cannot hold (NaN, infinity) are written as null. Strings
// are escaped so the output can sit inside an HTML <script> element: '<', '>' and '&' become
// \u003c, \u003e and \u0026, so "</script>" can never appear.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace firestorm {

class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);  // inside an object, before each value

  JsonWriter& Value(double v);
  JsonWriter& Value(std::int64_t v);
  JsonWriter& Value(std::uint64_t v);
  JsonWriter& Value(int v) { return Value(static_cast<std::int64_t>(v)); }
  JsonWriter& Value(unsigned v) { return Value(static_cast<std::uint64_t>(v)); }
  JsonWriter& Value(bool v);
  JsonWriter& Value(std::string_view v);
  JsonWriter& Value(const char* v) { return Value(std::string_view(v)); }
  JsonWriter& Value(const std::string& v) { return Value(std::string_view(v)); }
  JsonWriter& Null();

  // Arrays of numbers; `digits` significant digits for doubles (compact data for charts).
  JsonWriter& Array(std::span<const double> values, int digits = 6);
  JsonWriter& Array(std::span<const float> values, int digits = 6);
  template <typename Int>
  JsonWriter& IntArray(std::span<const Int> values) {
    BeginArray();
    for (Int v : values) Value(static_cast<std::uint64_t>(v));
    return EndArray();
  }
  JsonWriter& Array(const std::vector<std::string>& values);

  // Member shortcuts: Key(k).Value(v).
  template <typename T>
  JsonWriter& Member(std::string_view key, const T& value) {
    Key(key);
    return Value(value);
  }

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

  static std::string Escape(std::string_view text);  // with the quotes
  static std::string Number(double v, int digits = 10);  // "null" when not finite

 private:
  void Separate();
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

}  // namespace firestorm
