// Adds (or replaces) one group of an existing HDF5 file, safely: the file is copied to
// "<path>.viz.tmp", the copy is opened read-write, the group is deleted if present and
// written again, the copy is closed, fsynced and renamed over the original. A reader never
// sees a half-written file, and a failure leaves the original untouched.
//
// Objects are written as the run writer writes them (no modification times, file format
// pinned to HDF5 1.8), so two patches with the same content give identical data. The viewer
// stores its layout cache in /layout this way, and the drill its record in /drill.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace firestorm::viz {

class Hdf5GroupWriter {
 public:
  virtual ~Hdf5GroupWriter() = default;
  // Datasets named relative to the group (one level: "x", "edge_from").
  virtual void Write(const std::string& name, std::span<const std::uint32_t> values) = 0;
  virtual void Write(const std::string& name, std::span<const std::uint8_t> values) = 0;
  virtual void Write(const std::string& name, std::span<const float> values) = 0;
  virtual void Write(const std::string& name, std::span<const double> values) = 0;
  virtual void Write(const std::string& name, const std::vector<std::string>& values) = 0;
  // Attributes of the group.
  virtual void Attribute(const std::string& name, const std::string& value) = 0;
  virtual void Attribute(const std::string& name, std::uint32_t value) = 0;
  virtual void Attribute(const std::string& name, double value) = 0;
};

// Throws OutputError (with the reason) when the file cannot be copied, written or renamed.
void PatchHdf5Group(const std::string& path, const std::string& group,
                    const std::function<void(Hdf5GroupWriter&)>& write);

// Creates a new HDF5 file holding just `group` (a sidecar cache), by the same route.
void WriteHdf5GroupFile(const std::string& path, const std::string& group,
                        const std::function<void(Hdf5GroupWriter&)>& write);

}  // namespace firestorm::viz
