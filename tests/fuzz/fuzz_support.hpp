// Shared by the fuzz targets: an input written to a file (the graph loaders and the HDF5 reader
// take paths), and the one rule every target checks: bad input may only ever produce an
// InputError. Any other exception, a crash, a leak or undefined behaviour is a finding.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>
#include <typeinfo>

#include "sim/core/error.hpp"

namespace firestorm::fuzz {

// A file under $TMPDIR (or /tmp) private to this process, rewritten for every input.
class InputFile {
 public:
  explicit InputFile(const std::string& extension) {
    const char* tmp = std::getenv("TMPDIR");
    const std::filesystem::path dir = std::filesystem::path(tmp && *tmp ? tmp : "/tmp") /
                                      ("firestorm-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    path_ = (dir / ("input" + extension)).string();
  }
  ~InputFile() {
    std::error_code ec;
    std::filesystem::remove_all(std::filesystem::path(path_).parent_path(), ec);
  }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  // Writes the bytes and returns the path.
  const std::string& Write(const std::uint8_t* data, std::size_t size) const {
    std::FILE* f = std::fopen(path_.c_str(), "wb");
    if (f == nullptr) Die("cannot create " + path_);
    if (size > 0 && std::fwrite(data, 1, size, f) != size) Die("cannot write " + path_);
    if (std::fclose(f) != 0) Die("cannot close " + path_);
    return path_;
  }
  const std::string& path() const { return path_; }

 private:
  [[noreturn]] static void Die(const std::string& what) {
    std::fprintf(stderr, "fuzz harness: %s\n", what.c_str());
    std::abort();
  }
  std::string path_;
};

// Runs `body`; an InputError is the expected answer to bad input, anything else aborts (so
// libFuzzer records the input as a crash).
template <typename Body>
void ExpectOnlyInputErrors(const char* target, Body&& body) {
  try {
    body();
  } catch (const InputError&) {
    // the clear, located error a user is meant to get
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: unexpected %s: %s\n", target, typeid(e).name(), e.what());
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "%s: unexpected exception of unknown type\n", target);
    std::abort();
  }
}

// Aborts with a message when a property the code promises does not hold.
inline void Check(bool ok, const char* target, const std::string& what) {
  if (ok) return;
  std::fprintf(stderr, "%s: property violated: %s\n", target, what.c_str());
  std::abort();
}

}  // namespace firestorm::fuzz
