// Reads HDF5 datasets and attributes into std::vectors with the C API (see hdf5_reader.hpp).
// Only calls whose signatures are the same in HDF5 1.10, 1.12 and 1.14 are used (no
// H5Oget_info or H5Literate, whose callbacks changed), so the reader builds against any.
#include "sim/io/hdf5_reader.hpp"

#include <filesystem>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "sim/core/error.hpp"
#include "sim/io/hdf5_handles.hpp"
#include "sim/io/hdf5_storage_check.hpp"

namespace firestorm {
namespace {

using hdf5::Handle;

static_assert(std::is_same_v<hid_t, std::int64_t>, "Hdf5Reader stores hid_t as int64_t");

constexpr char kListHint[] = "`h5dump -H <file>` lists what the file holds";

template <typename T> hid_t NativeType();
template <> hid_t NativeType<std::uint8_t>() { return H5T_NATIVE_UINT8; }
template <> hid_t NativeType<std::uint32_t>() { return H5T_NATIVE_UINT32; }
template <> hid_t NativeType<std::uint64_t>() { return H5T_NATIVE_UINT64; }
template <> hid_t NativeType<std::int32_t>() { return H5T_NATIVE_INT32; }
template <> hid_t NativeType<float>() { return H5T_NATIVE_FLOAT; }
template <> hid_t NativeType<double>() { return H5T_NATIVE_DOUBLE; }

// Which object a raw read goes to: a dataset (with selections) or an attribute.
struct Source {
  hid_t id;
  bool attribute;
  hid_t memory_space = H5S_ALL, file_space = H5S_ALL;
};

herr_t Read(const Source& source, hid_t memory_type, void* buffer) {
  return source.attribute ? H5Aread(source.id, memory_type, buffer)
                          : H5Dread(source.id, memory_type, source.memory_space,
                                    source.file_space, H5P_DEFAULT, buffer);
}

// Fixed-length strings are cut at the first NUL (or trailing spaces for space padding).
std::string TrimFixed(const char* data, std::size_t width, H5T_str_t pad) {
  std::size_t length = 0;
  while (length < width && data[length] != '\0') ++length;
  if (pad == H5T_STR_SPACEPAD)
    while (length > 0 && data[length - 1] == ' ') --length;
  return std::string(data, length);
}

herr_t CollectAttributeName(hid_t, const char* name, const H5A_info_t*, void* out) {
  static_cast<std::vector<std::string>*>(out)->emplace_back(name);
  return 0;
}

// What one reader call needs: the open file, and errors phrased as InputErrors about it.
class Access {
 public:
  Access(const std::string& path, hid_t file) : path_(path), file_(file) {
    hdf5::PrepareLibrary();
  }

  [[noreturn]] void Fail(const std::string& what, const std::string& hint = {}) const {
    std::string message = what;
    const std::string reason = hdf5::TakeErrorMessage();
    if (!reason.empty()) message += ": " + reason;
    throw InputError(SourceLocation{path_, 0, 0}, message, hint);
  }
  template <typename Result>
  Result Check(Result result, const std::string& what) const {
    if (result < 0) Fail(what);
    return result;
  }

  bool Exists(const std::string& object) const {
    if (object.empty() || object[0] != '/') return false;
    if (object == "/") return true;
    // H5Lexists needs every intermediate group to exist, so check each prefix in turn.
    for (std::size_t slash = object.find('/', 1);; slash = object.find('/', slash + 1)) {
      const std::string prefix = object.substr(0, slash);
      if (H5Lexists(file_, prefix.c_str(), H5P_DEFAULT) <= 0) {
        hdf5::TakeErrorMessage();
        return false;
      }
      if (slash == std::string::npos) return true;
    }
  }

  H5I_type_t TypeOf(const std::string& object) const {
    if (!Exists(object)) return H5I_BADID;
    Handle o(H5Oopen(file_, object.c_str(), H5P_DEFAULT), H5Oclose);
    if (!o.valid()) Fail("cannot open " + object);
    return H5Iget_type(o.get());
  }

