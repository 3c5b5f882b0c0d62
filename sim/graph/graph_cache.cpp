// The .fsg graph file: writing (temporary file, then rename), mapping and checking, and the
// cache lookup by spec key. See graph_cache.hpp for the layout.
#include "sim/graph/graph_cache.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <oneapi/tbb/parallel_for.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include "sim/core/error.hpp"

namespace firestorm {
namespace {

namespace fs = std::filesystem;

constexpr char kMagic[8] = {'F', 'S', 'G', 'R', 'A', 'P', 'H', '\0'};
constexpr std::uint32_t kVersion = 1;
constexpr std::uint64_t kHeaderBytes = 4096;
constexpr std::uint64_t kAlign = 4096;
constexpr std::size_t kChecksumBlock = std::size_t{1} << 20;

struct Header {
  char magic[8];
  std::uint32_t version;
  std::uint32_t header_bytes;
  std::uint64_t agents;
  std::uint64_t edges;
  std::uint64_t communities;  // entries of the community array: 0 or agents
  std::uint64_t key;
  std::uint64_t offsets_pos, targets_pos, community_pos;
  std::uint64_t file_bytes;
  std::uint64_t data_checksum;
  char description[3072];
  std::uint64_t header_checksum;  // of every byte above
};
static_assert(sizeof(Header) <= kHeaderBytes);

std::uint64_t AlignUp(std::uint64_t x) { return (x + kAlign - 1) / kAlign * kAlign; }

std::uint64_t Mix(std::uint64_t h, std::uint64_t word) {
  h ^= word + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  h *= 0xbf58476d1ce4e5b9ULL;
  return h ^ (h >> 31);
}

// One block: whole 8-byte words, then the tail bytes.
std::uint64_t HashBlock(const unsigned char* p, std::size_t bytes, std::uint64_t h) {
  std::size_t i = 0;
  for (; i + 8 <= bytes; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    h = Mix(h, w);
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, p + i, bytes - i);
  return Mix(h, tail ^ bytes);
}

// Hashes [data, data + bytes) in parallel 1 MiB blocks, combined in block order.
std::uint64_t Checksum(const void* data, std::uint64_t bytes) {
  const auto* p = static_cast<const unsigned char*>(data);
  const std::size_t blocks = (bytes + kChecksumBlock - 1) / kChecksumBlock;
  std::vector<std::uint64_t> block_hash(blocks);
  tbb::parallel_for(std::size_t{0}, blocks, [&](std::size_t b) {
    const std::size_t first = b * kChecksumBlock;
    block_hash[b] = HashBlock(p + first, std::min<std::uint64_t>(kChecksumBlock, bytes - first), b);
  });
  std::uint64_t h = bytes;
  for (std::uint64_t x : block_hash) h = Mix(h, x);
  return h;
}

std::uint64_t HeaderChecksum(const Header& h) {
  return HashBlock(reinterpret_cast<const unsigned char*>(&h), offsetof(Header, header_checksum),
                   0x46534721u);
}

std::uint64_t Fnv1a(const std::string& text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string Num(double v) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

// A file's identity for the key: absolute path, size and modification time.
std::string FileIdentity(const std::string& path) {
  if (path.empty()) return "none";
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec).lexically_normal();
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return absolute.string() + " missing";
  return absolute.string() + " bytes=" + std::to_string(st.st_size) +
         " mtime=" + std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
}

class FileWriter {
 public:
  explicit FileWriter(std::string path) : path_(std::move(path)) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd_ < 0) Fail("cannot create it");
  }
  ~FileWriter() {
    if (fd_ >= 0) ::close(fd_);
  }
  void Write(const void* data, std::uint64_t bytes) {
    const auto* p = static_cast<const char*>(data);
    while (bytes > 0) {
      const ssize_t n = ::write(fd_, p, std::min<std::uint64_t>(bytes, std::uint64_t{1} << 30));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) Fail("write failed");
      p += n;
      bytes -= static_cast<std::uint64_t>(n);
      written_ += static_cast<std::uint64_t>(n);
    }
  }
  void PadTo(std::uint64_t position) {
    static const std::array<char, kAlign> kZeros{};
    while (written_ < position) Write(kZeros.data(), std::min<std::uint64_t>(kAlign, position - written_));
  }
  void WriteAt(std::uint64_t position, const void* data, std::size_t bytes) {
    if (::pwrite(fd_, data, bytes, static_cast<off_t>(position)) != static_cast<ssize_t>(bytes))
      Fail("write failed");
  }
  void Close() {
    if (::fsync(fd_) != 0) Fail("fsync failed");
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) Fail("close failed");
  }

 private:
  [[noreturn]] void Fail(const std::string& what) const {
    throw OutputError("cannot write graph file " + path_ + ": " + what + " (" +
                      std::strerror(errno) + ")");
  }
  std::string path_;
  int fd_ = -1;
  std::uint64_t written_ = 0;
};

