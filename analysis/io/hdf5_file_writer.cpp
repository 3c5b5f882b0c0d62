// HDF5 writing with the C API (see hdf5_file_writer.hpp). Only calls whose signatures are
// the same in HDF5 1.10, 1.12 and 1.14 are used.
#include "analysis/io/hdf5_file_writer.hpp"

#include <fcntl.h>
#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <utility>

#include "sim/core/error.hpp"
#include "sim/io/hdf5_handles.hpp"
#include "sim/io/hdf5_object_writer.hpp"

namespace firestorm {
namespace {

namespace fs = std::filesystem;

// The io module's HDF5 vocabulary: owned identifiers, element types, chunking constants.
using Id = hdf5::Handle;
using hdf5::kChunkElements;
using hdf5::kCompressMinElements;
using hdf5::TypeOf;
constexpr unsigned kCompactLimit = 64;

herr_t FirstDescription(unsigned, const H5E_error2_t* error, void* out) {
  auto* text = static_cast<std::string*>(out);
  if (text->empty() && error->desc != nullptr) *text = error->desc;
  return 0;
}

std::string TakeHdf5Error() {
  std::string text;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, FirstDescription, &text);
  H5Eclear2(H5E_DEFAULT);
  return text;
}

// As the io module does before its first HDF5 call (sim/io/hdf5_handles.hpp): errors come
// back as exceptions rather than printed stacks, and HDF5 does not close leftover identifiers
// at exit (harmless when the library is already initialized).
void PrepareLibrary() {
  H5dont_atexit();
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

std::pair<std::string, std::string> SplitPath(const std::string& object) {
  const std::size_t slash = object.find_last_of('/');
  return {slash == 0 ? "/" : object.substr(0, slash), object.substr(slash + 1)};
}

}  // namespace

struct Hdf5FileWriter::Impl {
  std::string path, tmp_path;
  Id file;
  bool committed = false;

  ~Impl() {
    file.Close();
    if (!committed && !tmp_path.empty()) {
      std::error_code ignored;
      fs::remove(tmp_path, ignored);
    }
  }

  [[noreturn]] void Fail(const std::string& what) const {
    std::string message = "cannot write " + path + ": failed to " + what;
    const std::string reason = TakeHdf5Error();
    if (!reason.empty()) message += ": " + reason;
    throw OutputError(message);
  }
  template <typename R>
  R Check(R result, const std::string& what) const {
    if (result < 0) Fail(what);
    return result;
  }

  Id CreateList(hid_t property_class) const {
    Id plist(Check(H5Pcreate(property_class), "create a property list"), H5Pclose);
    Check(H5Pset_obj_track_times(plist.get(), 0), "disable time tracking");
    Check(H5Pset_attr_phase_change(plist.get(), kCompactLimit, kCompactLimit - 16), "set attribute storage");
    if (property_class != H5P_DATASET_CREATE)
      Check(H5Pset_link_phase_change(plist.get(), kCompactLimit, kCompactLimit - 16), "set link storage");
    return plist;
  }
  // New files are pinned to the HDF5 1.8 format, as run files are. An edited file keeps its
  // own format: objects are added in the earliest format that can hold them.
  Id AccessList(bool new_file) const {
    Id fapl(Check(H5Pcreate(H5P_FILE_ACCESS), "create a file access list"), H5Pclose);
    if (new_file)
      Check(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_V18, H5F_LIBVER_V18), "pin the file format");
#if H5_VERSION_GE(1, 10, 7)
    H5Pset_file_locking(fapl.get(), true, true);
#endif
    return fapl;
  }

  bool Exists(const std::string& object) const {
    if (object == "/") return true;
    for (std::size_t slash = object.find('/', 1);; slash = object.find('/', slash + 1)) {
      const std::string prefix = object.substr(0, slash);
      if (H5Lexists(file.get(), prefix.c_str(), H5P_DEFAULT) <= 0) {
        TakeHdf5Error();
        return false;
      }
      if (slash == std::string::npos) return true;
    }
  }

  void EnsureGroup(const std::string& group) {
    if (group.empty() || group[0] != '/') Fail("use an absolute path, not '" + group + "'");
    for (std::size_t slash = group.find('/', 1);; slash = group.find('/', slash + 1)) {
      const std::string prefix = group.substr(0, slash);
      if (prefix.size() > 1 && !Exists(prefix)) {
        Id gcpl = CreateList(H5P_GROUP_CREATE);
        Id g(Check(H5Gcreate2(file.get(), prefix.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT),
                   "create group " + prefix),
             H5Gclose);
      }
      if (slash == std::string::npos) return;
    }
  }

