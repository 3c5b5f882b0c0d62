// One exception type for every error a user can cause: it carries where the problem is
// (file, line, column), what was expected, and a hint. The CLI prints it and exits non-zero.
#pragma once

#include <sstream>
#include <stdexcept>
#include <string>

namespace firestorm {

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
};

// Exit codes of the command line, documented in docs/cli.md.
enum class ExitCode : int {
  kOk = 0,
  kRuntimeFailure = 1,  // an unexpected failure inside Firestorm
  kUsage = 2,           // bad command-line arguments
  kInvalidInput = 3,    // a scenario, graph or data file is wrong
  kOutputError = 4,     // output cannot be written
};

class InputError : public std::runtime_error {
 public:
  InputError(SourceLocation where, std::string what, std::string hint = {})
      : std::runtime_error(Format(where, what, hint)), where_(std::move(where)) {}
  const SourceLocation& where() const { return where_; }

 private:
  static std::string Format(const SourceLocation& w, const std::string& what,
                            const std::string& hint) {
    std::ostringstream s;
    s << (w.file.empty() ? std::string("<input>") : w.file);
    if (w.line > 0) s << ':' << w.line;
    if (w.column > 0) s << ':' << w.column;
    s << ": error: " << what;
    if (!hint.empty()) s << "\n  hint: " << hint;
    return s.str();
  }
  SourceLocation where_;
};

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace firestorm
