#include "io/amqp/connection.hpp"

#include <amqp.h>
#include <amqp_framing.h>
#include <amqp_tcp_socket.h>
#include <sys/time.h>

#include "io/amqp/reply_text.hpp"

namespace switchboard::io::amqp {

namespace {

constexpr amqp_channel_t channel = 1;
constexpr int frame_max = 131072;

timeval to_timeval(std::chrono::milliseconds d) {
  timeval tv;
  tv.tv_sec = static_cast<time_t>(d.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((d.count() % 1000) * 1000);
  return tv;
}

amqp_bytes_t bytes(const std::string& x) {
  return amqp_bytes_t{x.size(), const_cast<char*>(x.data())};
}

std::string text(const amqp_bytes_t& x) {
  return std::string{static_cast<const char*>(x.bytes), x.len};
}

amqp_delivery to_delivery(const amqp_envelope_t& env) {
  amqp_delivery result;
  result.tag = env.delivery_tag;
  result.exchange = text(env.exchange);
  result.routing_key = text(env.routing_key);
  result.body = text(env.message.body);
  result.redelivered = env.redelivered != 0;
  const auto& props = env.message.properties;
  if ((props._flags & AMQP_BASIC_MESSAGE_ID_FLAG) != 0)
    result.message_id = text(props.message_id);
  return result;
}

} // namespace

connection::connection(const endpoint& ep, std::chrono::seconds heartbeat,
                       std::chrono::milliseconds timeout) {
  if (ep.tls) throw failure("amqp: amqps:// (TLS) is not supported");
  state_ = amqp_new_connection();
  if (state_ == nullptr) throw failure("amqp: out of memory");
  try {
    auto* sock = amqp_tcp_socket_new(state_);
    if (sock == nullptr) throw failure("amqp: cannot create a socket");
    auto tv = to_timeval(timeout);
    auto rc = amqp_socket_open_noblock(sock, ep.host.c_str(), ep.port, &tv);
    if (rc != AMQP_STATUS_OK)
      throw failure("amqp: connect to " + describe(ep) + ": "
                    + amqp_error_string2(rc));
    amqp_set_handshake_timeout(state_, &tv);
    amqp_set_rpc_timeout(state_, &tv);
    auto login = amqp_login(state_, ep.vhost.c_str(), 0, frame_max,
                            static_cast<int>(heartbeat.count()),
                            AMQP_SASL_METHOD_PLAIN, ep.user.c_str(),
                            ep.password.c_str());
    if (login.reply_type != AMQP_RESPONSE_NORMAL)
      throw failure("amqp: login to " + describe(ep) + ": "
                    + reply_text(login));
    amqp_channel_open(state_, channel);
    check_rpc("channel.open");
    open_ = true;
  } catch (...) {
    close();
    throw;
  }
}

connection::~connection() {
  close();
}

void connection::close() noexcept {
  if (state_ == nullptr) return;
  if (open_) {
    open_ = false;
    amqp_channel_close(state_, channel, AMQP_REPLY_SUCCESS);
    amqp_connection_close(state_, AMQP_REPLY_SUCCESS);
  }
  amqp_destroy_connection(state_);
  state_ = nullptr;
}

int connection::fd() const {
  return amqp_get_sockfd(state_);
}

void connection::check_rpc(const char* what) {
  auto reply = amqp_get_rpc_reply(state_);
  if (reply.reply_type == AMQP_RESPONSE_NORMAL) return;
  // A failed RPC leaves the channel (or connection) closed by the broker.
  open_ = false;
  throw failure(std::string{"amqp: "} + what + ": " + reply_text(reply));
}

void connection::declare(const topology& t) {
  amqp_exchange_declare(state_, channel, bytes(t.exchange),
                        bytes(t.exchange_type), 0, 1, 0, 0, amqp_empty_table);
  check_rpc("exchange.declare");
  amqp_table_entry_t dlx;
  dlx.key = amqp_cstring_bytes("x-dead-letter-exchange");
  dlx.value.kind = AMQP_FIELD_KIND_UTF8;
  dlx.value.value.bytes = bytes(t.dead_letter_exchange);
  amqp_table_t args = amqp_empty_table;
  if (!t.dead_letter_exchange.empty()) args = amqp_table_t{1, &dlx};
  amqp_queue_declare(state_, channel, bytes(t.queue), 0, 1, 0, 0, args);
  check_rpc("queue.declare");
  for (const auto& key : t.bindings) {
    amqp_queue_bind(state_, channel, bytes(t.queue), bytes(t.exchange),
                    bytes(key), amqp_empty_table);
    check_rpc("queue.bind");
  }
}

uint32_t connection::ready_count(const std::string& queue) {
  auto* ok = amqp_queue_declare(state_, channel, bytes(queue), 1, 0, 0, 0,
                                amqp_empty_table);
  check_rpc("queue.declare (passive)");
  return ok->message_count;
}

void connection::set_prefetch(uint16_t prefetch) {
  amqp_basic_qos(state_, channel, 0, prefetch, 0);
  check_rpc("basic.qos");
}

void connection::consume(const std::string& queue) {
  amqp_basic_consume(state_, channel, bytes(queue), amqp_empty_bytes, 0, 0, 0,
                     amqp_empty_table);
  check_rpc("basic.consume");
}

std::vector<amqp_delivery> connection::read_available(size_t max) {
  std::vector<amqp_delivery> result;
  while (result.size() < max) {
    amqp_maybe_release_buffers(state_);
    amqp_envelope_t env;
    timeval zero{0, 0};
    auto reply = amqp_consume_message(state_, &env, &zero, 0);
    if (reply.reply_type == AMQP_RESPONSE_NORMAL) {
      result.push_back(to_delivery(env));
      amqp_destroy_envelope(&env);
    } else if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION
               && reply.library_error == AMQP_STATUS_TIMEOUT) {
      break;
    } else if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION
               && reply.library_error == AMQP_STATUS_UNEXPECTED_STATE) {
      // A frame other than a delivery is waiting: read it (it is buffered).
      amqp_frame_t frame;
      auto rc = amqp_simple_wait_frame(state_, &frame);
      if (rc != AMQP_STATUS_OK) {
        open_ = false;
        throw failure(std::string{"amqp: read: "} + amqp_error_string2(rc));
      }
      handle_frame(&frame);
    } else {
      open_ = false;
      throw failure("amqp: read: " + reply_text(reply));
    }
  }
  return result;
}

