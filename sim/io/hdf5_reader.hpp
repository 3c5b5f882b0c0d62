// Reads HDF5 files, run files in particular (schema: docs/hdf5-schema.md), into plain
// std::vectors. Used by the tests, by analysis and by the viewer's replay, so none of them
// needs the HDF5 headers: HDF5 stays a private dependency of the io module.
//
// Every problem with the file itself (missing, not HDF5, truncated, lacking a dataset, wrong
// format) is an InputError naming the file and the object; the hint says what to check.
// Numbers are converted to the requested type by HDF5 (a uint8 dataset reads fine as
// uint32); strings may be stored fixed- or variable-length.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace firestorm {

// The root attributes that identify a run file; the writer writes these, OpenRun checks them.
inline constexpr char kRunFormat[] = "firestorm-run";
inline constexpr std::uint32_t kRunFormatVersion = 1;

class Hdf5Reader {
 public:
  // Opens any HDF5 file read-only.
  explicit Hdf5Reader(const std::string& path);
  // Opens a Firestorm run file: also checks the root attributes format == "firestorm-run"
  // and format_version <= the version this build writes.
  static Hdf5Reader OpenRun(const std::string& path);
  ~Hdf5Reader();
  Hdf5Reader(Hdf5Reader&& other) noexcept;
  Hdf5Reader& operator=(Hdf5Reader&& other) noexcept;
  Hdf5Reader(const Hdf5Reader&) = delete;
  Hdf5Reader& operator=(const Hdf5Reader&) = delete;

  const std::string& path() const { return path_; }

  // Objects are named by absolute paths such as "/graph/offsets"; "/" is the root group.
  bool Exists(const std::string& object) const;
  bool IsGroup(const std::string& object) const;
  bool IsDataset(const std::string& object) const;
  std::vector<std::string> ListGroup(const std::string& group) const;  // names, sorted
  std::vector<std::string> ListAttributes(const std::string& object) const;  // sorted
  bool HasAttribute(const std::string& object, const std::string& name) const;

  std::vector<std::uint64_t> Shape(const std::string& dataset) const;  // {} when scalar
  // "uint8", "uint32", "uint64", "int32", "float32", "float64", "string" or "other".
  std::string TypeName(const std::string& dataset) const;
  std::string AttributeTypeName(const std::string& object, const std::string& name) const;

  // The whole dataset, flattened row-major. T is one of std::uint8_t, std::uint32_t,
  // std::uint64_t, std::int32_t, float, double, std::string.
  template <typename T>
  std::vector<T> Read(const std::string& dataset) const;
  // Rows [first, first + count) along the first axis, flattened: one snapshot of
  // /snapshots/state is ReadRows<std::uint8_t>("/snapshots/state", s, 1).
  // Throws std::out_of_range past the end.
  template <typename T>
  std::vector<T> ReadRows(const std::string& dataset, std::uint64_t first,
                          std::uint64_t count) const;
  // A scalar (one-element) attribute of a group or dataset; T as for Read.
  template <typename T>
  T ReadAttribute(const std::string& object, const std::string& name) const;

 private:
  std::string path_;
  std::int64_t file_ = -1;  // hid_t; kept opaque so this header does not include hdf5.h
};

}  // namespace firestorm