  Handle OpenObject(const std::string& object) const {
    if (!Exists(object)) Fail("no object " + object + " in this file", kListHint);
    return Handle(Check(H5Oopen(file_, object.c_str(), H5P_DEFAULT), "cannot open " + object),
                  H5Oclose);
  }
  Handle OpenDataset(const std::string& dataset) const {
    if (TypeOf(dataset) != H5I_DATASET) Fail("no dataset " + dataset + " in this file", kListHint);
    return Handle(Check(H5Dopen2(file_, dataset.c_str(), H5P_DEFAULT), "cannot open " + dataset),
                  H5Dclose);
  }
  Handle OpenAttribute(const std::string& object, const std::string& name) const {
    Handle o = OpenObject(object);
    if (H5Aexists(o.get(), name.c_str()) <= 0)
      Fail("no attribute '" + name + "' on " + object, kListHint);
    return Handle(Check(H5Aopen(o.get(), name.c_str(), H5P_DEFAULT),
                        "cannot open attribute '" + name + "' of " + object),
                  H5Aclose);
  }

  // Refuses a dataset whose storage records are corrupt before libhdf5 acts on them.
  void CheckStorage(hid_t dataset, hid_t file_type, const std::vector<hsize_t>& start,
                    const std::vector<hsize_t>& extent, const std::string& what) const {
    const std::string problem = hdf5::FindCorruptStorage(file_, dataset, file_type, start, extent);
    if (!problem.empty())
      Fail(what + problem, "the file is corrupt; rerun the simulation to write it again");
    hdf5::TakeErrorMessage();  // a lookup that failed harmlessly leaves nothing behind
  }

  std::vector<hsize_t> Dims(hid_t space, const std::string& what) const {
    const int rank = Check(H5Sget_simple_extent_ndims(space), "cannot read the shape of " + what);
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    Check(H5Sget_simple_extent_dims(space, dims.data(), nullptr), "cannot read the shape of " + what);
    return dims;
  }

  // Reads `count` elements of type T from `source`, whose stored type is `file_type`.
  template <typename T>
  std::vector<T> ReadElements(const Source& source, hid_t file_type, std::size_t count,
                              const std::string& what) const {
    const bool stored_as_string = H5Tget_class(file_type) == H5T_STRING;
    if (stored_as_string != std::is_same_v<T, std::string>)
      Fail(what + " holds " + hdf5::DescribeType(file_type) + " values, not " +
           (stored_as_string ? "numbers" : "strings"));
    std::vector<T> out(count);
    if (count == 0) return out;
    if constexpr (std::is_same_v<T, std::string>) {
      Handle memory_type(Check(H5Tcopy(file_type), "cannot copy a string type"), H5Tclose);
      if (H5Tis_variable_str(file_type) > 0) {
        std::vector<char*> pointers(count, nullptr);
        if (Read(source, memory_type.get(), pointers.data()) < 0) {
          // A read that fails part way (a corrupt heap) may have allocated some strings.
          for (char* p : pointers) H5free_memory(p);
          Fail("cannot read " + what);
        }
        for (std::size_t i = 0; i < count; ++i) {
          if (pointers[i] != nullptr) out[i] = pointers[i];
          H5free_memory(pointers[i]);
        }
      } else {
        const std::size_t width = H5Tget_size(file_type);
        const H5T_str_t pad = H5Tget_strpad(file_type);
        std::vector<char> buffer(count * width);
        Check(Read(source, memory_type.get(), buffer.data()), "cannot read " + what);
        for (std::size_t i = 0; i < count; ++i)
          out[i] = TrimFixed(buffer.data() + i * width, width, pad);
      }
    } else {
      Check(Read(source, NativeType<T>(), out.data()), "cannot read " + what);
    }
    return out;
  }