  Id Space(const std::vector<hsize_t>& dims) const {
    if (dims.empty()) return Id(Check(H5Screate(H5S_SCALAR), "create a dataspace"), H5Sclose);
    return Id(Check(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), "create a dataspace"),
              H5Sclose);
  }

  Id DatasetList(const std::vector<hsize_t>& dims) const {
    Id dcpl = CreateList(H5P_DATASET_CREATE);
    hsize_t total = 1;
    for (hsize_t d : dims) total *= d;
    if (!dims.empty() && total >= kCompressMinElements) {
      std::vector<hsize_t> chunk = dims;
      chunk[0] = std::clamp<hsize_t>(kChunkElements / std::max<hsize_t>(1, total / dims[0]), 1, dims[0]);
      Check(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()), "set chunking");
      if (H5Zfilter_avail(H5Z_FILTER_DEFLATE) > 0) {
        Check(H5Pset_shuffle(dcpl.get()), "set the shuffle filter");
        Check(H5Pset_deflate(dcpl.get(), 1), "set the deflate filter");
      }
    }
    return dcpl;
  }

  std::vector<hsize_t> Dims(std::size_t count, const std::vector<std::uint64_t>& shape, const std::string& what) const {
    if (shape.empty()) return {count};
    std::uint64_t product = 1;
    for (std::uint64_t d : shape) product *= d;
    if (product != count) Fail("write " + what + ": shape does not match the number of values");
    return {shape.begin(), shape.end()};
  }

  Id CreateDataset(const std::string& dataset, hid_t type, const std::vector<hsize_t>& dims) {
    const auto [parent, name] = SplitPath(dataset);
    EnsureGroup(parent);
    if (Exists(dataset)) Check(H5Ldelete(file.get(), dataset.c_str(), H5P_DEFAULT), "replace " + dataset);
    Id space = Space(dims);
    Id dcpl = DatasetList(dims);
    return Id(Check(H5Dcreate2(file.get(), dataset.c_str(), type, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                    "create " + dataset),
              H5Dclose);
  }

  Id StringType(std::size_t width, bool variable) const {
    Id type(Check(H5Tcopy(H5T_C_S1), "copy the string type"), H5Tclose);
    Check(H5Tset_size(type.get(), variable ? H5T_VARIABLE : std::max<std::size_t>(width, 1)), "size a string type");
    Check(H5Tset_strpad(type.get(), H5T_STR_NULLTERM), "pad a string type");
    Check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "set UTF-8");
    return type;
  }

  void WriteFixedStrings(const std::string& dataset, const std::vector<std::string>& values,
                         const std::vector<hsize_t>& dims) {
    std::size_t width = 1;
    for (const std::string& v : values) width = std::max(width, v.size() + 1);
    std::vector<char> packed(values.size() * width, '\0');
    for (std::size_t i = 0; i < values.size(); ++i) std::memcpy(&packed[i * width], values[i].data(), values[i].size());
    Id type = StringType(width, false);
    Id d = CreateDataset(dataset, type.get(), dims);
    if (!values.empty())
      Check(H5Dwrite(d.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, packed.data()), "write " + dataset);
  }

  Id OpenForAttribute(const std::string& object, const std::string& name) {
    if (!Exists(object)) Fail("write attribute " + name + ": no object " + object);
    Id o(Check(H5Oopen(file.get(), object.c_str(), H5P_DEFAULT), "open " + object), H5Oclose);
    if (H5Aexists(o.get(), name.c_str()) > 0)
      Check(H5Adelete(o.get(), name.c_str()), "replace attribute " + name);
    return o;
  }
};

Hdf5FileWriter::Hdf5FileWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Hdf5FileWriter::~Hdf5FileWriter() = default;
Hdf5FileWriter::Hdf5FileWriter(Hdf5FileWriter&&) noexcept = default;
Hdf5FileWriter& Hdf5FileWriter::operator=(Hdf5FileWriter&&) noexcept = default;

const std::string& Hdf5FileWriter::path() const { return impl_->path; }

Hdf5FileWriter Hdf5FileWriter::Create(const std::string& path, bool force) {
  PrepareLibrary();
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  if (fs::exists(path) && !force) throw OutputError(path + " exists; use --force to replace it");
  impl->tmp_path = path + ".tmp";
  Id fcpl = impl->CreateList(H5P_FILE_CREATE);
  Id fapl = impl->AccessList(true);
  impl->file = Id(impl->Check(H5Fcreate(impl->tmp_path.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()),
                              "create " + impl->tmp_path),
                  H5Fclose);
  return Hdf5FileWriter(std::move(impl));
}

