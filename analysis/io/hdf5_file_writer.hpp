// Writes groups, datasets and attributes into an HDF5 file, with the HDF5 C API kept out of
// this header (HDF5 is linked PRIVATE). Used to add /analysis to a run file and, in tests, to
// build small files (a synthetic sweep file).
//
// Safety: the writer never touches the destination until Commit(). Create() writes a new file
// as `<path>.tmp`; Edit() first copies the existing `<path>` to `<path>.tmp` and modifies the
// copy. Commit() flushes and closes the copy, fsyncs it and rename(2)s it onto `<path>`,
// which is atomic within a folder: a reader (or a crash) sees the old file or the new one,
// never a half-written one. Without Commit() (an exception, Ctrl-C) the temporary file is
// removed and `<path>` stays as it was. Editing needs free space for one copy of the file.
//
// Objects are written like the run writer writes them (sim/io/hdf5_writer.cpp): no
// modification times, little-endian numbers, fixed-length UTF-8 string arrays,
// variable-length string attributes, shuffle + deflate for arrays of 4096 elements or more.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace firestorm {

class Hdf5FileWriter {
 public:
  // A new file; refuses to replace an existing `path` unless `force`. Throws OutputError.
  static Hdf5FileWriter Create(const std::string& path, bool force);
  // A change to the existing file `path`. Throws InputError if it cannot be read as HDF5,
  // OutputError if the copy cannot be written.
  static Hdf5FileWriter Edit(const std::string& path);

  ~Hdf5FileWriter();
  Hdf5FileWriter(Hdf5FileWriter&&) noexcept;
  Hdf5FileWriter& operator=(Hdf5FileWriter&&) noexcept;
  Hdf5FileWriter(const Hdf5FileWriter&) = delete;
  Hdf5FileWriter& operator=(const Hdf5FileWriter&) = delete;

  // Absolute paths ("/analysis/crisis/values"). Missing parent groups are created.
  bool Exists(const std::string& object) const;
  void Remove(const std::string& object);  // unlinks it if present (its space is not reclaimed)
  void CreateGroup(const std::string& group);

  // `shape` defaults to {values.size()}; its product must equal values.size().
  // T is std::uint8_t, std::uint32_t, std::uint64_t, std::int32_t, float or double.
  template <typename T>
  void Write(const std::string& dataset, const std::vector<T>& values,
             std::vector<std::uint64_t> shape = {});
  void WriteStrings(const std::string& dataset, const std::vector<std::string>& values,
                    std::vector<std::uint64_t> shape = {});
  void WriteScalarString(const std::string& dataset, const std::string& value);

  // Scalar attributes on a group or dataset; an existing attribute of that name is replaced.
  template <typename T>
  void WriteAttribute(const std::string& object, const std::string& name, T value);
  void WriteAttribute(const std::string& object, const std::string& name, const std::string& value);
  void WriteAttribute(const std::string& object, const std::string& name, const char* value) {
    WriteAttribute(object, name, std::string(value));
  }

  void Commit();
  const std::string& path() const;

 private:
  struct Impl;
  explicit Hdf5FileWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace firestorm
