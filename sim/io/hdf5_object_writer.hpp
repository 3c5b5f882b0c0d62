// Creates HDF5 groups, datasets and attributes with the settings every Firestorm output
// shares, and turns each failed HDF5 call into an OutputError saying what failed. Private to
// the io module (it includes hdf5.h); Hdf5RunWriter lays out the schema with it.
//
// The settings make files reproducible and readable by any HDF5 >= 1.8 tool or h5py:
// - no object records its modification time (H5Pset_obj_track_times(0) everywhere);
// - links and attributes stay in the object header (compact storage, no fractal heap);
// - numbers are stored little-endian whatever the host;
// - string arrays are fixed-length UTF-8 (no global heap); string attributes are
//   variable-length UTF-8, which h5py returns as str;
// - arrays of at least kCompressMinElements are chunked along their first axis (about
//   kChunkElements per chunk) and compressed with shuffle + deflate level 1 when the deflate
//   filter is available; smaller ones are contiguous.
#pragma once

#include <hdf5.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/io/hdf5_handles.hpp"

namespace firestorm::hdf5 {

inline constexpr hsize_t kCompressMinElements = 4096;
inline constexpr hsize_t kChunkElements = hsize_t{1} << 20;
inline constexpr unsigned kDeflateLevel = 1;  // fast; most of the gain comes from the shuffle

// The HDF5 types of a C++ element type: in memory (native) and in the file (little-endian).
template <typename T> struct TypeOf;
template <> struct TypeOf<std::uint8_t> {
  static hid_t Memory() { return H5T_NATIVE_UINT8; }
  static hid_t File() { return H5T_STD_U8LE; }
};
template <> struct TypeOf<std::uint32_t> {
  static hid_t Memory() { return H5T_NATIVE_UINT32; }
  static hid_t File() { return H5T_STD_U32LE; }
};
template <> struct TypeOf<std::uint64_t> {
  static hid_t Memory() { return H5T_NATIVE_UINT64; }
  static hid_t File() { return H5T_STD_U64LE; }
};
template <> struct TypeOf<std::int32_t> {
  static hid_t Memory() { return H5T_NATIVE_INT32; }
  static hid_t File() { return H5T_STD_I32LE; }
};
template <> struct TypeOf<float> {
  static hid_t Memory() { return H5T_NATIVE_FLOAT; }
  static hid_t File() { return H5T_IEEE_F32LE; }
};
template <> struct TypeOf<double> {
  static hid_t Memory() { return H5T_NATIVE_DOUBLE; }
  static hid_t File() { return H5T_IEEE_F64LE; }
};

inline hsize_t Product(const std::vector<hsize_t>& dims) {
  hsize_t p = 1;
  for (hsize_t d : dims) p *= d;
  return p;
}

// Optional "axes" and "units" attributes of a dataset (nullptr = none).
struct Labels {
  const char* axes = nullptr;
  const char* units = nullptr;
};

class ObjectWriter {
 public:
  // `destination` names the output in error messages ("cannot write <destination>: ...").
  explicit ObjectWriter(std::string destination);

  // Throws OutputError: "cannot write <destination>: failed to <what>: <HDF5's reason>".
  [[noreturn]] void Fail(const std::string& what) const;
  // HDF5 calls return a negative hid_t or herr_t on failure.
  template <typename Result>
  Result Check(Result result, const std::string& what) const {
    if (result < 0) Fail(what);
    return result;
  }

  // Creates `path` (truncating a file already there) with the settings above.
  Handle CreateFile(const std::string& path) const;
  Handle CreateGroup(hid_t parent, const char* name) const;
  Handle OpenGroup(hid_t parent, const char* name) const;

  void WriteStringAttribute(hid_t object, const char* name, const std::string& value) const;
  template <typename T>
  void WriteAttribute(hid_t object, const char* name, T value) const;