Hdf5FileWriter Hdf5FileWriter::Edit(const std::string& path) {
  PrepareLibrary();
  if (H5Fis_hdf5(path.c_str()) <= 0) {
    TakeHdf5Error();
    throw InputError({path, 0, 0}, "not an HDF5 file (or it cannot be read)");
  }
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->tmp_path = path + ".tmp";
  std::error_code error;
  fs::copy_file(path, impl->tmp_path, fs::copy_options::overwrite_existing, error);
  if (error) throw OutputError("cannot write " + impl->tmp_path + ": " + error.message());
  Id fapl = impl->AccessList(false);
  impl->file = Id(impl->Check(H5Fopen(impl->tmp_path.c_str(), H5F_ACC_RDWR, fapl.get()), "open " + impl->tmp_path),
                  H5Fclose);
  return Hdf5FileWriter(std::move(impl));
}

bool Hdf5FileWriter::Exists(const std::string& object) const { return impl_->Exists(object); }

void Hdf5FileWriter::Remove(const std::string& object) {
  if (impl_->Exists(object))
    impl_->Check(H5Ldelete(impl_->file.get(), object.c_str(), H5P_DEFAULT), "remove " + object);
}

void Hdf5FileWriter::CreateGroup(const std::string& group) { impl_->EnsureGroup(group); }

template <typename T>
void Hdf5FileWriter::Write(const std::string& dataset, const std::vector<T>& values, std::vector<std::uint64_t> shape) {
  const std::vector<hsize_t> dims = impl_->Dims(values.size(), shape, dataset);
  Id d = impl_->CreateDataset(dataset, TypeOf<T>::File(), dims);
  if (!values.empty())
    impl_->Check(H5Dwrite(d.get(), TypeOf<T>::Memory(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                 "write " + dataset);
}

void Hdf5FileWriter::WriteStrings(const std::string& dataset, const std::vector<std::string>& values,
                                  std::vector<std::uint64_t> shape) {
  impl_->WriteFixedStrings(dataset, values, impl_->Dims(values.size(), shape, dataset));
}

void Hdf5FileWriter::WriteScalarString(const std::string& dataset, const std::string& value) {
  impl_->WriteFixedStrings(dataset, {value}, {});
}

template <typename T>
void Hdf5FileWriter::WriteAttribute(const std::string& object, const std::string& name, T value) {
  Id o = impl_->OpenForAttribute(object, name);
  Id space = impl_->Space({});
  Id a(impl_->Check(H5Acreate2(o.get(), name.c_str(), TypeOf<T>::File(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
                    "create attribute " + name),
       H5Aclose);
  impl_->Check(H5Awrite(a.get(), TypeOf<T>::Memory(), &value), "write attribute " + name);
}

void Hdf5FileWriter::WriteAttribute(const std::string& object, const std::string& name, const std::string& value) {
  Id o = impl_->OpenForAttribute(object, name);
  Id space = impl_->Space({});
  Id type = impl_->StringType(0, true);
  Id a(impl_->Check(H5Acreate2(o.get(), name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
                    "create attribute " + name),
       H5Aclose);
  const char* text = value.c_str();
  impl_->Check(H5Awrite(a.get(), type.get(), &text), "write attribute " + name);
}

void Hdf5FileWriter::Commit() {
  Impl& w = *impl_;
  w.Check(H5Fflush(w.file.get(), H5F_SCOPE_GLOBAL), "flush the file");
  if (!w.file.Close()) w.Fail("close the file");
  const int fd = ::open(w.tmp_path.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) {
    const std::string reason = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    throw OutputError("cannot write " + w.path + ": fsync failed: " + reason);
  }
  ::close(fd);
  if (std::rename(w.tmp_path.c_str(), w.path.c_str()) != 0)
    throw OutputError("cannot rename " + w.tmp_path + " to " + w.path + ": " + std::strerror(errno));
  w.committed = true;
  // So that a crash right after the rename cannot lose the new name.
  const std::string folder = fs::path(w.path).parent_path().empty() ? "." : fs::path(w.path).parent_path().string();
  if (const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY); dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

#define FIRESTORM_INSTANTIATE(T)                                                                        \
  template void Hdf5FileWriter::Write<T>(const std::string&, const std::vector<T>&, std::vector<std::uint64_t>); \
  template void Hdf5FileWriter::WriteAttribute<T>(const std::string&, const std::string&, T);
FIRESTORM_INSTANTIATE(std::uint8_t)
FIRESTORM_INSTANTIATE(std::uint32_t)
FIRESTORM_INSTANTIATE(std::uint64_t)
FIRESTORM_INSTANTIATE(std::int32_t)
FIRESTORM_INSTANTIATE(float)
FIRESTORM_INSTANTIATE(double)
#undef FIRESTORM_INSTANTIATE

}  // namespace firestorm
