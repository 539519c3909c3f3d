#include "io/io_runtime.hpp"

#include <algorithm>
#include <exception>
#include <spdlog/spdlog.h>

namespace switchboard::io {

io_runtime::io_runtime(std::size_t threads)
    : context_(static_cast<int>(std::max<std::size_t>(threads, 1))),
      guard_(boost::asio::make_work_guard(context_)) {
  threads = std::max<std::size_t>(threads, 1);
  threads_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i)
    threads_.emplace_back([this] {
      run_thread();
    });
}

io_runtime::~io_runtime() {
  stop();
}

void io_runtime::stop() {
  guard_.reset();
  context_.stop();
  auto self = std::this_thread::get_id();
  for (auto& thread : threads_) {
    if (!thread.joinable()) continue;
    if (thread.get_id() == self)
      thread.detach();
    else
      thread.join();
  }
  threads_.clear();
}

void io_runtime::run_thread() {
  // Handlers are written not to throw; this is the backstop that keeps one
  // escaped exception from taking a serving thread (and the process) down.
  for (;;) {
    try {
      context_.run();
      return;
    } catch (const std::exception& e) {
      spdlog::error("io_runtime: handler threw: {}", e.what());
    } catch (...) {
      spdlog::error("io_runtime: handler threw a non-standard exception");
    }
  }
}

} // namespace switchboard::io
