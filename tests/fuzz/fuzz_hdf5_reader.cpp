// Fuzz target: the HDF5 reader on corrupted and truncated run files. Hdf5Reader::OpenRun, then
// every group listed, every attribute and every dataset read in full with the C++ type its
// stored type maps to, and the snapshot rows read one by one, as analysis and the viewer do.
// Seeds are small run files; libFuzzer's mutations flip, insert, erase and truncate bytes.
// Properties: only InputErrors; a dataset's element count matches its shape.
// libhdf5 is not instrumented, so coverage guidance sees only our side of the calls: this
// target is closer to a random corruption test of the library than to guided fuzzing of it.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/io/hdf5_reader.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using firestorm::Hdf5Reader;
constexpr const char* kTarget = "fuzz_hdf5_reader";

std::uint64_t Elements(const std::vector<std::uint64_t>& shape) {
  std::uint64_t n = 1;
  for (std::uint64_t d : shape) n *= d;
  return n;
}

template <typename T>
void ReadDataset(const Hdf5Reader& r, const std::string& path,
                 const std::vector<std::uint64_t>& shape) {
  const std::vector<T> values = r.Read<T>(path);
  firestorm::fuzz::Check(values.size() == Elements(shape), kTarget,
                         path + ": element count differs from the shape");
  if (!shape.empty() && shape[0] > 0) {
    const std::vector<T> first = r.ReadRows<T>(path, 0, 1);
    const std::vector<T> last = r.ReadRows<T>(path, shape[0] - 1, 1);
    firestorm::fuzz::Check(first.size() == values.size() / shape[0], kTarget,
                           path + ": one row has the wrong element count");
    (void)last;
  }
}

template <typename T>
void ReadAttributeAs(const Hdf5Reader& r, const std::string& object, const std::string& name) {
  try {
    (void)r.ReadAttribute<T>(object, name);
  } catch (const firestorm::InputError&) {
    // e.g. an array attribute ("is not a single value"); the others may still be readable
  }
}

void ReadAttributes(const Hdf5Reader& r, const std::string& object) {
  for (const std::string& name : r.ListAttributes(object)) {
    const std::string type = r.AttributeTypeName(object, name);
    if (type == "string") ReadAttributeAs<std::string>(r, object, name);
    else if (type == "float32" || type == "float64") ReadAttributeAs<double>(r, object, name);
    else if (type == "int32") ReadAttributeAs<std::int32_t>(r, object, name);
    else if (type == "uint8" || type == "uint32" || type == "uint64")
      ReadAttributeAs<std::uint64_t>(r, object, name);
  }
}

void Walk(const Hdf5Reader& r, const std::string& group, int depth) {
  if (depth > 8) return;
  ReadAttributes(r, group);
  for (const std::string& name : r.ListGroup(group)) {
    const std::string path = (group == "/" ? "/" : group + "/") + name;
    if (r.IsGroup(path)) {
      Walk(r, path, depth + 1);
      continue;
    }
    if (!r.IsDataset(path)) continue;
    ReadAttributes(r, path);
    const std::vector<std::uint64_t> shape = r.Shape(path);
    const std::string type = r.TypeName(path);
    if (Elements(shape) > (std::uint64_t{1} << 24)) continue;  // the reader may allocate it
    if (type == "string") ReadDataset<std::string>(r, path, shape);
    else if (type == "uint8") ReadDataset<std::uint8_t>(r, path, shape);
    else if (type == "uint32") ReadDataset<std::uint32_t>(r, path, shape);
    else if (type == "uint64") ReadDataset<std::uint64_t>(r, path, shape);
    else if (type == "int32") ReadDataset<std::int32_t>(r, path, shape);
    else if (type == "float32") ReadDataset<float>(r, path, shape);
    else if (type == "float64") ReadDataset<double>(r, path, shape);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const firestorm::fuzz::InputFile file(".h5");
  firestorm::fuzz::ExpectOnlyInputErrors(kTarget, [&] {
    const Hdf5Reader reader = Hdf5Reader::OpenRun(file.Write(data, size));
    Walk(reader, "/", 0);
  });
  return 0;
}
