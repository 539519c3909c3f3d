#define CAF_SUITE io.io_runtime
#include "io/io_runtime.hpp"

#include <atomic>
#include <boost/asio/post.hpp>
#include <chrono>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include "caf/test/unit_test.hpp"

using namespace std::chrono_literals;
using switchboard::io::io_runtime;

CAF_TEST(posted work runs on the threads of the runtime) {
  io_runtime rt{2};
  CAF_CHECK_EQUAL(rt.thread_count(), 2u);
  std::promise<std::thread::id> ran_on;
  boost::asio::post(rt.context(), [&] {
    ran_on.set_value(std::this_thread::get_id());
  });
  auto id = ran_on.get_future();
  CAF_REQUIRE(id.wait_for(5s) == std::future_status::ready);
  CAF_CHECK(id.get() != std::this_thread::get_id());
}

CAF_TEST(an idle runtime keeps running until stopped) {
  io_runtime rt{1};
  // Nothing is queued: only the work guard keeps run() from returning, so a
  // task posted afterwards still runs.
  std::promise<void> ran;
  boost::asio::post(rt.context(), [&] {
    ran.set_value();
  });
  CAF_CHECK(ran.get_future().wait_for(5s) == std::future_status::ready);
  rt.stop();
  CAF_CHECK_EQUAL(rt.thread_count(), 0u);
  CAF_CHECK(rt.context().stopped());
  rt.stop(); // idempotent
}

CAF_TEST(a throwing handler does not take a thread down) {
  io_runtime rt{1};
  boost::asio::post(rt.context(), [] {
    throw std::runtime_error("boom");
  });
  std::promise<void> ran;
  boost::asio::post(rt.context(), [&] {
    ran.set_value();
  });
  CAF_CHECK(ran.get_future().wait_for(5s) == std::future_status::ready);
}

CAF_TEST(zero threads means one) {
  io_runtime rt{0};
  CAF_CHECK_EQUAL(rt.thread_count(), 1u);
}
