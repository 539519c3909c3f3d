#include "persistence/embedded_postgres.hpp"

#include <algorithm>
#include <fstream>
#include <pqxx/pqxx>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include "persistence/log.hpp"
#include "persistence/postmaster_lock.hpp"

namespace fs = std::filesystem;

namespace switchboard::persistence {

namespace {

constexpr const char* include_line = "include_if_exists = 'switchboard.conf'";

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error("embedded PostgreSQL: " + what);
}

// The last `count` non-empty lines of `file`, joined on one line.
std::string tail_of(const fs::path& file, size_t count = 3) {
  std::ifstream in{file, std::ios::binary};
  in.seekg(0, std::ios::end);
  auto size = static_cast<std::streamoff>(in.tellg());
  in.seekg(std::max<std::streamoff>(0, size - 4096));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  std::string out;
  auto first = lines.size() > count ? lines.size() - count : 0;
  for (auto i = first; i < lines.size(); ++i)
    out += (out.empty() ? "" : " | ") + lines[i];
  return out.empty() ? "(no log output)" : out;
}

bool can_traverse(const unix_account& account, const fs::path& dir) {
  return run_child({"/usr/bin/test", "-x", dir.string()}, {account, ""}) == 0;
}

std::string conf_string(const std::string& value) {
  std::string out = "'";
  for (auto c : value)
    out += c == '\'' ? std::string{"''"} : std::string{c};
  return out + "'";
}

void make_private_dir(const fs::path& dir) {
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
}

} // namespace

fs::path find_postgres_bin_dir(const fs::path& base) {
  std::error_code ec;
  fs::path best;
  long best_version = -1;
  for (auto& entry : fs::directory_iterator{base, ec}) {
    auto name = entry.path().filename().string();
    auto version = std::strtol(name.c_str(), nullptr, 10);
    if (version > best_version && fs::exists(entry.path() / "bin" / "pg_ctl")) {
      best_version = version;
      best = entry.path() / "bin";
    }
  }
  if (best.empty())
    fail("no PostgreSQL server binaries under " + base.string()
         + " (install postgresql)");
  return best;
}

