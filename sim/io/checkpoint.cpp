// Checkpoint files (checkpoint.hpp). Writing streams through a buffer that hashes each
// block before it goes to disk, so a checkpoint of any size needs no second copy in memory;
// reading checks the hash in a first pass and parses in a second.
#include "sim/io/checkpoint.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <streambuf>

#include "sim/core/error.hpp"
#include "sim/dynamics/simulation.hpp"
#include "sim/dynamics/simulation_state_io.hpp"
#include "sim/io/config_yaml.hpp"

namespace firestorm {
namespace {

namespace fs = std::filesystem;

constexpr std::array<char, 16> kMagic = {'F', 'I', 'R', 'E', 'S', 'T', 'O', 'R',
                                         'M', '-', 'C', 'K', 'P', 'T', '\n', '\0'};
constexpr std::array<char, 8> kEndMarker = {'C', 'K', 'P', 'T', '-', 'E', 'N', 'D'};
constexpr std::uint32_t kCheckpointVersion = 1;
constexpr std::size_t kBlock = std::size_t{1} << 20;  // a multiple of 8: see Hash64
constexpr std::size_t kTrailer = sizeof(std::uint64_t) + kEndMarker.size();

// A fast 64-bit hash of a byte sequence fed in blocks whose sizes are multiples of 8 (the
// last one excepted). It detects truncation and corruption; it is not cryptographic.
class Hash64 {
 public:
  void Update(const char* data, std::size_t size) {
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
      std::uint64_t word;
      std::memcpy(&word, data + i, 8);
      Mix(word);
    }
    if (i < size) {
      std::uint64_t word = 0;
      std::memcpy(&word, data + i, size - i);
      Mix(word ^ (std::uint64_t{size - i} << 59));
    }
    length_ += size;
  }
  std::uint64_t Final() const {
    std::uint64_t h = state_ ^ length_;
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    return h;
  }

 private:
  void Mix(std::uint64_t word) {
    state_ = (state_ ^ word) * 0x9E3779B97F4A7C15ull;
    state_ ^= state_ >> 29;
  }
  std::uint64_t state_ = 0x6A09E667F3BCC908ull;
  std::uint64_t length_ = 0;
};

// Output to a FILE*, hashed block by block.
class HashingFileBuf : public std::streambuf {
 public:
  explicit HashingFileBuf(std::FILE* file) : file_(file), buffer_(kBlock) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }
  // Writes what is buffered; returns the hash of everything written, or false on error.
  bool Finish(std::uint64_t& hash) {
    if (!Drain()) return false;
    hash = hash_.Final();
    return true;
  }
  int error() const { return error_; }  // errno of the failed write, or 0

 protected:
  int_type overflow(int_type ch) override {
    if (!Drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }

 private:
  bool Drain() {
    const auto size = static_cast<std::size_t>(pptr() - pbase());
    hash_.Update(pbase(), size);
    const bool ok = size == 0 || std::fwrite(pbase(), 1, size, file_) == size;
    if (!ok && error_ == 0) error_ = errno != 0 ? errno : EIO;
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return ok;
  }
  std::FILE* file_;
  int error_ = 0;
  std::vector<char> buffer_;
  Hash64 hash_;
};

void WriteSnapshot(const SnapshotCopy& s, state_io::Writer& out) {
  out.Value(s.tick);
  out.Value<std::uint64_t>(s.state.size());
  for (const auto& column : s.state) out.Vector(column);
  out.Vector(s.outrage);
  out.Vector(s.trust);
  out.Vector(s.opinion);
}

SnapshotCopy ReadSnapshot(state_io::Reader& in) {
  SnapshotCopy s;
  s.tick = in.Value<Tick>();
  const auto narratives = in.Value<std::uint64_t>();
  if (narratives > 256) throw StateFormatError("a snapshot has more than 256 narratives");
  s.state.resize(static_cast<std::size_t>(narratives));
  for (auto& column : s.state) column = in.Vector<std::uint8_t>();
  in.VectorInto(s.outrage);
  in.VectorInto(s.trust);
  in.VectorInto(s.opinion);
  return s;
}

[[noreturn]] void WriteFailed(const std::string& path, const std::string& reason) {
  throw OutputError("cannot write the checkpoint " + path + ": " + reason);
}

[[noreturn]] void Refuse(const std::string& path, const std::string& what, const std::string& hint) {
  throw InputError({path, 0, 0}, what, hint);
}

// So that the rename itself survives a crash.
void SyncFolder(const fs::path& folder) {
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  ::fsync(fd);  // best effort: some filesystems refuse fsync on folders
  ::close(fd);
}

}  // namespace

