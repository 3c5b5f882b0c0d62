// RAII ownership of HDF5 C API identifiers (hid_t) and the error handling shared by the run
// writer and reader. Private to the io module: only io/*.cpp include it, since HDF5 is linked
// PRIVATE to firestorm_io. Every HDF5 call returns a negative value on failure; callers turn
// that into an exception whose message says what failed, plus the reason HDF5 recorded on its
// error stack (for example the errno text "No space left on device").
#pragma once

#include <hdf5.h>

#include <string>
#include <utility>

namespace firestorm::hdf5 {

// Owns one identifier and closes it with the matching H5?close function.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);

  Handle() = default;
  Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  ~Handle() { Close(); }
  Handle(Handle&& other) noexcept
      : id_(std::exchange(other.id_, H5I_INVALID_HID)), closer_(other.closer_) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      Close();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
      closer_ = other.closer_;
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }

  // Gives up ownership without closing (see ~Hdf5RunWriter::Impl for why that is sometimes
  // the only safe thing to do).
  hid_t Release() { return std::exchange(id_, H5I_INVALID_HID); }

  // Closes now and reports whether HDF5 succeeded (closing a file flushes it, so this can fail
  // on a full disk). Closing an empty handle succeeds.
  bool Close() {
    if (id_ < 0) return true;
    const herr_t status = closer_(std::exchange(id_, H5I_INVALID_HID));
    return status >= 0;
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

// Called before any other HDF5 call of the io module. Turns off HDF5's automatic printing of
// its error stack to stderr for the calling thread (the stack is per thread in thread-safe
// builds), so failures reach the user once, as exceptions. And, when it runs before the
// library initializes (the io module is its only user), asks HDF5 not to close leftover
// identifiers at exit: after a failed close HDF5 1.10 keeps an identifier to a freed file
// and would crash there.
void PrepareLibrary();

// A one-line description of the most recent HDF5 failure on this thread, then clears the
// stack: the outermost message, plus the operating-system reason when HDF5 recorded one.
// Empty when HDF5 recorded nothing.
std::string TakeErrorMessage();

// Keeps HDF5's file locking but lets files open where the filesystem has no locks (some
// network filesystems), instead of failing with "unable to lock file" (HDF5 >= 1.10.7).
void TolerateMissingFileLocks(hid_t file_access_list);

// Short names of the HDF5 types the writer uses, for messages and for the reader's TypeName.
std::string DescribeType(hid_t type);

}  // namespace firestorm::hdf5
