#pragma once

// One HTTP/1.1 connection: reads requests, hands them to the router, writes
// the answers. The Beast code stays in session.cpp.

#include <boost/asio/ip/tcp.hpp>
#include <memory>

#include "io/http/server_context.hpp"

namespace switchboard::http {

/// Serves `socket` (whose executor must be a strand) until the peer closes,
/// an error or timeout ends it, or the server drains or closes it. The
/// session registers itself in `ctx->connections` and keeps itself alive.
void start_session(boost::asio::ip::tcp::socket socket,
                   std::shared_ptr<server_context> ctx);

} // namespace switchboard::http