  // A fixed-shape array, written in one go.
  template <typename T>
  void WriteArray(hid_t parent, const char* name, const T* data, std::vector<hsize_t> dims,
                  Labels labels = {}) const;
  template <typename T, typename Allocator>
  void WriteVector(hid_t parent, const char* name, const std::vector<T, Allocator>& values,
                   Labels labels = {}) const {
    WriteArray(parent, name, values.data(), {values.size()}, labels);
  }
  void WriteStrings(hid_t parent, const char* name, const std::vector<std::string>& values) const;
  void WriteScalarString(hid_t parent, const char* name, const std::string& value) const;

  // An array that grows along its first axis, created with dims[0] == 0.
  Handle CreateExtendible(hid_t parent, const char* name, hid_t file_type,
                          const std::vector<hsize_t>& dims, const std::vector<hsize_t>& chunk,
                          bool compress, Labels labels) const;
  void Extend(const Handle& dataset, const std::vector<hsize_t>& dims, const std::string& what) const;
  // Writes `data` into the block of `dataset` that starts at `start` and has shape `count`.
  template <typename T>
  void WriteBlock(const Handle& dataset, const std::vector<hsize_t>& start,
                  const std::vector<hsize_t>& count, const T* data, const std::string& what) const;

 private:
  Handle ObjectCreateList(hid_t property_class) const;
  Handle DatasetCreateList(const std::vector<hsize_t>& chunk, bool compress) const;
  Handle SimpleSpace(const std::vector<hsize_t>& dims, const hsize_t* max_dims = nullptr) const;
  void Describe(hid_t dataset, Labels labels) const;

  std::string destination_;
  bool deflate_ = false;  // whether this HDF5 build can compress with deflate
};

// ---- templates ----

template <typename T>
void ObjectWriter::WriteAttribute(hid_t object, const char* name, T value) const {
  const std::string what = std::string("write attribute ") + name;
  Handle space(Check(H5Screate(H5S_SCALAR), what), H5Sclose);
  Handle attribute(Check(H5Acreate2(object, name, TypeOf<T>::File(), space.get(), H5P_DEFAULT,
                                    H5P_DEFAULT),
                         what),
                   H5Aclose);
  Check(H5Awrite(attribute.get(), TypeOf<T>::Memory(), &value), what);
}

template <typename T>
void ObjectWriter::WriteArray(hid_t parent, const char* name, const T* data,
                              std::vector<hsize_t> dims, Labels labels) const {
  const std::string what = std::string("write dataset ") + name;
  const hsize_t total = Product(dims);
  std::vector<hsize_t> chunk;
  if (total >= kCompressMinElements) {  // whole rows, about kChunkElements per chunk
    chunk = dims;
    chunk[0] = std::clamp<hsize_t>(kChunkElements / (total / dims[0]), 1, dims[0]);
  }
  Handle dcpl = DatasetCreateList(chunk, /*compress=*/true);
  Handle space = SimpleSpace(dims);
  Handle dataset(Check(H5Dcreate2(parent, name, TypeOf<T>::File(), space.get(), H5P_DEFAULT,
                                  dcpl.get(), H5P_DEFAULT),
                       what),
                 H5Dclose);
  if (total > 0)
    Check(H5Dwrite(dataset.get(), TypeOf<T>::Memory(), H5S_ALL, H5S_ALL, H5P_DEFAULT, data), what);
  Describe(dataset.get(), labels);
}

template <typename T>
void ObjectWriter::WriteBlock(const Handle& dataset, const std::vector<hsize_t>& start,
                              const std::vector<hsize_t>& count, const T* data,
                              const std::string& what) const {
  if (Product(count) == 0) return;
  Handle file_space(Check(H5Dget_space(dataset.get()), what), H5Sclose);
  Check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr,
                            count.data(), nullptr),
        what);
  Handle memory_space = SimpleSpace(count);
  Check(H5Dwrite(dataset.get(), TypeOf<T>::Memory(), memory_space.get(), file_space.get(),
                 H5P_DEFAULT, data),
        what);
}

}  // namespace firestorm::hdf5
