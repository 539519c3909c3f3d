#include "tests/queues_procs/worker_process.hpp"

#include <csignal>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "tests/support/wait_until.hpp"

namespace switchboard::test {

worker_process::worker_process(const worker_process_options& opts) {
  std::vector<std::string> args{QUEUE_WORKER_PROC,
                                opts.conninfo,
                                opts.queue,
                                opts.name,
                                std::to_string(opts.concurrency),
                                std::to_string(opts.lock.count())};
  std::vector<char*> argv;
  for (auto& x : args)
    argv.push_back(x.data());
  argv.push_back(nullptr);
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("cannot fork for " + args[0]);
  if (pid_ == 0) {
    // A test binary that dies without running destructors (a failed
    // CAF_REQUIRE ends it) takes its workers with it.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    execv(argv[0], argv.data());
    _exit(127);
  }
}

worker_process::~worker_process() {
  if (pid_ > 0) kill9();
}

void worker_process::kill9() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

int worker_process::terminate(std::chrono::milliseconds deadline) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = -1;
  auto exited = wait_until(
      [&] {
        return waitpid(pid_, &status, WNOHANG) == pid_;
      },
      deadline);
  if (!exited) return -1;
  pid_ = -1;
  return status;
}

} // namespace switchboard::test
