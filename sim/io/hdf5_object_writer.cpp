// Non-template parts of hdf5::ObjectWriter (see hdf5_object_writer.hpp for the settings and
// why they make the output reproducible).
#include "sim/io/hdf5_object_writer.hpp"

#include <cstring>
#include <utility>

#include "sim/core/error.hpp"

namespace firestorm::hdf5 {
namespace {

// Up to this many links or attributes stay in the object header (HDF5's default is 8, beyond
// which it moves them to a fractal heap).
constexpr unsigned kCompactLimit = 64;

std::vector<char> PackStrings(const std::vector<std::string>& values, std::size_t width) {
  std::vector<char> packed(values.size() * width, '\0');
  for (std::size_t i = 0; i < values.size(); ++i)
    std::memcpy(packed.data() + i * width, values[i].data(), values[i].size());
  return packed;
}

}  // namespace

ObjectWriter::ObjectWriter(std::string destination) : destination_(std::move(destination)) {
  PrepareLibrary();
  unsigned filter_info = 0;
  deflate_ = H5Zfilter_avail(H5Z_FILTER_DEFLATE) > 0 &&
             H5Zget_filter_info(H5Z_FILTER_DEFLATE, &filter_info) >= 0 &&
             (filter_info & H5Z_FILTER_CONFIG_ENCODE_ENABLED) != 0;
  TakeErrorMessage();
}

void ObjectWriter::Fail(const std::string& what) const {
  const std::string reason = TakeErrorMessage();
  throw OutputError("cannot write " + destination_ + ": failed to " + what +
                    (reason.empty() ? "" : ": " + reason));
}

Handle ObjectWriter::ObjectCreateList(hid_t property_class) const {
  Handle plist(Check(H5Pcreate(property_class), "create a property list"), H5Pclose);
  Check(H5Pset_obj_track_times(plist.get(), 0), "disable object time tracking");
  Check(H5Pset_attr_phase_change(plist.get(), kCompactLimit, kCompactLimit - 16),
        "set compact attribute storage");
  if (property_class != H5P_DATASET_CREATE)  // groups, and the file's root group
    Check(H5Pset_link_phase_change(plist.get(), kCompactLimit, kCompactLimit - 16),
          "set compact link storage");
  return plist;
}

Handle ObjectWriter::DatasetCreateList(const std::vector<hsize_t>& chunk, bool compress) const {
  Handle dcpl = ObjectCreateList(H5P_DATASET_CREATE);
  if (!chunk.empty()) {
    Check(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()), "set chunking");
    if (compress && deflate_) {
      Check(H5Pset_shuffle(dcpl.get()), "set the shuffle filter");
      Check(H5Pset_deflate(dcpl.get(), kDeflateLevel), "set the deflate filter");
    }
  }
  return dcpl;
}

Handle ObjectWriter::SimpleSpace(const std::vector<hsize_t>& dims, const hsize_t* max_dims) const {
  return Handle(Check(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), max_dims),
                      "create a dataspace"),
                H5Sclose);
}

Handle ObjectWriter::CreateFile(const std::string& path) const {
  Handle fcpl = ObjectCreateList(H5P_FILE_CREATE);  // also governs the root group
  Handle fapl(Check(H5Pcreate(H5P_FILE_ACCESS), "create a file access list"), H5Pclose);
  // The 1.8 format: what every current tool reads, and no format choice left to the library.
  Check(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_V18, H5F_LIBVER_V18), "pin the file format");
  TolerateMissingFileLocks(fapl.get());
  return Handle(Check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()),
                      "create " + path),
                H5Fclose);
}

Handle ObjectWriter::CreateGroup(hid_t parent, const char* name) const {
  Handle gcpl = ObjectCreateList(H5P_GROUP_CREATE);
  return Handle(Check(H5Gcreate2(parent, name, H5P_DEFAULT, gcpl.get(), H5P_DEFAULT),
                      std::string("create group ") + name),
                H5Gclose);
}

Handle ObjectWriter::OpenGroup(hid_t parent, const char* name) const {
  return Handle(Check(H5Gopen2(parent, name, H5P_DEFAULT), std::string("open group ") + name),
                H5Gclose);
}