void connection::handle_frame(const void* raw) {
  const auto& frame = *static_cast<const amqp_frame_t*>(raw);
  if (frame.frame_type != AMQP_FRAME_METHOD) return;
  const auto& method = frame.payload.method;
  switch (method.id) {
  case AMQP_BASIC_ACK_METHOD: {
    auto* ack = static_cast<amqp_basic_ack_t*>(method.decoded);
    if (ack->multiple != 0)
      unconfirmed_.erase(unconfirmed_.begin(),
                         unconfirmed_.upper_bound(ack->delivery_tag));
    else
      unconfirmed_.erase(ack->delivery_tag);
    return;
  }
  case AMQP_BASIC_NACK_METHOD:
    open_ = false;
    throw failure("amqp: the broker refused a published message");
  case AMQP_BASIC_RETURN_METHOD:
    open_ = false;
    throw failure("amqp: a published message was unroutable");
  case AMQP_BASIC_CANCEL_METHOD:
    open_ = false;
    throw failure("amqp: the broker cancelled the consumer");
  case AMQP_CHANNEL_CLOSE_METHOD:
  case AMQP_CONNECTION_CLOSE_METHOD:
    open_ = false;
    throw failure("amqp: " + method_text(method));
  default: return;
  }
}

void connection::ack(uint64_t tag, bool multiple) {
  auto rc = amqp_basic_ack(state_, channel, tag, multiple ? 1 : 0);
  if (rc != AMQP_STATUS_OK) {
    open_ = false;
    throw failure(std::string{"amqp: basic.ack: "} + amqp_error_string2(rc));
  }
}

void connection::nack(uint64_t tag, bool multiple, bool requeue) {
  auto rc = amqp_basic_nack(state_, channel, tag, multiple ? 1 : 0,
                            requeue ? 1 : 0);
  if (rc != AMQP_STATUS_OK) {
    open_ = false;
    throw failure(std::string{"amqp: basic.nack: "} + amqp_error_string2(rc));
  }
}

void connection::reject(uint64_t tag, bool requeue) {
  auto rc = amqp_basic_reject(state_, channel, tag, requeue ? 1 : 0);
  if (rc != AMQP_STATUS_OK) {
    open_ = false;
    throw failure(std::string{"amqp: basic.reject: "} + amqp_error_string2(rc));
  }
}

void connection::enable_confirms() {
  amqp_confirm_select(state_, channel);
  check_rpc("confirm.select");
  confirms_ = true;
}

void connection::publish(const outgoing& msg) {
  amqp_basic_properties_t props;
  props._flags = AMQP_BASIC_CONTENT_TYPE_FLAG | AMQP_BASIC_DELIVERY_MODE_FLAG;
  props.content_type = amqp_cstring_bytes("application/json");
  props.delivery_mode = msg.persistent ? 2 : 1;
  if (!msg.message_id.empty()) {
    props._flags |= AMQP_BASIC_MESSAGE_ID_FLAG;
    props.message_id = bytes(msg.message_id);
  }
  auto rc = amqp_basic_publish(state_, channel, bytes(msg.exchange),
                               bytes(msg.routing_key), 0, 0, &props,
                               bytes(msg.body));
  if (rc != AMQP_STATUS_OK) {
    open_ = false;
    throw failure(std::string{"amqp: basic.publish: "}
                  + amqp_error_string2(rc));
  }
  if (confirms_) unconfirmed_.insert(++published_);
}

void connection::wait_for_confirms(std::chrono::milliseconds timeout) {
  auto until = std::chrono::steady_clock::now() + timeout;
  while (!unconfirmed_.empty()) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    if (left.count() <= 0) throw failure("amqp: publisher confirms timed out");
    auto tv = to_timeval(left);
    amqp_frame_t frame;
    auto rc = amqp_simple_wait_frame_noblock(state_, &frame, &tv);
    if (rc == AMQP_STATUS_TIMEOUT) continue;
    if (rc != AMQP_STATUS_OK) {
      open_ = false;
      throw failure(std::string{"amqp: confirms: "} + amqp_error_string2(rc));
    }
    handle_frame(&frame);
  }
}

} // namespace switchboard::io::amqp