  const std::string& path_;
  hid_t file_;
};

std::size_t Product(const std::vector<hsize_t>& dims) {
  std::size_t p = 1;
  for (hsize_t d : dims) p *= static_cast<std::size_t>(d);
  return p;
}

}  // namespace

Hdf5Reader::Hdf5Reader(const std::string& path) : path_(path) {
  hdf5::PrepareLibrary();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    throw InputError(SourceLocation{path, 0, 0}, "no such file");
  if (std::filesystem::is_directory(path, ec))
    throw InputError(SourceLocation{path, 0, 0}, "is a folder, not an HDF5 file");
  const htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
  if (is_hdf5 == 0)
    throw InputError(SourceLocation{path, 0, 0}, "not an HDF5 file",
                     "the file may be corrupt, or not an output of Firestorm");
  const Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
  if (fapl.valid()) hdf5::TolerateMissingFileLocks(fapl.get());
  const hid_t file = is_hdf5 > 0 ? H5Fopen(path.c_str(), H5F_ACC_RDONLY,
                                           fapl.valid() ? fapl.get() : H5P_DEFAULT)
                                 : -1;
  if (file < 0)
    throw InputError(SourceLocation{path, 0, 0},
                     "cannot open the HDF5 file: " + hdf5::TakeErrorMessage(),
                     "the file may be truncated or corrupt (was the run interrupted?)");
  file_ = file;
}

Hdf5Reader Hdf5Reader::OpenRun(const std::string& path) {
  Hdf5Reader reader(path);
  const std::string hint = "this does not look like a Firestorm run file";
  if (!reader.HasAttribute("/", "format") ||
      reader.ReadAttribute<std::string>("/", "format") != kRunFormat)
    throw InputError(SourceLocation{path, 0, 0},
                     std::string("the root attribute 'format' is not \"") + kRunFormat + "\"", hint);
  const auto version = reader.ReadAttribute<std::uint32_t>("/", "format_version");
  if (version > kRunFormatVersion)
    throw InputError(SourceLocation{path, 0, 0},
                     "format_version " + std::to_string(version) + " is newer than this build reads (" +
                         std::to_string(kRunFormatVersion) + ")",
                     "upgrade Firestorm to read this file");
  return reader;
}

Hdf5Reader::~Hdf5Reader() {
  if (file_ >= 0) H5Fclose(file_);
}

Hdf5Reader::Hdf5Reader(Hdf5Reader&& other) noexcept
    : path_(std::move(other.path_)), file_(std::exchange(other.file_, -1)) {}

Hdf5Reader& Hdf5Reader::operator=(Hdf5Reader&& other) noexcept {
  if (this != &other) {
    if (file_ >= 0) H5Fclose(file_);
    path_ = std::move(other.path_);
    file_ = std::exchange(other.file_, -1);
  }
  return *this;
}

bool Hdf5Reader::Exists(const std::string& object) const {
  return Access(path_, file_).Exists(object);
}

bool Hdf5Reader::IsGroup(const std::string& object) const {
  return Access(path_, file_).TypeOf(object) == H5I_GROUP;
}

bool Hdf5Reader::IsDataset(const std::string& object) const {
  return Access(path_, file_).TypeOf(object) == H5I_DATASET;
}

std::vector<std::string> Hdf5Reader::ListGroup(const std::string& group) const {
  const Access access(path_, file_);
  if (access.TypeOf(group) != H5I_GROUP) access.Fail("no group " + group + " in this file", kListHint);
  Handle g(access.Check(H5Gopen2(file_, group.c_str(), H5P_DEFAULT), "cannot open " + group),
           H5Gclose);
  H5G_info_t info;
  access.Check(H5Gget_info(g.get(), &info), "cannot list " + group);
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t length = access.Check(
        H5Lget_name_by_idx(g.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT),
        "cannot list " + group);
    std::string name(static_cast<std::size_t>(length) + 1, '\0');
    access.Check(H5Lget_name_by_idx(g.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(),
                                    name.size(), H5P_DEFAULT),
                 "cannot list " + group);
    name.resize(static_cast<std::size_t>(length));
    names.push_back(std::move(name));
  }
  return names;
}

std::vector<std::string> Hdf5Reader::ListAttributes(const std::string& object) const {
  const Access access(path_, file_);
  Handle o = access.OpenObject(object);
  std::vector<std::string> names;
  hsize_t index = 0;
  access.Check(H5Aiterate2(o.get(), H5_INDEX_NAME, H5_ITER_INC, &index, CollectAttributeName,
                           &names),
               "cannot list the attributes of " + object);
  return names;
}

bool Hdf5Reader::HasAttribute(const std::string& object, const std::string& name) const {
  const Access access(path_, file_);
  Handle o = access.OpenObject(object);
  return access.Check(H5Aexists(o.get(), name.c_str()), "cannot look up attribute " + name) > 0;
}

std::vector<std::uint64_t> Hdf5Reader::Shape(const std::string& dataset) const {
  const Access access(path_, file_);
  Handle d = access.OpenDataset(dataset);
  Handle space(access.Check(H5Dget_space(d.get()), "cannot read " + dataset), H5Sclose);
  const std::vector<hsize_t> dims = access.Dims(space.get(), dataset);
  return {dims.begin(), dims.end()};
}

