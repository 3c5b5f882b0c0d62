// Line reader over zlib (plain or gzip) and the agent-id tokenizer; see text_line_reader.hpp.
#include "sim/graph/text_line_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <utility>

#include "sim/core/error.hpp"

namespace firestorm {
namespace {

constexpr unsigned kGzBufferBytes = 1 << 18;
constexpr int kChunkBytes = 1 << 16;

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

bool LooksBinary(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

std::string Quote(std::string_view text) {
  constexpr std::size_t kMax = 40;
  std::string s(text.substr(0, kMax));
  for (char& c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return "'" + s + (text.size() > kMax ? "...'" : "'");
}

// Fails with the right hint when zlib reports an error; `line` is where it was noticed.
void ThrowIfGzError(gzFile file, const std::string& path, std::int64_t line) {
  int status = Z_OK;
  const char* message = gzerror(file, &status);
  if (status == Z_OK || status == Z_STREAM_END) return;
  throw InputError({path, static_cast<int>(line)},
                   std::string("cannot decompress gzip data (") + message + ")",
                   status == Z_BUF_ERROR
                       ? "the gzip stream ends early: the file is truncated; copy or download "
                         "it again (gzip -t checks a file)"
                       : "the gzip data is corrupt; copy or download the file again "
                         "(gzip -t checks a file)");
}

// Editors on Windows may start UTF-8 files with a byte-order mark; it is not content.
void StripByteOrderMark(std::string& text) {
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
}

}  // namespace

TextLineReader::TextLineReader(std::string path) : path_(std::move(path)) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path_, ec)) {
    throw InputError({path_}, "file does not exist",
                     "check the path; a relative path is resolved against the scenario file");
  }
  if (fs::is_directory(path_, ec)) {
    throw InputError({path_}, "is a directory, not a file", "name the graph file itself");
  }
  file_ = gzopen(path_.c_str(), "rb");
  if (file_ == nullptr) {
    throw InputError({path_}, std::string("cannot open file: ") + std::strerror(errno),
                     "check that the file is readable by the current user");
  }
  gzbuffer(file_, kGzBufferBytes);
}

TextLineReader::~TextLineReader() {
  if (file_ != nullptr) gzclose(file_);
}

std::string TextLineReader::ReadAll() {
  std::string text;
  char chunk[kChunkBytes];
  while (true) {
    const int got = gzread(file_, chunk, kChunkBytes);
    if (got < 0) ThrowIfGzError(file_, path_, 0);
    if (got <= 0) break;
    text.append(chunk, static_cast<std::size_t>(got));
  }
  ThrowIfGzError(file_, path_, 0);
  StripByteOrderMark(text);
  return text;
}

bool TextLineReader::Next() {
  line_.clear();
  char chunk[kChunkBytes];
  while (true) {
    if (gzgets(file_, chunk, kChunkBytes) == nullptr) {
      ThrowIfGzError(file_, path_, line_number_ + 1);
      if (line_.empty()) return false;
      break;
    }
    const std::size_t length = std::strlen(chunk);
    line_.append(chunk, length);
    if (length > 0 && chunk[length - 1] == '\n') break;
  }
  while (!line_.empty() && (line_.back() == '\n' || line_.back() == '\r')) line_.pop_back();
  if (line_number_ == 0) StripByteOrderMark(line_);
  ++line_number_;
  return true;
}

void TextLineReader::Fail(std::size_t column, const std::string& what,
                          const std::string& hint) const {
  throw InputError({path_, static_cast<int>(line_number_), static_cast<int>(column)}, what, hint);
}

std::optional<LineToken> NextToken(std::string_view line, std::size_t& pos) {
  while (pos < line.size() && IsBlank(line[pos])) ++pos;
  if (pos >= line.size()) return std::nullopt;
  const std::size_t begin = pos;
  while (pos < line.size() && !IsBlank(line[pos])) ++pos;
  return LineToken{line.substr(begin, pos - begin), begin + 1};
}

bool IsBlankOrComment(std::string_view line) {
  std::size_t pos = 0;
  while (pos < line.size() && IsBlank(line[pos])) ++pos;
  return pos == line.size() || line[pos] == '#' || line[pos] == '%';
}

std::uint64_t ParseAgentId(const TextLineReader& reader, const LineToken& token,
                           std::string_view role) {
  const std::string_view text = token.text;
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc() && end == text.data() + text.size()) return value;

  const std::string found = Quote(text);
  const std::string expected = std::string("expected ") + std::string(role) +
                               " (a non-negative integer), found " + found;
  if (ec == std::errc::result_out_of_range) {
    reader.Fail(token.column, "agent id " + found + " is larger than 2^64 - 1",
                "agent ids must fit in 64 bits");
  }
  if (text.size() > 1 && text[0] == '-' && std::isdigit(static_cast<unsigned char>(text[1]))) {
    reader.Fail(token.column, "agent id " + found + " is negative",
                "agent ids must be non-negative integers");
  }
  if (LooksBinary(text)) {
    reader.Fail(token.column, expected,
                "the file looks binary; edge lists must be plain text or gzip (.gz)");
  }
  if (text.find(',') != std::string_view::npos) {
    reader.Fail(token.column, expected, "separate columns with spaces or tabs, not commas");
  }
  reader.Fail(token.column, expected,
              "each line must start with two integer ids; comment lines start with '#' or '%'");
}

}  // namespace firestorm
