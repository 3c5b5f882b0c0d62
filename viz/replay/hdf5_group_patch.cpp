#include "viz/replay/hdf5_group_patch.hpp"

#include <fcntl.h>
#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "sim/core/error.hpp"

namespace firestorm::viz {

namespace {

namespace fs = std::filesystem;

struct Id {  // closes an HDF5 identifier
  hid_t id = H5I_INVALID_HID;
  herr_t (*close)(hid_t) = nullptr;
  Id(hid_t i, herr_t (*c)(hid_t)) : id(i), close(c) {}
  ~Id() {
    if (id >= 0) close(id);
  }
  Id(const Id&) = delete;
  Id& operator=(const Id&) = delete;
};

void Check(bool ok, const std::string& what, const std::string& path) {
  if (!ok) throw OutputError("cannot " + what + " in " + path);
}

class GroupWriter final : public Hdf5GroupWriter {
 public:
  GroupWriter(hid_t group, std::string path) : group_(group), path_(std::move(path)) {}

  void Write(const std::string& name, std::span<const std::uint32_t> v) override {
    Numbers(name, H5T_STD_U32LE, H5T_NATIVE_UINT32, v.data(), v.size());
  }
  void Write(const std::string& name, std::span<const std::uint8_t> v) override {
    Numbers(name, H5T_STD_U8LE, H5T_NATIVE_UINT8, v.data(), v.size());
  }
  void Write(const std::string& name, std::span<const float> v) override {
    Numbers(name, H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, v.data(), v.size());
  }
  void Write(const std::string& name, std::span<const double> v) override {
    Numbers(name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, v.data(), v.size());
  }
  void Write(const std::string& name, const std::vector<std::string>& values) override {
    std::size_t width = 1;
    for (const auto& s : values) width = std::max(width, s.size());
    std::vector<char> buffer(values.size() * width, '\0');
    for (std::size_t i = 0; i < values.size(); ++i)
      std::memcpy(buffer.data() + i * width, values[i].data(), values[i].size());
    Id type(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(type.id, width);
    H5Tset_strpad(type.id, H5T_STR_NULLPAD);
    H5Tset_cset(type.id, H5T_CSET_UTF8);
    Dataset(name, type.id, type.id, buffer.data(), values.size());
  }
  void Attribute(const std::string& name, const std::string& value) override {
    Id type(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(type.id, H5T_VARIABLE);
    H5Tset_cset(type.id, H5T_CSET_UTF8);
    const char* text = value.c_str();
    ScalarAttribute(name, type.id, type.id, &text);
  }
  void Attribute(const std::string& name, std::uint32_t value) override {
    ScalarAttribute(name, H5T_STD_U32LE, H5T_NATIVE_UINT32, &value);
  }
  void Attribute(const std::string& name, double value) override {
    ScalarAttribute(name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value);
  }

 private:
  void Numbers(const std::string& name, hid_t file_type, hid_t memory_type, const void* data,
               std::size_t count) {
    Dataset(name, file_type, memory_type, data, count);
  }
  void Dataset(const std::string& name, hid_t file_type, hid_t memory_type, const void* data,
               std::size_t count) {
    const hsize_t dims[1] = {count};
    Id space(H5Screate_simple(1, dims, nullptr), H5Sclose);
    Id dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
    H5Pset_obj_track_times(dcpl.id, 0);
    if (count >= 4096) {
      const hsize_t chunk[1] = {std::min<hsize_t>(count, hsize_t{1} << 18)};
      H5Pset_chunk(dcpl.id, 1, chunk);
      H5Pset_shuffle(dcpl.id);
      H5Pset_deflate(dcpl.id, 1);
    }
    Id set(H5Dcreate2(group_, name.c_str(), file_type, space.id, H5P_DEFAULT, dcpl.id, H5P_DEFAULT),
           H5Dclose);
    Check(set.id >= 0, "create dataset " + name, path_);
    if (count > 0)
      Check(H5Dwrite(set.id, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) >= 0,
            "write dataset " + name, path_);
  }
  void ScalarAttribute(const std::string& name, hid_t file_type, hid_t memory_type,
                       const void* data) {
    Id space(H5Screate(H5S_SCALAR), H5Sclose);
    Id attr(H5Acreate2(group_, name.c_str(), file_type, space.id, H5P_DEFAULT, H5P_DEFAULT),
            H5Aclose);
    Check(attr.id >= 0 && H5Awrite(attr.id, memory_type, data) >= 0, "write attribute " + name,
          path_);
  }

  hid_t group_;
  std::string path_;
};

void WriteGroup(hid_t file, const std::string& group, const std::string& path,
                const std::function<void(Hdf5GroupWriter&)>& write) {
  if (H5Lexists(file, group.c_str(), H5P_DEFAULT) > 0)
    Check(H5Ldelete(file, group.c_str(), H5P_DEFAULT) >= 0, "remove the old " + group, path);
  Id gcpl(H5Pcreate(H5P_GROUP_CREATE), H5Pclose);
  H5Pset_obj_track_times(gcpl.id, 0);
  Id g(H5Gcreate2(file, group.c_str(), H5P_DEFAULT, gcpl.id, H5P_DEFAULT), H5Gclose);
  Check(g.id >= 0, "create group " + group, path);
  GroupWriter writer(g.id, path);
  write(writer);
}

hid_t FileAccess() {
  const hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
  H5Pset_libver_bounds(fapl, H5F_LIBVER_V18, H5F_LIBVER_V18);
  return fapl;
}

void SyncAndRename(const std::string& tmp, const std::string& path) {
  const int fd = ::open(tmp.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw OutputError("cannot rename " + tmp + " to " + path + ": " + ec.message());
  }
}

template <typename Body>
void Transaction(const std::string& path, const std::string& tmp, Body body) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  try {
    body();
  } catch (...) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw;
  }
  SyncAndRename(tmp, path);
}

}  // namespace

void PatchHdf5Group(const std::string& path, const std::string& group,
                    const std::function<void(Hdf5GroupWriter&)>& write) {
  const std::string tmp = path + ".viz.tmp";
  Transaction(path, tmp, [&] {
    std::error_code ec;
    fs::copy_file(path, tmp, fs::copy_options::overwrite_existing, ec);
    if (ec) throw OutputError("cannot copy " + path + " to " + tmp + ": " + ec.message());
    Id fapl(FileAccess(), H5Pclose);
    Id file(H5Fopen(tmp.c_str(), H5F_ACC_RDWR, fapl.id), H5Fclose);
    Check(file.id >= 0, "open for writing", tmp);
    WriteGroup(file.id, group, tmp, write);
    Check(H5Fflush(file.id, H5F_SCOPE_GLOBAL) >= 0, "flush", tmp);
  });
}

void WriteHdf5GroupFile(const std::string& path, const std::string& group,
                        const std::function<void(Hdf5GroupWriter&)>& write) {
  const std::string tmp = path + ".viz.tmp";
  Transaction(path, tmp, [&] {
    Id fapl(FileAccess(), H5Pclose);
    Id fcpl(H5Pcreate(H5P_FILE_CREATE), H5Pclose);
    Id file(H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, fcpl.id, fapl.id), H5Fclose);
    Check(file.id >= 0, "create", tmp);
    WriteGroup(file.id, group, tmp, write);
    Check(H5Fflush(file.id, H5F_SCOPE_GLOBAL) >= 0, "flush", tmp);
  });
}

}  // namespace firestorm::viz
