// Error-stack reading and type naming shared by the HDF5 writer and reader
// (see hdf5_handles.hpp).
#include "sim/io/hdf5_handles.hpp"

#include <vector>

namespace firestorm::hdf5 {
namespace {

herr_t CollectDescription(unsigned /*depth*/, const H5E_error2_t* error, void* out) {
  auto* descriptions = static_cast<std::vector<std::string>*>(out);
  descriptions->emplace_back(error->desc != nullptr ? error->desc : "");
  return 0;
}

// The sec2 driver records failed system calls as "... error message = 'No space left ...'".
std::string SystemReason(const std::vector<std::string>& descriptions) {
  static const std::string kKey = "error message = '";
  for (const std::string& d : descriptions) {
    const std::size_t start = d.find(kKey);
    if (start == std::string::npos) continue;
    const std::size_t end = d.find('\'', start + kKey.size());
    if (end == std::string::npos) continue;
    return d.substr(start + kKey.size(), end - start - kKey.size());
  }
  return {};
}

}  // namespace

void PrepareLibrary() {
  H5dont_atexit();  // fails harmlessly once the library is initialized
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

std::string TakeErrorMessage() {
  std::vector<std::string> descriptions;  // outermost (the API call) first
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, CollectDescription, &descriptions);
  H5Eclear2(H5E_DEFAULT);
  if (descriptions.empty()) return {};
  std::string message = descriptions.front();
  const std::string reason = SystemReason(descriptions);
  if (!reason.empty()) message += " (" + reason + ")";
  return message;
}

void TolerateMissingFileLocks(hid_t file_access_list) {
#if H5_VERSION_GE(1, 10, 7)
  H5Pset_file_locking(file_access_list, /*use_file_locking=*/true, /*ignore_when_disabled=*/true);
#else
  (void)file_access_list;
#endif
}

std::string DescribeType(hid_t type) {
  switch (H5Tget_class(type)) {
    case H5T_STRING:
      return "string";
    case H5T_FLOAT:
      return "float" + std::to_string(8 * H5Tget_size(type));
    case H5T_INTEGER:
      return (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") +
             std::to_string(8 * H5Tget_size(type));
    default:
      return "other";
  }
}

}  // namespace firestorm::hdf5