// A read-only mapping of a whole file, unmapped when the last StoredGraph using it goes.
struct Mapping {
  void* data = nullptr;
  std::size_t bytes = 0;
  Mapping() = default;
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  ~Mapping() {
    if (data != nullptr && bytes > 0) ::munmap(data, bytes);
  }
};

}  // namespace

std::string DescribeGraphSpec(const GraphSpec& s, std::uint64_t seed) {
  std::string d;
  switch (s.generator) {
    case GraphGenerator::kErdosRenyi:
      d = "erdos_renyi agents=" + std::to_string(s.agents) + " mean_followers=" +
          Num(s.mean_followers) + " mutual=" + (s.mutual ? "1" : "0");
      break;
    case GraphGenerator::kBarabasiAlbert:
      d = "barabasi_albert agents=" + std::to_string(s.agents) +
          " attach_edges=" + std::to_string(s.attach_edges);
      break;
    case GraphGenerator::kWattsStrogatz:
      d = "watts_strogatz agents=" + std::to_string(s.agents) + " mean_followers=" +
          Num(s.mean_followers) + " rewire_probability=" + Num(s.rewire_probability);
      break;
    case GraphGenerator::kEchoChambers:
      d = "echo_chambers agents=" + std::to_string(s.agents) + " mean_followers=" +
          Num(s.mean_followers) + " communities=" + std::to_string(s.communities) +
          " homophily=" + Num(s.homophily) + " degree_exponent=" + Num(s.degree_exponent);
      break;
    case GraphGenerator::kFile:
      return "file " + FileIdentity(s.file) + " format=" +
             std::to_string(static_cast<int>(s.format)) +
             " orientation=" + std::to_string(static_cast<int>(s.orientation)) +
             " mutual=" + (s.mutual ? "1" : "0") + " community_attribute=" + s.community_attribute +
             " community_file=" + FileIdentity(s.community_file);
  }
  return d + " seed=" + std::to_string(seed) + " generator_version=1";
}

std::uint64_t GraphSpecKey(const GraphSpec& spec, std::uint64_t seed) {
  return Fnv1a(DescribeGraphSpec(spec, seed));
}

std::string GraphCachePath(const std::string& folder, const GraphSpec& spec, std::uint64_t seed) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(GraphSpecKey(spec, seed)));
  return (fs::path(folder) / ("graph-" + std::string(hex) + kGraphCacheExtension)).string();
}

void WriteGraphCache(const std::string& path, const StoredGraph& graph, std::uint64_t key,
                     const std::string& description) {
  const GraphView& v = graph.view();
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.version = kVersion;
  h.header_bytes = kHeaderBytes;
  h.agents = v.num_agents;
  h.edges = v.num_edges;
  h.communities = graph.community().size();
  h.key = key;
  const std::uint64_t offsets_bytes = (h.agents + 1) * sizeof(EdgeIndex);
  const std::uint64_t targets_bytes = h.edges * sizeof(AgentId);
  const std::uint64_t community_bytes = h.communities * sizeof(CommunityId);
  h.offsets_pos = kHeaderBytes;
  h.targets_pos = AlignUp(h.offsets_pos + offsets_bytes);
  h.community_pos = AlignUp(h.targets_pos + targets_bytes);
  h.file_bytes = h.community_pos + community_bytes;
  std::uint64_t sum = Checksum(v.offsets, offsets_bytes);
  sum = Mix(sum, Checksum(v.targets, targets_bytes));
  sum = Mix(sum, Checksum(graph.community().data(), community_bytes));
  h.data_checksum = sum;
  std::snprintf(h.description, sizeof h.description, "%s", description.c_str());
  h.header_checksum = HeaderChecksum(h);

  const std::string tmp = path + ".tmp";
  try {
    FileWriter out(tmp);
    out.Write(&h, sizeof h);
    out.PadTo(h.offsets_pos);
    out.Write(v.offsets, offsets_bytes);
    out.PadTo(h.targets_pos);
    out.Write(v.targets, targets_bytes);
    out.PadTo(h.community_pos);
    out.Write(graph.community().data(), community_bytes);
    out.Close();
  } catch (...) {
    std::remove(tmp.c_str());
    throw;
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(tmp.c_str());
    throw OutputError("cannot rename " + tmp + " to " + path + ": " + reason);
  }
}

