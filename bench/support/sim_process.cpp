#include "bench/support/sim_process.hpp"

#include <csignal>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/sim/simulators.hpp"

namespace switchboard::bench {

namespace {

// The child: serve until the parent closes the control pipe (or dies).
[[noreturn]] void run_child(const simulator_settings& settings, int port_fd,
                            int control_fd) {
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  uint16_t port = 0;
  try {
    sim::simulators sims{settings, {sim::platform::twitter}};
    port = sims.get(sim::platform::twitter).port();
    if (write(port_fd, &port, sizeof port) != sizeof port) _exit(2);
    close(port_fd);
    char byte;
    while (read(control_fd, &byte, 1) > 0) {
      // Nothing is ever written: EOF is the stop signal.
    }
    sims.stop();
  } catch (...) {
    _exit(1);
  }
  _exit(0);
}

} // namespace

sim_process::sim_process(const simulator_settings& settings) {
  int port_pipe[2];
  int control_pipe[2];
  if (pipe(port_pipe) != 0 || pipe(control_pipe) != 0)
    throw std::runtime_error("sim_process: pipe failed");
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("sim_process: fork failed");
  if (pid_ == 0) {
    close(port_pipe[0]);
    close(control_pipe[1]);
    run_child(settings, port_pipe[1], control_pipe[0]);
  }
  close(port_pipe[1]);
  close(control_pipe[0]);
  control_fd_ = control_pipe[1];
  auto n = read(port_pipe[0], &port_, sizeof port_);
  close(port_pipe[0]);
  if (n != sizeof port_)
    throw std::runtime_error("sim_process: the simulator did not start");
}

sim_process::~sim_process() {
  if (control_fd_ >= 0) close(control_fd_);
  if (pid_ > 0) {
    int status = 0;
    waitpid(pid_, &status, 0);
  }
}

} // namespace switchboard::bench
