#include "persistence/child_process.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace switchboard::persistence {

namespace {

// Everything the child needs, prepared before fork: after fork only
// async-signal-safe calls are allowed (we may have many threads).
struct exec_plan {
  std::vector<std::string> args;
  std::vector<std::string> env;
  std::vector<char*> argv;
  std::vector<char*> envp;
  const char* output;
};

std::vector<char*> pointers(std::vector<std::string>& xs) {
  std::vector<char*> result;
  for (auto& x : xs)
    result.push_back(x.data());
  result.push_back(nullptr);
  return result;
}

[[noreturn]] void exec_child(const exec_plan& plan,
                             const std::optional<unix_account>& as) {
  int out = open(plan.output, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (out < 0 || dup2(out, STDOUT_FILENO) < 0 || dup2(out, STDERR_FILENO) < 0)
    _exit(126);
  int in = open("/dev/null", O_RDONLY);
  if (in < 0 || dup2(in, STDIN_FILENO) < 0) _exit(126);
  close_range(3, ~0U, 0);
  if (as) {
    if (setgroups(as->groups.size(), as->groups.data()) != 0
        || setgid(as->gid) != 0 || setuid(as->uid) != 0)
      _exit(126);
  }
  if (chdir("/") != 0) _exit(126);
  execve(plan.argv[0], plan.argv.data(), plan.envp.data());
  _exit(127);
}

int wait_for(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR)
      throw std::runtime_error(std::string{"waitpid failed: "}
                               + std::strerror(errno));
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}

} // namespace

std::optional<unix_account> find_account(const std::string& name) {
  passwd pwd;
  passwd* found = nullptr;
  std::vector<char> buf(16384);
  if (getpwnam_r(name.c_str(), &pwd, buf.data(), buf.size(), &found) != 0
      || found == nullptr)
    return std::nullopt;
  unix_account result{name, pwd.pw_uid, pwd.pw_gid, {}};
  int count = 64;
  result.groups.resize(count);
  if (getgrouplist(name.c_str(), pwd.pw_gid, result.groups.data(), &count)
      < 0) {
    result.groups.resize(count);
    getgrouplist(name.c_str(), pwd.pw_gid, result.groups.data(), &count);
  }
  result.groups.resize(count);
  return result;
}

int run_child(const std::vector<std::string>& argv, const child_options& opts) {
  if (argv.empty()) throw std::invalid_argument("run_child: no program");
  exec_plan plan;
  plan.args = argv;
  plan.env = {"PATH=/usr/bin:/bin", "LC_ALL=C", "LANG=C"};
  plan.argv = pointers(plan.args);
  plan.envp = pointers(plan.env);
  plan.output
      = opts.output_path.empty() ? "/dev/null" : opts.output_path.c_str();
  auto pid = fork();
  if (pid < 0)
    throw std::runtime_error(std::string{"cannot start "} + argv[0] + ": "
                             + std::strerror(errno));
  if (pid == 0) exec_child(plan, opts.as);
  return wait_for(pid);
}

} // namespace switchboard::persistence
