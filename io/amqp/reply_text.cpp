#include "io/amqp/reply_text.hpp"

#include <amqp_framing.h>

namespace switchboard::io::amqp {

namespace {

std::string text(const amqp_bytes_t& x) {
  return std::string{static_cast<const char*>(x.bytes), x.len};
}

} // namespace

std::string method_text(const amqp_method_t& method) {
  if (method.id == AMQP_CONNECTION_CLOSE_METHOD) {
    auto* m = static_cast<const amqp_connection_close_t*>(method.decoded);
    return "connection closed by the broker: " + std::to_string(m->reply_code)
           + " " + text(m->reply_text);
  }
  if (method.id == AMQP_CHANNEL_CLOSE_METHOD) {
    auto* m = static_cast<const amqp_channel_close_t*>(method.decoded);
    return "channel closed by the broker: " + std::to_string(m->reply_code)
           + " " + text(m->reply_text);
  }
  return std::string{"unexpected method "} + amqp_method_name(method.id);
}

std::string reply_text(const amqp_rpc_reply_t& reply) {
  switch (reply.reply_type) {
  case AMQP_RESPONSE_NORMAL: return "ok";
  case AMQP_RESPONSE_NONE: return "no reply";
  case AMQP_RESPONSE_LIBRARY_EXCEPTION:
    return amqp_error_string2(reply.library_error);
  case AMQP_RESPONSE_SERVER_EXCEPTION: return method_text(reply.reply);
  }
  return "unknown reply";
}

} // namespace switchboard::io::amqp