SnapshotCopy SnapshotCopy::Of(Tick tick, const PopulationState& population) {
  SnapshotCopy s;
  s.tick = tick;
  for (const NarrativeColumns& c : population.narratives) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(c.state.data());
    s.state.emplace_back(bytes, bytes + c.state.size());
  }
  s.outrage = population.outrage;
  s.trust = population.trust;
  s.opinion = population.opinion;
  return s;
}

void SnapshotCopy::CopyInto(PopulationState& population) const {
  population.narratives.resize(state.size());
  for (std::size_t k = 0; k < state.size(); ++k) {
    auto& column = population.narratives[k].state;
    column.resize(state[k].size());
    std::memcpy(column.data(), state[k].data(), state[k].size());
  }
  population.outrage = outrage;
  population.trust = trust;
  population.opinion = opinion;
}

void WriteCheckpoint(const std::string& path, const CheckpointRun& run, const Simulation& sim) {
  const fs::path destination(path);
  const fs::path folder = destination.parent_path();
  std::error_code ec;
  if (!folder.empty() && !fs::is_directory(folder, ec))
    WriteFailed(path, "the folder " + folder.string() + " does not exist");
  const std::string tmp = path + ".tmp";
  std::FILE* file = std::fopen(tmp.c_str(), "wb");
  if (file == nullptr) WriteFailed(path, std::strerror(errno));
  const auto abandon = [&](const std::string& reason) {
    std::fclose(file);
    std::remove(tmp.c_str());
    WriteFailed(path, reason);
  };
  HashingFileBuf buffer(file);
  std::uint64_t hash = 0;
  try {
    std::ostream stream(&buffer);
    state_io::Writer out(stream);
    out.Bytes(kMagic.data(), kMagic.size());
    out.Value(kCheckpointVersion);
    out.String(run.firestorm_version);
    out.String(run.git_revision);
    out.String(run.scenario_file);
    out.String(run.scenario_yaml);
    out.String(run.output);
    out.Value<std::uint8_t>(run.force ? 1 : 0);
    out.String(run.checkpoint);
    out.Value(run.checkpoint_every);
    out.Vector(run.initial_opinion);
    out.Vector(run.initial_trust);
    out.Vector(run.initial_outrage);
    out.Value<std::uint64_t>(run.snapshots.size());
    for (const SnapshotCopy& s : run.snapshots) WriteSnapshot(s, out);
    SimulationStateIo::Save(sim, out);
    stream.flush();
  } catch (const std::exception& e) {
    abandon(buffer.error() != 0 ? std::strerror(buffer.error()) : e.what());
  }
  errno = 0;
  if (!buffer.Finish(hash) || std::fwrite(&hash, sizeof hash, 1, file) != 1 ||
      std::fwrite(kEndMarker.data(), 1, kEndMarker.size(), file) != kEndMarker.size() ||
      std::fflush(file) != 0 || ::fsync(::fileno(file)) != 0)
    abandon(std::strerror(buffer.error() != 0 ? buffer.error() : errno != 0 ? errno : EIO));
  if (std::fclose(file) != 0) {
    std::remove(tmp.c_str());
    WriteFailed(path, std::strerror(errno));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(tmp.c_str());
    WriteFailed(path, reason);
  }
  SyncFolder(folder);
}

LoadedCheckpoint::LoadedCheckpoint() = default;
LoadedCheckpoint::LoadedCheckpoint(LoadedCheckpoint&&) noexcept = default;
LoadedCheckpoint::~LoadedCheckpoint() = default;

