#include "tests/notifications/smtp_server.hpp"

#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <netinet/in.h>
#include <spawn.h>
#include <sstream>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "caf/test/unit_test.hpp"

#include "tests/support/wait_until.hpp"

extern char** environ;

namespace switchboard::test {

namespace {

namespace fs = std::filesystem;

int loopback_socket() {
  return ::socket(AF_INET, SOCK_STREAM, 0);
}

sockaddr_in loopback(int port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return addr;
}

// A port the kernel just handed out; free again when we close it.
int free_port() {
  int fd = loopback_socket();
  auto addr = loopback(0);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool accepts(int port) {
  int fd = loopback_socket();
  auto addr = loopback(port);
  bool ok
      = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  ::close(fd);
  return ok;
}

std::string source_dir() {
  return (fs::path{SB_SOURCE_DIR} / "tests" / "notifications").string();
}

pid_t spawn(const std::vector<std::string>& argv, const std::string& log) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::vector<char*> args;
  for (const auto& arg : argv)
    args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  auto rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

} // namespace

smtp_server::smtp_server(mode how) : dir_("smtp", 0755) {
  port_ = free_port();
  auto maildir = dir_.path() + "/maildir";
  // Debian's interpreter has python3-aiosmtpd (one first on PATH may not).
  std::vector<std::string> argv{"/usr/bin/python3",
                                "-m",
                                "aiosmtpd",
                                "-n",
                                "-l",
                                "127.0.0.1:" + std::to_string(port_)};
  if (how == mode::mailbox) {
    argv.insert(argv.end(), {"-c", "aiosmtpd.handlers.Mailbox", maildir});
  } else {
    ::setenv("PYTHONPATH", source_dir().c_str(), 1);
    argv.insert(argv.end(), {"-c", "smtp_reject.RejectingHandler"});
  }
  pid_ = spawn(argv, dir_.path() + "/aiosmtpd.log");
  CAF_REQUIRE(pid_ > 0);
  auto up = wait_until(
      [this] {
        return accepts(port_);
      },
      std::chrono::seconds{15});
  if (!up) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
    CAF_FAIL("aiosmtpd did not start; see " << dir_.path() << "/aiosmtpd.log");
  }
}

smtp_server::~smtp_server() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  auto gone = wait_until(
      [this] {
        return ::waitpid(pid_, nullptr, WNOHANG) == pid_;
      },
      std::chrono::seconds{5});
  if (!gone) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

std::string smtp_server::url() const {
  return "smtp://127.0.0.1:" + std::to_string(port_);
}

std::vector<std::string> smtp_server::messages() const {
  std::vector<std::string> out;
  for (const char* sub : {"/maildir/new", "/maildir/cur"}) {
    fs::path dir{dir_.path() + sub};
    if (!fs::exists(dir)) continue;
    for (const auto& entry : fs::directory_iterator{dir}) {
      std::ifstream in{entry.path()};
      std::stringstream text;
      text << in.rdbuf();
      out.push_back(text.str());
    }
  }
  return out;
}

} // namespace switchboard::test
