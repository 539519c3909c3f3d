#include "persistence/cluster_layout.hpp"

#include <cstdio>

namespace switchboard::persistence {

std::string short_hash(std::string_view text) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof(buf), "%016llx",
                static_cast<unsigned long long>(hash));
  return std::string{buf, 12};
}

cluster_layout plan_cluster_layout(const std::filesystem::path& data_dir,
                                   bool server_can_traverse, uint16_t port) {
  cluster_layout result;
  auto hash = short_hash(data_dir.string());
  result.relocated = !server_can_traverse;
  result.root = result.relocated ? relocation_root / hash : data_dir;
  result.cluster_dir = result.root / "pg";
  result.log_file = result.root / "postgresql.log";
  result.socket_dir = result.root / "run";
  auto socket = result.socket_dir / (".s.PGSQL." + std::to_string(port));
  if (socket.string().size() >= max_socket_path)
    result.socket_dir = "/tmp/sb-pg-" + hash;
  return result;
}

} // namespace switchboard::persistence
