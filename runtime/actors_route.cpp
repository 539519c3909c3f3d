#include "runtime/actors_route.hpp"

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>

#include <caf/actor_cast.hpp>
#include <caf/actor_registry.hpp>
#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>

#include "io/http/message.hpp"
#include "messages/node.hpp"
#include "runtime/node.hpp"

namespace switchboard {

namespace {

constexpr auto ask_timeout = std::chrono::seconds{5};

nlohmann::json child_json(const child_info& x) {
  return {{"name", x.name},
          {"kind", x.kind},
          {"id", x.id},
          {"state", to_string(x.state)},
          {"restarts", x.restarts}};
}

/// The answer being assembled; owned by the one-shot actor's callbacks.
struct tree_reply {
  nlohmann::json root;
  std::size_t pending = 0;
  http::responder respond;

  void done_one() {
    if (--pending == 0) respond(http::json(200, root));
  }
};

supervisor_actor domain_handle(caf::actor_system& sys,
                               const std::string& name) {
  for (const auto& domain : domain_supervisors())
    if (domain.name == name)
      return caf::actor_cast<supervisor_actor>(sys.registry().get(domain.key));
  return {};
}

// Fills the children of one domain supervisor into `slot`.
void ask_domain(caf::event_based_actor* self, supervisor_actor sup,
                std::shared_ptr<tree_reply> reply, std::size_t slot) {
  self->request(sup, ask_timeout, caf::get_atom_v, std::string{},
                actors_route_page)
      .then(
          [reply, slot](const std::vector<child_info>& xs) {
            auto& node = reply->root["children"][slot];
            node["children"] = nlohmann::json::array();
            for (const auto& x : xs)
              node["children"].push_back(child_json(x));
            node["children_truncated"] = xs.size() >= actors_route_page;
            reply->done_one();
          },
          [reply, slot](const caf::error&) {
            reply->root["children"][slot]["children"] = nullptr;
            reply->done_one();
          });
}

void answer_tree(caf::event_based_actor* self,
                 const std::vector<child_info>& xs, http::responder respond) {
  auto reply = std::make_shared<tree_reply>();
  reply->respond = std::move(respond);
  reply->root = {{"name", "node_supervisor"},
                 {"kind", "supervisor"},
                 {"children", nlohmann::json::array()}};
  reply->pending = 1;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    reply->root["children"].push_back(child_json(xs[i]));
    if (auto sup = domain_handle(self->system(), xs[i].name)) {
      ++reply->pending;
      ask_domain(self, sup, reply, i);
    }
  }
  reply->done_one();
}

} // namespace

void add_actors_route(http::router& r, caf::actor_system& sys) {
  r.add("GET", "/api/actors", [&sys](http::request, http::responder respond) {
    auto node
        = caf::actor_cast<supervisor_actor>(sys.registry().get(node_atom_v));
    if (!node) {
      respond(http::error(503, "unavailable", "the node is not running"));
      return;
    }
    sys.spawn([node, respond](caf::event_based_actor* self) {
      self->request(node, ask_timeout, caf::get_atom_v)
          .then(
              [self, respond](const std::vector<child_info>& xs) {
                answer_tree(self, xs, respond);
              },
              [respond](const caf::error&) {
                respond(http::error(503, "unavailable",
                                    "the node supervisor did not answer"));
              });
    });
  });
}

} // namespace switchboard
