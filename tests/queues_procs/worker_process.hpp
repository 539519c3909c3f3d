#pragma once

// One queue_worker_proc child of a test (tests/queues_procs/worker): started
// with fork and exec, ended with SIGTERM (graceful) or SIGKILL (a crash), and
// always reaped. The destructor kills a child that is still running, and a
// child dies with the test process, so a failed test leaves no worker
// behind.

#include <chrono>
#include <string>
#include <sys/types.h>

namespace switchboard::test {

struct worker_process_options {
  std::string conninfo;
  std::string queue;
  /// Recorded in job_runs.worker; also the lock owner prefix.
  std::string name;
  unsigned concurrency = 10;
  std::chrono::milliseconds lock{2000};
};

class worker_process {
 public:
  explicit worker_process(const worker_process_options& opts);

  worker_process(const worker_process&) = delete;
  worker_process& operator=(const worker_process&) = delete;

  ~worker_process();

  pid_t pid() const {
    return pid_;
  }

  /// SIGKILL, then reaps it.
  void kill9();

  /// SIGTERM, then waits up to `deadline` for its exit; returns its exit
  /// status as from waitpid, or -1 when it did not exit in time.
  int terminate(std::chrono::milliseconds deadline);

 private:
  pid_t pid_ = -1;
};

} // namespace switchboard::test
