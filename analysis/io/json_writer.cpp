// Streaming JSON (see json_writer.hpp).
#include "analysis/io/json_writer.hpp"

#include <fmt/format.h>

#include <cmath>

namespace firestorm {

void JsonWriter::Separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::BeginObject() {
  Separate();
  out_ += '{';
  first_.push_back(true);
  return *this;
}
JsonWriter& JsonWriter::EndObject() {
  out_ += '}';
  first_.pop_back();
  return *this;
}
JsonWriter& JsonWriter::BeginArray() {
  Separate();
  out_ += '[';
  first_.push_back(true);
  return *this;
}
JsonWriter& JsonWriter::EndArray() {
  out_ += ']';
  first_.pop_back();
  return *this;
}
JsonWriter& JsonWriter::Key(std::string_view key) {
  Separate();
  out_ += Escape(key);
  out_ += ':';
  after_key_ = true;
  return *this;
}

std::string JsonWriter::Number(double v, int digits) {
  if (!std::isfinite(v)) return "null";
  if (v == std::floor(v) && std::abs(v) < 1e15) return fmt::format("{}", static_cast<std::int64_t>(v));
  return fmt::format("{:.{}g}", v, digits);
}

JsonWriter& JsonWriter::Value(double v) {
  Separate();
  out_ += Number(v);
  return *this;
}
JsonWriter& JsonWriter::Value(std::int64_t v) {
  Separate();
  out_ += fmt::format("{}", v);
  return *this;
}
JsonWriter& JsonWriter::Value(std::uint64_t v) {
  Separate();
  out_ += fmt::format("{}", v);
  return *this;
}
JsonWriter& JsonWriter::Value(bool v) {
  Separate();
  out_ += v ? "true" : "false";
  return *this;
}
JsonWriter& JsonWriter::Value(std::string_view v) {
  Separate();
  out_ += Escape(v);
  return *this;
}
JsonWriter& JsonWriter::Null() {
  Separate();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::Array(std::span<const double> values, int digits) {
  BeginArray();
  for (double v : values) {
    Separate();
    out_ += Number(v, digits);
  }
  return EndArray();
}
JsonWriter& JsonWriter::Array(std::span<const float> values, int digits) {
  BeginArray();
  for (float v : values) {
    Separate();
    out_ += Number(v, digits);
  }
  return EndArray();
}
JsonWriter& JsonWriter::Array(const std::vector<std::string>& values) {
  BeginArray();
  for (const std::string& v : values) Value(v);
  return EndArray();
}

std::string JsonWriter::Escape(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
        else
          out += c;
    }
  }
  out += '"';
  return out;
}

}  // namespace firestorm
