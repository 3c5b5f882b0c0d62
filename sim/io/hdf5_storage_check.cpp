// Storage-record checks before a read (see hdf5_storage_check.hpp). H5Dget_chunk_info_by_coord
// exists with the same signature in HDF5 1.10.5 and later, 1.12 and 1.14.
#include "sim/io/hdf5_storage_check.hpp"

#include "sim/io/hdf5_handles.hpp"

namespace firestorm::hdf5 {
namespace {

constexpr hsize_t kMaxChunkBytes = hsize_t{1} << 32;  // HDF5's limit on one chunk

// Filter-mask bits of the filters in the pipeline that may make a chunk smaller; a chunk
// that skipped all of them holds at least the chunk's raw bytes.
unsigned ShrinkingFilters(hid_t dcpl) {
  unsigned bits = 0;
  const int filters = H5Pget_nfilters(dcpl);
  for (int i = 0; i < filters && i < 32; ++i) {
    unsigned flags = 0;
    std::size_t values = 0;
    const H5Z_filter_t id = H5Pget_filter2(dcpl, static_cast<unsigned>(i), &flags, &values,
                                           nullptr, 0, nullptr, nullptr);
    if (id != H5Z_FILTER_SHUFFLE && id != H5Z_FILTER_FLETCHER32) bits |= 1u << i;
  }
  return bits;
}

std::string CheckChunks(hid_t dataset, hid_t dcpl, hsize_t element_bytes, hsize_t file_size,
                        const std::vector<hsize_t>& start, const std::vector<hsize_t>& extent) {
  const int rank = static_cast<int>(extent.size());
  std::vector<hsize_t> chunk(extent.size());
  if (rank == 0 || H5Pget_chunk(dcpl, rank, chunk.data()) != rank)
    return " has no readable chunk shape";
  hsize_t chunk_bytes = element_bytes;
  for (hsize_t c : chunk) {
    if (c == 0 || chunk_bytes > kMaxChunkBytes / c) return " has an impossible chunk shape";
    chunk_bytes *= c;
  }
  const unsigned shrinking = ShrinkingFilters(dcpl);
  // Visit the chunks holding the selection: an odometer over their first coordinates.
  std::vector<hsize_t> first(chunk.size());
  for (std::size_t d = 0; d < chunk.size(); ++d) first[d] = start[d] / chunk[d] * chunk[d];
  std::vector<hsize_t> offset = first;
  for (;;) {
    unsigned mask = 0;
    haddr_t address = HADDR_UNDEF;
    hsize_t size = 0;
    if (H5Dget_chunk_info_by_coord(dataset, offset.data(), &mask, &address, &size) < 0)
      return " has an unreadable chunk index";
    if (address != HADDR_UNDEF &&
        (address > file_size || size > file_size - address ||
         ((mask & shrinking) == shrinking && size < chunk_bytes)))
      return " has a chunk record that fits neither its chunk nor the file";
    std::size_t d = chunk.size();
    do {
      --d;
      offset[d] += chunk[d];
      if (offset[d] < start[d] + extent[d]) break;
      offset[d] = first[d];
      if (d == 0) return {};
    } while (true);
  }
}

}  // namespace

std::string FindCorruptStorage(hid_t file, hid_t dataset, hid_t file_type,
                               const std::vector<hsize_t>& start,
                               const std::vector<hsize_t>& extent) {
  hsize_t file_size = 0;
  if (H5Fget_filesize(file, &file_size) < 0) return " lies in a file of unknown size";
  Handle dcpl(H5Dget_create_plist(dataset), H5Pclose);
  if (!dcpl.valid()) return " has no readable layout";
  // Contiguous and compact data go straight into the caller's buffer (through a bounded
  // sieve buffer), so their recorded sizes cannot make libhdf5 allocate or copy too much.
  if (H5Pget_layout(dcpl.get()) != H5D_CHUNKED) return {};
  for (hsize_t e : extent)
    if (e == 0) return {};
  return CheckChunks(dataset, dcpl.get(), H5Tget_size(file_type), file_size, start, extent);
}

}  // namespace firestorm::hdf5