std::string conninfo_value(const std::string& value) {
  bool plain
      = !value.empty() && value.find_first_of(" '\\\t\n") == std::string::npos;
  if (plain) return value;
  std::string out = "'";
  for (auto c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

embedded_postgres::embedded_postgres(embedded_postgres_options opts)
    : opts_(std::move(opts)) {
  if (opts_.data_dir.empty()) fail("no data directory given");
  bin_dir_ = opts_.bin_dir.empty() ? find_postgres_bin_dir()
                                   : fs::path{opts_.bin_dir};
  fs::create_directories(opts_.data_dir);
  auto data_dir = fs::canonical(opts_.data_dir);
  bool reachable = true;
  if (geteuid() == 0) {
    account_ = find_account(opts_.server_account);
    if (!account_)
      fail("running as root needs the '" + opts_.server_account
           + "' system account to run the server");
    reachable = can_traverse(*account_, data_dir);
  }
  layout_ = plan_cluster_layout(data_dir, reachable, opts_.port);
  if (layout_.relocated)
    db_log()->info("embedded PostgreSQL: account {} cannot reach {}; the "
                   "cluster lives at {}",
                   opts_.server_account, data_dir.string(),
                   layout_.root.string());
  tool_output_ = layout_.root / "pg_tools.log";
}

embedded_postgres::~embedded_postgres() {
  if (!started_) return;
  try {
    stop();
  } catch (const std::exception& e) {
    db_log()->error("{}", e.what());
  }
}

void embedded_postgres::start() {
  if (started_ && running()) return;
  prepare_directories();
  init_cluster();
  write_config();
  clear_stale_locks();
  start_server();
  started_ = true;
  create_database();
  db_log()->info("embedded PostgreSQL running on {}",
                 layout_.socket_dir.string());
}

void embedded_postgres::stop() {
  if (!running()) {
    started_ = false;
    return;
  }
  auto rc = run_tool("pg_ctl",
                     {"-D", layout_.cluster_dir.string(), "-m", "fast", "-w",
                      "-t", std::to_string(opts_.timeout.count()), "stop"});
  if (rc != 0)
    fail("did not stop (pg_ctl exit " + std::to_string(rc)
         + "): " + tail_of(tool_output_));
  started_ = false;
}

void embedded_postgres::restart() {
  stop();
  start();
}

std::optional<pid_t> embedded_postgres::postmaster_pid() const {
  auto pid = lock_file_pid(layout_.cluster_dir / "postmaster.pid");
  if (pid && is_live_postgres(*pid)) return pid;
  return std::nullopt;
}

bool embedded_postgres::running() const {
  return postmaster_pid().has_value();
}

std::string embedded_postgres::conninfo() const {
  return conninfo("switchboard");
}

std::string embedded_postgres::conninfo(const std::string& dbname) const {
  return "host=" + conninfo_value(layout_.socket_dir.string())
         + " port=" + std::to_string(opts_.port)
         + " dbname=" + conninfo_value(dbname) + " user=switchboard";
}

// -- steps of start() ---------------------------------------------------------

void embedded_postgres::prepare_directories() {
  fs::create_directories(layout_.root);
  if (layout_.relocated) {
    // Ours alone, so the server account must be able to pass through.
    auto open = fs::perms::owner_all | fs::perms::group_read
                | fs::perms::group_exec | fs::perms::others_read
                | fs::perms::others_exec;
    fs::permissions(relocation_root, open, fs::perm_options::replace);
    fs::permissions(layout_.root, open, fs::perm_options::replace);
  }
  make_private_dir(layout_.cluster_dir);
  own(layout_.cluster_dir);
  make_private_dir(layout_.socket_dir);
  own(layout_.socket_dir);
  // The socket directory may sit in /tmp: refuse one someone else made.
  struct stat info {};
  auto owner = account_ ? account_->uid : geteuid();
  if (stat(layout_.socket_dir.c_str(), &info) != 0 || info.st_uid != owner)
    fail(layout_.socket_dir.string() + " belongs to another user");
  if (!fs::exists(layout_.log_file)) std::ofstream{layout_.log_file};
  own(layout_.log_file);
}

void embedded_postgres::init_cluster() {
  if (fs::exists(layout_.cluster_dir / "PG_VERSION")) return;
  if (!fs::is_empty(layout_.cluster_dir))
    fail(layout_.cluster_dir.string()
         + " is not empty but holds no cluster; move it away");
  std::vector<std::string> args{"-D",
                                layout_.cluster_dir.string(),
                                "-U",
                                "switchboard",
                                "-E",
                                "UTF8",
                                "--locale=C",
                                "--auth-local=trust",
                                "--auth-host=reject"};
  if (!opts_.durable) args.emplace_back("--no-sync");
  if (auto rc = run_tool("initdb", std::move(args)); rc != 0)
    fail("initdb failed (exit " + std::to_string(rc)
         + "): " + tail_of(tool_output_));
}

void embedded_postgres::write_config() {
  auto main_conf = layout_.cluster_dir / "postgresql.conf";
  std::ifstream in{main_conf};
  std::string text{std::istreambuf_iterator<char>{in}, {}};
  if (text.find(include_line) == std::string::npos)
    std::ofstream{main_conf, std::ios::app} << "\n" << include_line << "\n";
  auto conf = layout_.cluster_dir / "switchboard.conf";
  std::ofstream out{conf, std::ios::trunc};
  out << "# Written by switchboard at every start.\n"
      << "listen_addresses = ''\n"
      << "port = " << opts_.port << "\n"
      << "unix_socket_directories = "
      << conf_string(layout_.socket_dir.string()) << "\n"
      << "unix_socket_permissions = 0700\n";
  if (!opts_.durable)
    out << "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n";
  out.close();
  if (!out) fail("cannot write " + conf.string());
  own(conf);
}

void embedded_postgres::clear_stale_locks() {
  auto socket_lock = layout_.socket_dir
                     / (".s.PGSQL." + std::to_string(opts_.port) + ".lock");
  for (auto& file : {layout_.cluster_dir / "postmaster.pid", socket_lock})
    if (auto pid = clear_stale_lock(file))
      fail("a server (pid " + std::to_string(*pid) + ") already runs on "
           + layout_.cluster_dir.string()
           + ": another node uses this data directory");
}

void embedded_postgres::start_server() {
  auto rc
      = run_tool("pg_ctl", {"-D", layout_.cluster_dir.string(), "-l",
                            layout_.log_file.string(), "-w", "-t",
                            std::to_string(opts_.timeout.count()), "start"});
  if (rc != 0)
    fail("did not start (pg_ctl exit " + std::to_string(rc)
         + "): " + tail_of(layout_.log_file));
}

void embedded_postgres::create_database() {
  try {
    pqxx::connection conn{conninfo("postgres")};
    pqxx::nontransaction tx{conn};
    auto found
        = tx.exec("SELECT 1 FROM pg_database WHERE datname = 'switchboard'");
    if (found.empty()) tx.exec("CREATE DATABASE switchboard");
  } catch (const std::exception& e) {
    std::string what = e.what();
    fail("cannot create database switchboard: "
         + what.substr(0, what.find('\n')));
  }
}

// -- helpers ------------------------------------------------------------------

int embedded_postgres::run_tool(const std::string& tool,
                                std::vector<std::string> args) {
  std::error_code ec;
  fs::remove(tool_output_, ec);
  args.insert(args.begin(), (bin_dir_ / tool).string());
  return run_child(args, child_options{account_, tool_output_.string()});
}

void embedded_postgres::own(const fs::path& path) {
  if (!account_) return;
  if (chown(path.c_str(), account_->uid, account_->gid) != 0)
    fail("cannot hand " + path.string() + " to " + account_->name);
}

} // namespace switchboard::persistence
