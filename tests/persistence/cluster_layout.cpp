#define CAF_SUITE persistence.cluster_layout
#include "persistence/cluster_layout.hpp"

#include <string>

#include "caf/test/unit_test.hpp"

using namespace switchboard::persistence;

CAF_TEST(a reachable data directory holds the cluster and the socket) {
  auto layout = plan_cluster_layout("/srv/node1", true, 5432);
  CAF_CHECK(!layout.relocated);
  CAF_CHECK_EQUAL(layout.root.string(), "/srv/node1");
  CAF_CHECK_EQUAL(layout.cluster_dir.string(), "/srv/node1/pg");
  CAF_CHECK_EQUAL(layout.socket_dir.string(), "/srv/node1/run");
  CAF_CHECK_EQUAL(layout.log_file.string(), "/srv/node1/postgresql.log");
}

CAF_TEST(an unreachable data directory relocates under var lib) {
  auto layout = plan_cluster_layout("/root/var", false, 5432);
  CAF_CHECK(layout.relocated);
  auto expected = "/var/lib/switchboard/" + short_hash("/root/var");
  CAF_CHECK_EQUAL(layout.root.string(), expected);
  CAF_CHECK_EQUAL(layout.cluster_dir.string(), expected + "/pg");
  CAF_CHECK_EQUAL(layout.socket_dir.string(), expected + "/run");
}

CAF_TEST(a socket path that would be too long moves to tmp) {
  std::string deep = "/srv/" + std::string(90, 'd');
  auto layout = plan_cluster_layout(deep, true, 5432);
  CAF_CHECK_EQUAL(layout.socket_dir.string(), "/tmp/sb-pg-" + short_hash(deep));
  CAF_CHECK_EQUAL(layout.cluster_dir.string(), deep + "/pg");
  auto socket = layout.socket_dir.string() + "/.s.PGSQL.5432";
  CAF_CHECK_LESS(socket.size(), max_socket_path);
}

CAF_TEST(short_hash is stable and distinguishes paths) {
  CAF_CHECK_EQUAL(short_hash("/a"), short_hash("/a"));
  CAF_CHECK_NOT_EQUAL(short_hash("/a"), short_hash("/b"));
  CAF_CHECK_EQUAL(short_hash("/a").size(), 12u);
  // FNV-1a 64 of the empty string is cbf29ce484222325.
  CAF_CHECK_EQUAL(short_hash(""), "cbf29ce48422");
}
