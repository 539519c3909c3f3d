#include "tests/support/rabbitmq_harness.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <netinet/in.h>
#include <random>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/support/wait_until.hpp"

namespace switchboard::test {

namespace {

constexpr const char* server_script = "/usr/lib/rabbitmq/bin/rabbitmq-server";
constexpr const char* ctl_script = "/usr/lib/rabbitmq/bin/rabbitmqctl";

// A port nobody listens on right now (the kernel's pick for port 0).
uint16_t free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), len) != 0
      || ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("rabbitmq_harness: no free port");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool accepts_connections(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  auto ok
      = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  ::close(fd);
  return ok;
}

std::string random_token() {
  std::random_device rd;
  std::string result;
  const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (int i = 0; i < 20; ++i)
    result += alphabet[rd() % 26];
  return result;
}

std::vector<char*> c_strings(std::vector<std::string>& xs) {
  std::vector<char*> result;
  for (auto& x : xs)
    result.push_back(x.data());
  result.push_back(nullptr);
  return result;
}

// A program and environment prepared before fork(): the child of a
// multithreaded process may not allocate.
struct prepared_exec {
  prepared_exec(std::vector<std::string> argv, std::vector<std::string> env,
                const std::string& log)
      : argv_strings(std::move(argv)), env_strings(std::move(env)) {
    args = c_strings(argv_strings);
    vars = c_strings(env_strings);
    in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (in < 0 || out < 0)
      throw std::runtime_error("rabbitmq_harness: cannot open " + log);
  }

  ~prepared_exec() {
    ::close(in);
    ::close(out);
  }

  // In the forked child: stdin from /dev/null, output to the log, no other
  // inherited descriptor, then exec.
  [[noreturn]] void run() {
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(out, 2);
    ::close_range(3, ~0U, 0);
    ::execve(args[0], args.data(), vars.data());
    _exit(127);
  }

  std::vector<std::string> argv_strings;
  std::vector<std::string> env_strings;
  std::vector<char*> args;
  std::vector<char*> vars;
  int in = -1;
  int out = -1;
};

} // namespace

rabbitmq_harness& rabbitmq_harness::get() {
  static rabbitmq_harness instance;
  return instance;
}

rabbitmq_harness::rabbitmq_harness() : dir_("rabbitmq-", 0755) {
  node_ = "sbtest" + std::to_string(::getpid()) + "@localhost";
  port_ = free_port();
  do {
    dist_port_ = free_port();
  } while (dist_port_ == port_);
  {
    auto cookie = dir_.path() + "/.erlang.cookie";
    std::ofstream{cookie} << random_token();
    ::chmod(cookie.c_str(), 0400);
    std::ofstream{dir_.path() + "/enabled_plugins"} << "[].\n";
    std::ofstream{dir_.path() + "/rabbitmq-env.conf"};
  }
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0)
    throw std::runtime_error("rabbitmq_harness: pipe failed");
  prepared_exec server{
      {server_script}, environment(), dir_.path() + "/server.log"};
  guardian_ = ::fork();
  if (guardian_ < 0) throw std::runtime_error("rabbitmq_harness: fork failed");
  if (guardian_ == 0) {
    // The guardian leads a new process group holding the broker; when the
    // test process goes away (its end of the pipe closes), it kills the
    // group, itself included.
    ::setsid();
    if (::fork() == 0) server.run();
    ::dup2(pipe_fds[0], 3);
    ::close_range(4, ~0U, 0);
    char c;
    while (::read(3, &c, 1) < 0 && errno == EINTR) {
    }
    ::kill(-::getpid(), SIGKILL);
    _exit(0);
  }
  ::close(pipe_fds[0]);
  lifeline_ = pipe_fds[1];
  wait_ready();
}

rabbitmq_harness::~rabbitmq_harness() {
  if (lifeline_ >= 0) ::close(lifeline_);
  if (guardian_ > 0) {
    int status = 0;
    ::waitpid(guardian_, &status, 0);
  }
}

std::vector<std::string> rabbitmq_harness::environment() const {
  const auto& d = dir_.path();
  return {
      "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
      "LC_ALL=C.UTF-8",
      "HOME=" + d,
      "RABBITMQ_NODENAME=" + node_,
      "RABBITMQ_NODE_IP_ADDRESS=127.0.0.1",
      "RABBITMQ_NODE_PORT=" + std::to_string(port_),
      "RABBITMQ_DIST_PORT=" + std::to_string(dist_port_),
      "RABBITMQ_MNESIA_BASE=" + d + "/mnesia",
      "RABBITMQ_LOG_BASE=" + d + "/log",
      "RABBITMQ_ENABLED_PLUGINS_FILE=" + d + "/enabled_plugins",
      "RABBITMQ_CONFIG_FILE=" + d + "/rabbitmq",
      "RABBITMQ_ADVANCED_CONFIG_FILE=" + d + "/advanced.config",
      "RABBITMQ_CONF_ENV_FILE=" + d + "/rabbitmq-env.conf",
      "RABBITMQ_PID_FILE=" + d + "/rabbitmq.pid",
  };
}

void rabbitmq_harness::wait_ready() {
  auto ready = wait_until(
      [this] {
        return accepts_connections(port_);
      },
      std::chrono::seconds(90));
  if (!ready)
    throw std::runtime_error("rabbitmq_harness: the broker did not start; see "
                             + dir_.path() + "/server.log");
}

std::string rabbitmq_harness::url() const {
  return "amqp://guest:guest@127.0.0.1:" + std::to_string(port_);
}

int rabbitmq_harness::ctl(const std::vector<std::string>& args) {
  std::vector<std::string> argv{ctl_script, "-n", node_};
  argv.insert(argv.end(), args.begin(), args.end());
  prepared_exec tool{argv, environment(), dir_.path() + "/ctl.log"};
  auto pid = ::fork();
  if (pid < 0) throw std::runtime_error("rabbitmq_harness: fork failed");
  if (pid == 0) tool.run();
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void rabbitmq_harness::stop_app() {
  if (ctl({"stop_app"}) != 0)
    throw std::runtime_error("rabbitmq_harness: stop_app failed");
}

void rabbitmq_harness::start_app() {
  if (ctl({"start_app"}) != 0)
    throw std::runtime_error("rabbitmq_harness: start_app failed");
  wait_ready();
}

} // namespace switchboard::test