std::string Hdf5Reader::TypeName(const std::string& dataset) const {
  const Access access(path_, file_);
  Handle d = access.OpenDataset(dataset);
  Handle type(access.Check(H5Dget_type(d.get()), "cannot read the type of " + dataset), H5Tclose);
  return hdf5::DescribeType(type.get());
}

std::string Hdf5Reader::AttributeTypeName(const std::string& object,
                                          const std::string& name) const {
  const Access access(path_, file_);
  Handle a = access.OpenAttribute(object, name);
  Handle type(access.Check(H5Aget_type(a.get()), "cannot read the type of attribute " + name),
              H5Tclose);
  return hdf5::DescribeType(type.get());
}

template <typename T>
std::vector<T> Hdf5Reader::Read(const std::string& dataset) const {
  const Access access(path_, file_);
  Handle d = access.OpenDataset(dataset);
  Handle space(access.Check(H5Dget_space(d.get()), "cannot read " + dataset), H5Sclose);
  Handle type(access.Check(H5Dget_type(d.get()), "cannot read " + dataset), H5Tclose);
  const std::vector<hsize_t> dims = access.Dims(space.get(), dataset);
  access.CheckStorage(d.get(), type.get(), std::vector<hsize_t>(dims.size(), 0), dims, dataset);
  const std::size_t count = Product(dims);
  return access.ReadElements<T>(Source{d.get(), false}, type.get(), count, dataset);
}

template <typename T>
std::vector<T> Hdf5Reader::ReadRows(const std::string& dataset, std::uint64_t first,
                                    std::uint64_t count) const {
  const Access access(path_, file_);
  Handle d = access.OpenDataset(dataset);
  Handle space(access.Check(H5Dget_space(d.get()), "cannot read " + dataset), H5Sclose);
  Handle type(access.Check(H5Dget_type(d.get()), "cannot read " + dataset), H5Tclose);
  std::vector<hsize_t> dims = access.Dims(space.get(), dataset);
  if (dims.empty() || first > dims[0] || count > dims[0] - first)
    throw std::out_of_range("Hdf5Reader::ReadRows: rows [" + std::to_string(first) + ", " +
                            std::to_string(first + count) + ") outside " + dataset);
  std::vector<hsize_t> start(dims.size(), 0);
  start[0] = first;
  dims[0] = count;
  if (Product(dims) == 0) return {};
  access.CheckStorage(d.get(), type.get(), start, dims, dataset);
  access.Check(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start.data(), nullptr,
                                   dims.data(), nullptr),
               "cannot select rows of " + dataset);
  Handle memory(access.Check(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                             "cannot create a dataspace"),
                H5Sclose);
  return access.ReadElements<T>(Source{d.get(), false, memory.get(), space.get()}, type.get(),
                                Product(dims), dataset);
}

template <typename T>
T Hdf5Reader::ReadAttribute(const std::string& object, const std::string& name) const {
  const Access access(path_, file_);
  Handle a = access.OpenAttribute(object, name);
  Handle space(access.Check(H5Aget_space(a.get()), "cannot read attribute " + name), H5Sclose);
  Handle type(access.Check(H5Aget_type(a.get()), "cannot read attribute " + name), H5Tclose);
  const std::string what = "attribute '" + name + "' of " + object;
  if (H5Sget_simple_extent_npoints(space.get()) != 1) access.Fail(what + " is not a single value");
  return access.ReadElements<T>(Source{a.get(), true}, type.get(), 1, what).front();
}

#define FIRESTORM_HDF5_READER_INSTANTIATE(T)                                                \
  template std::vector<T> Hdf5Reader::Read<T>(const std::string&) const;                   \
  template std::vector<T> Hdf5Reader::ReadRows<T>(const std::string&, std::uint64_t,        \
                                                  std::uint64_t) const;                     \
  template T Hdf5Reader::ReadAttribute<T>(const std::string&, const std::string&) const;
FIRESTORM_HDF5_READER_INSTANTIATE(std::uint8_t)
FIRESTORM_HDF5_READER_INSTANTIATE(std::uint32_t)
FIRESTORM_HDF5_READER_INSTANTIATE(std::uint64_t)
FIRESTORM_HDF5_READER_INSTANTIATE(std::int32_t)
FIRESTORM_HDF5_READER_INSTANTIATE(float)
FIRESTORM_HDF5_READER_INSTANTIATE(double)
FIRESTORM_HDF5_READER_INSTANTIATE(std::string)
#undef FIRESTORM_HDF5_READER_INSTANTIATE

}  // namespace firestorm
