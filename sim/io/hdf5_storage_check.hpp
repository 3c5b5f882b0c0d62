// Checks a dataset's storage records before libhdf5 trusts them. libhdf5 1.10 allocates
// each stored chunk at the size its index records, unchecked (one byte flipped to 0xFF asks
// for 4 GB), and copies a chunk whose size-changing filters were skipped as if it held the
// whole chunk (reading past its buffer). Private to the io module, like hdf5_handles.hpp.
#pragma once

#include <hdf5.h>

#include <string>
#include <vector>

namespace firestorm::hdf5 {

// Why the storage behind elements [start, start + extent) of `dataset` (stored as
// `file_type`, in `file`) cannot be right, or "" when it may be read. Each chunk the
// selection touches must lie inside the file and, unless a filter that shrinks data ran on
// it, fill a whole chunk. The work is one index lookup per chunk touched, far less than
// reading them.
std::string FindCorruptStorage(hid_t file, hid_t dataset, hid_t file_type,
                               const std::vector<hsize_t>& start,
                               const std::vector<hsize_t>& extent);

}  // namespace firestorm::hdf5