void ObjectWriter::WriteStringAttribute(hid_t object, const char* name,
                                        const std::string& value) const {
  const std::string what = std::string("write attribute ") + name;
  Handle type(Check(H5Tcopy(H5T_C_S1), what), H5Tclose);
  Check(H5Tset_size(type.get(), H5T_VARIABLE), what);
  Check(H5Tset_cset(type.get(), H5T_CSET_UTF8), what);
  Handle space(Check(H5Screate(H5S_SCALAR), what), H5Sclose);
  Handle attribute(
      Check(H5Acreate2(object, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), what),
      H5Aclose);
  const char* data = value.c_str();
  Check(H5Awrite(attribute.get(), type.get(), &data), what);
}

void ObjectWriter::Describe(hid_t dataset, Labels labels) const {
  if (labels.axes != nullptr) WriteStringAttribute(dataset, "axes", labels.axes);
  if (labels.units != nullptr) WriteStringAttribute(dataset, "units", labels.units);
}

void ObjectWriter::WriteStrings(hid_t parent, const char* name,
                                const std::vector<std::string>& values) const {
  const std::string what = std::string("write dataset ") + name;
  std::size_t width = 1;  // fixed length: the longest value, in bytes
  for (const std::string& s : values) width = std::max(width, s.size());
  Handle type(Check(H5Tcopy(H5T_C_S1), what), H5Tclose);
  Check(H5Tset_size(type.get(), width), what);
  Check(H5Tset_strpad(type.get(), H5T_STR_NULLPAD), what);
  Check(H5Tset_cset(type.get(), H5T_CSET_UTF8), what);
  Handle space = SimpleSpace({values.size()});
  Handle dcpl = DatasetCreateList({}, false);
  Handle dataset(Check(H5Dcreate2(parent, name, type.get(), space.get(), H5P_DEFAULT, dcpl.get(),
                                  H5P_DEFAULT),
                       what),
                 H5Dclose);
  if (values.empty()) return;
  const std::vector<char> packed = PackStrings(values, width);
  Check(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, packed.data()), what);
}

void ObjectWriter::WriteScalarString(hid_t parent, const char* name,
                                     const std::string& value) const {
  const std::string what = std::string("write dataset ") + name;
  Handle type(Check(H5Tcopy(H5T_C_S1), what), H5Tclose);
  Check(H5Tset_size(type.get(), std::max<std::size_t>(1, value.size())), what);
  Check(H5Tset_strpad(type.get(), H5T_STR_NULLPAD), what);
  Check(H5Tset_cset(type.get(), H5T_CSET_UTF8), what);
  Handle space(Check(H5Screate(H5S_SCALAR), what), H5Sclose);
  Handle dcpl = DatasetCreateList({}, false);
  Handle dataset(Check(H5Dcreate2(parent, name, type.get(), space.get(), H5P_DEFAULT, dcpl.get(),
                                  H5P_DEFAULT),
                       what),
                 H5Dclose);
  const std::vector<char> packed = PackStrings({value}, std::max<std::size_t>(1, value.size()));
  Check(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, packed.data()), what);
}

Handle ObjectWriter::CreateExtendible(hid_t parent, const char* name, hid_t file_type,
                                      const std::vector<hsize_t>& dims,
                                      const std::vector<hsize_t>& chunk, bool compress,
                                      Labels labels) const {
  std::vector<hsize_t> max_dims = dims;
  max_dims[0] = H5S_UNLIMITED;
  // A chunk may not exceed a fixed dimension, so an empty one (no agents) is left unlimited.
  for (std::size_t i = 1; i < dims.size(); ++i)
    if (dims[i] == 0) max_dims[i] = H5S_UNLIMITED;
  Handle dcpl = DatasetCreateList(chunk, compress);
  Handle space = SimpleSpace(dims, max_dims.data());
  Handle dataset(Check(H5Dcreate2(parent, name, file_type, space.get(), H5P_DEFAULT, dcpl.get(),
                                  H5P_DEFAULT),
                       std::string("create dataset ") + name),
                 H5Dclose);
  Describe(dataset.get(), labels);
  return dataset;
}

void ObjectWriter::Extend(const Handle& dataset, const std::vector<hsize_t>& dims,
                          const std::string& what) const {
  Check(H5Dset_extent(dataset.get(), dims.data()), what);
}

}  // namespace firestorm::hdf5