StoredGraph ReadGraphCache(const std::string& path, std::optional<std::uint64_t> expected_key) {
  const auto fail = [&](const std::string& what) -> void {
    throw InputError({path, 0, 0}, "not a usable Firestorm graph file: " + what,
                     "regenerate it (delete the file; a cache folder refills itself)");
  };
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0)
    throw InputError({path, 0, 0}, std::string("cannot open graph file: ") + std::strerror(errno),
                     "check the path and its permissions");
  struct stat st {};
  const bool stat_ok = ::fstat(fd, &st) == 0;
  const auto size = stat_ok ? static_cast<std::uint64_t>(st.st_size) : 0;
  auto mapping = std::make_shared<Mapping>();
  if (size >= kHeaderBytes) {
    void* p = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
    if (p != MAP_FAILED) {
      mapping->data = p;
      mapping->bytes = size;
    }
  }
  ::close(fd);
  if (size < kHeaderBytes) fail("shorter than its header");
  if (mapping->data == nullptr) fail("cannot map it into memory");
  Header h;
  std::memcpy(&h, mapping->data, sizeof h);
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0) fail("wrong magic number");
  if (h.version != kVersion)
    fail("format version " + std::to_string(h.version) + ", this build reads " +
         std::to_string(kVersion));
  if (h.header_checksum != HeaderChecksum(h)) fail("the header checksum does not match");
  if (expected_key && h.key != *expected_key) fail("it was made for another graph spec");
  if (h.agents >= kNoAgent || (h.communities != 0 && h.communities != h.agents))
    fail("inconsistent sizes in the header");
  const std::uint64_t offsets_bytes = (h.agents + 1) * sizeof(EdgeIndex);
  const std::uint64_t targets_bytes = h.edges * sizeof(AgentId);
  const std::uint64_t community_bytes = h.communities * sizeof(CommunityId);
  if (h.offsets_pos % kAlign != 0 || h.targets_pos % kAlign != 0 ||
      h.community_pos % kAlign != 0 || h.offsets_pos + offsets_bytes > h.targets_pos ||
      h.targets_pos + targets_bytes > h.community_pos ||
      h.community_pos + community_bytes != h.file_bytes)
    fail("inconsistent array positions in the header");
  if (h.file_bytes != size)
    fail("the file has " + std::to_string(size) + " bytes, its header says " +
         std::to_string(h.file_bytes) + " (truncated?)");
  const auto* base = static_cast<const unsigned char*>(mapping->data);
  GraphView view;
  view.num_agents = static_cast<AgentId>(h.agents);
  view.num_edges = h.edges;
  view.offsets = reinterpret_cast<const EdgeIndex*>(base + h.offsets_pos);
  view.targets = reinterpret_cast<const AgentId*>(base + h.targets_pos);
  const auto* community = reinterpret_cast<const CommunityId*>(base + h.community_pos);
  std::uint64_t sum = Checksum(view.offsets, offsets_bytes);
  sum = Mix(sum, Checksum(view.targets, targets_bytes));
  sum = Mix(sum, Checksum(community, community_bytes));
  if (sum != h.data_checksum) fail("the data checksum does not match (corrupt or truncated)");
  if (view.offsets[0] != 0 || view.offsets[view.num_agents] != view.num_edges)
    fail("the row offsets do not cover the edges");
  return StoredGraph::FromShared(mapping, view,
                                 std::span<const CommunityId>(community, h.communities));
}

CachedGraph LoadOrGenerateGraph(const GraphSpec& spec, std::uint64_t seed) {
  GraphSpec plain = spec;
  plain.cache.clear();
  CachedGraph out;
  if (spec.cache.empty()) {
    out.graph = GenerateStoredGraph(plain, seed);
    return out;
  }
  std::error_code ec;
  fs::create_directories(spec.cache, ec);
  if (ec)
    throw OutputError("cannot create the graph cache folder " + spec.cache + ": " + ec.message());
  out.path = GraphCachePath(spec.cache, plain, seed);
  if (fs::exists(out.path, ec)) {
    try {
      out.graph = ReadGraphCache(out.path, GraphSpecKey(plain, seed));
      out.hit = true;
      return out;
    } catch (const InputError&) {
      // Unusable (corrupt, truncated, another format version): generate and replace it.
    }
  }
  out.graph = GenerateStoredGraph(plain, seed);
  WriteGraphCache(out.path, out.graph, GraphSpecKey(plain, seed), DescribeGraphSpec(plain, seed));
  return out;
}

}  // namespace firestorm