LoadedCheckpoint ReadCheckpoint(const std::string& path) {
  const auto fail = [&](const std::string& what, const std::string& hint) { Refuse(path, what, hint); };
  const std::string damaged = "the checkpoint is damaged; resume from an earlier copy or start the run again";
  std::error_code ec;
  if (!fs::exists(path, ec)) fail("no such checkpoint", "checkpoints are written by `firestorm run --checkpoint-every`");
  if (fs::is_directory(path, ec)) fail("is a folder, not a checkpoint", "name the checkpoint file");
  const std::uint64_t size = fs::file_size(path, ec);
  if (ec) fail("cannot read the checkpoint: " + ec.message(), "check its permissions");
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(std::string("cannot open the checkpoint: ") + std::strerror(errno), "check its permissions");

  // Pass 1: the magic, then the hash of everything before the trailer.
  std::array<char, kMagic.size()> magic{};
  if (size < kMagic.size() + kTrailer || !in.read(magic.data(), magic.size()) || magic != kMagic)
    fail("not a Firestorm checkpoint", "checkpoints are written by `firestorm run --checkpoint-every`");
  in.seekg(0);
  Hash64 hash;
  std::vector<char> block(kBlock);
  for (std::uint64_t left = size - kTrailer; left > 0;) {
    const auto chunk = static_cast<std::size_t>(std::min<std::uint64_t>(left, kBlock));
    if (!in.read(block.data(), static_cast<std::streamsize>(chunk)))
      fail("cannot read the checkpoint (it changed while being read?)", damaged);
    hash.Update(block.data(), chunk);
    left -= chunk;
  }
  std::uint64_t stored = 0;
  std::array<char, kEndMarker.size()> end{};
  in.read(reinterpret_cast<char*>(&stored), sizeof stored);
  in.read(end.data(), end.size());
  if (!in || end != kEndMarker)
    fail("the checkpoint is truncated (its end marker is missing)", damaged);
  if (stored != hash.Final()) fail("the checkpoint is corrupt (its checksum does not match)", damaged);

  // Pass 2: parse.
  in.seekg(static_cast<std::streamoff>(kMagic.size()));
  state_io::Reader r(in, size - kMagic.size() - kTrailer);
  LoadedCheckpoint loaded;
  CheckpointRun& run = loaded.run;
  try {
    const auto version = r.Value<std::uint32_t>();
    if (version != kCheckpointVersion)
      fail("checkpoint format " + std::to_string(version) + ", this build reads format " +
               std::to_string(kCheckpointVersion),
           "resume with the Firestorm version that wrote it, or start the run again");
    run.firestorm_version = r.String();
    run.git_revision = r.String();
    run.scenario_file = r.String();
    run.scenario_yaml = r.String();
    run.output = r.String();
    run.force = r.Value<std::uint8_t>() != 0;
    run.checkpoint = r.String();
    run.checkpoint_every = r.Value<Tick>();
    r.VectorInto(run.initial_opinion);
    r.VectorInto(run.initial_trust);
    r.VectorInto(run.initial_outrage);
    const auto snapshots = r.Value<std::uint64_t>();
    if (snapshots > r.left()) throw StateFormatError("more snapshots than bytes");
    for (std::uint64_t i = 0; i < snapshots; ++i) run.snapshots.push_back(ReadSnapshot(r));

    const fs::path folder = fs::path(run.scenario_file).parent_path();
    try {
      loaded.scenario = ParseScenario(run.scenario_yaml, run.scenario_file, folder.string());
    } catch (const InputError& e) {
      fail(std::string("the scenario saved in the checkpoint no longer loads:\n") + e.what(),
           "a graph file the scenario reads must still be where it was");
    }
    loaded.simulation =
        std::make_unique<Simulation>(SimulationStateIo::Load(loaded.scenario, r));
    if (r.left() != 0) throw StateFormatError("unexpected bytes after the simulation state");
    const std::size_t n = loaded.simulation->population().num_agents();
    const std::size_t narratives = loaded.simulation->narratives().size();
    for (const auto* column : {&run.initial_opinion, &run.initial_trust, &run.initial_outrage})
      if (column->size() != n) throw StateFormatError("an initial column does not cover the population");
    for (const SnapshotCopy& s : run.snapshots) {
      if (s.state.size() != narratives || s.outrage.size() != n || s.trust.size() != n ||
          s.opinion.size() != n)
        throw StateFormatError("a snapshot does not cover the population");
      for (const auto& column : s.state)
        if (column.size() != n) throw StateFormatError("a snapshot does not cover the population");
    }
  } catch (const StateFormatError& e) {
    fail(std::string("cannot resume from this checkpoint: ") + e.what(), damaged);
  }
  return loaded;
}

}  // namespace firestorm
