// Line-by-line reading of plain or gzip-compressed text files, plus the id tokenizer shared
// by the edge-list and community-file readers. zlib's gzopen passes uncompressed files through
// unchanged, so ".gz" and plain files share one code path. Every error is an InputError
// pointing at file:line:column.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace firestorm {

class TextLineReader {
 public:
  // Throws InputError when the file is missing, a directory or unreadable.
  explicit TextLineReader(std::string path);
  ~TextLineReader();
  TextLineReader(const TextLineReader&) = delete;
  TextLineReader& operator=(const TextLineReader&) = delete;

  // Advances to the next line (without its end-of-line characters); false at end of file.
  // Throws InputError when the gzip stream is corrupt or truncated.
  bool Next();
  std::string_view line() const { return line_; }
  // Reads everything not yet read (for formats parsed as a whole, such as GML).
  std::string ReadAll();
  std::int64_t line_number() const { return line_number_; }
  const std::string& path() const { return path_; }

  // Throws InputError at this line and the given 1-based column (0: whole line).
  [[noreturn]] void Fail(std::size_t column, const std::string& what,
                         const std::string& hint) const;

 private:
  std::string path_;
  gzFile file_ = nullptr;
  std::string line_;
  std::int64_t line_number_ = 0;
};

// A whitespace-separated token and its 1-based column.
struct LineToken {
  std::string_view text;
  std::size_t column = 0;
};

// The next token at or after `pos` (which it advances); nullopt at end of line.
std::optional<LineToken> NextToken(std::string_view line, std::size_t& pos);
// True for blank lines and comment lines ('#' or '%' as first non-blank character).
bool IsBlankOrComment(std::string_view line);
// Parses an agent id (a non-negative decimal integer < 2^64) or fails with a hint.
// `role` names the column in messages, e.g. "source id".
std::uint64_t ParseAgentId(const TextLineReader& reader, const LineToken& token,
                           std::string_view role);

}  // namespace firestorm
