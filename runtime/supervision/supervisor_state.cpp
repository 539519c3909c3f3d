// Starting, stopping and describing children. Restarts live in
// supervisor_restart.cpp, shutdown in supervisor_shutdown.cpp.

#include "runtime/supervision/supervisor_state.hpp"

#include <exception>
#include <utility>

#include <caf/actor_registry.hpp>
#include <caf/actor_system.hpp>
#include <caf/exit_reason.hpp>

#include "messages/error.hpp"

namespace switchboard {

namespace {

caf::error start_failed(const std::string& sup, const std::string& child,
                        const std::string& why) {
  return caf::make_error(errc::child_start_failed,
                         sup + ": child " + child + " failed to start" + why);
}

} // namespace

supervisor_state::supervisor_state(pointer self) : self_(self) {
  // nop
}

void supervisor_state::init(supervisor_options opts,
                            std::vector<child_spec> children) {
  opts_ = std::move(opts);
  metrics_ = supervisor_metrics{opts_.metrics, opts_.name};
  for (auto& spec : children) {
    if (auto err = start_initial(spec)) {
      shutdown(std::move(err));
      return;
    }
  }
}

caf::error supervisor_state::refuse(const child_template_ptr& tmpl,
                                    const std::string& what) const {
  if (stopping_)
    return caf::make_error(errc::shutting_down, opts_.name + " is stopping");
  if (!tmpl || !tmpl->start)
    return caf::make_error(errc::invalid_argument,
                           opts_.name + ": " + what + " has no start function");
  return {};
}

caf::error supervisor_state::start_initial(const child_spec& spec) {
  if (auto err = refuse(spec.tmpl, "child " + spec.name)) return err;
  auto [it, added] = children_.add(spec.name, spec.tmpl);
  if (!added)
    return caf::make_error(errc::invalid_argument,
                           opts_.name + ": duplicate child " + spec.name);
  auto started = launch_new(it);
  return started ? caf::error{} : std::move(started.error());
}

caf::result<caf::actor> supervisor_state::start(const child_spec& spec) {
  if (auto err = refuse(spec.tmpl, "child " + spec.name)) return err;
  auto [it, added] = children_.add(spec.name, spec.tmpl);
  if (!added) return it->second.handle;
  auto started = launch_new(it);
  if (!started) return std::move(started.error());
  return std::move(*started);
}

caf::result<uint64_t> supervisor_state::start(const child_batch& batch) {
  if (auto err = refuse(batch.tmpl, "batch")) return err;
  if (!batch.args.empty() && batch.args.size() != batch.names.size())
    return caf::make_error(
        errc::invalid_argument,
        opts_.name + ": batch has " + std::to_string(batch.args.size())
            + " args for " + std::to_string(batch.names.size()) + " names");
  uint64_t count = 0;
  for (size_t i = 0; i < batch.names.size(); ++i) {
    auto [it, added] = children_.add(batch.names[i], batch.tmpl);
    if (!added) continue;
    auto* arg = batch.args.empty() ? nullptr : &batch.args[i];
    if (auto started = launch_new(it, arg); !started)
      return std::move(started.error());
    ++count;
  }
  return count;
}

caf::result<caf::ok_atom> supervisor_state::stop(const std::string& name) {
  auto it = children_.find(name);
  if (it == children_.records().end())
    return caf::make_error(errc::not_found, opts_.name + ": no child " + name);
  if (it->second.handle)
    tell_exit(it->second.handle, caf::exit_reason::user_shutdown);
  // The record goes now, so the name is free at once; its instance waits in
  // the stopping set for its DOWN.
  children_.remove(it);
  return caf::ok_atom_v;
}

std::vector<child_info> supervisor_state::list(const std::string& after,
                                               uint32_t limit) const {
  auto& records = children_.records();
  auto it = after.empty() ? records.begin() : records.upper_bound(after);
  std::vector<child_info> result;
  for (; it != records.end() && result.size() < limit; ++it)
    result.push_back(describe(it));
  return result;
}

caf::result<child_info> supervisor_state::info(const std::string& name) const {
  auto it = children_.find(name);
  if (it == children_.records().end())
    return caf::make_error(errc::not_found, opts_.name + ": no child " + name);
  return describe(it);
}

supervisor_summary supervisor_state::summary() const {
  supervisor_summary result;
  result.name = opts_.name;
  result.children = children_.records().size();
  result.running = children_.running();
  result.restarting = result.children - result.running;
  result.stopping = children_.stopping().size();
  result.restarts = restarts_;
  return result;
}

caf::expected<caf::actor>
supervisor_state::launch_new(iterator it, const caf::message* arg) {
  auto started = launch(it, arg);
  if (!started) children_.remove(it);
  return started;
}

caf::expected<caf::actor> supervisor_state::launch(iterator it,
                                                   const caf::message* arg) {
  auto& [name, rec] = *it;
  caf::actor handle;
  try {
    if (arg && rec.tmpl->start_with)
      handle = rec.tmpl->start_with(self_, name, *arg);
    else
      handle = rec.tmpl->start(self_, name);
  } catch (const std::exception& e) {
    return start_failed(opts_.name, name, std::string{": "} + e.what());
  } catch (...) {
    return start_failed(opts_.name, name, ": unknown exception");
  }
  if (!handle) return start_failed(opts_.name, name, "");
  self_->monitor(handle);
  children_.attach(it, handle);
  publish(*rec.tmpl, handle);
  metrics_.up(rec.tmpl->kind);
  return handle;
}

void supervisor_state::publish(const child_template& tmpl,
                               const caf::actor& handle) {
  if (!tmpl.registry_key) return;
  // CAF's put() keeps an existing entry, so replace it explicitly.
  auto& registry = self_->system().registry();
  registry.erase(*tmpl.registry_key);
  registry.put(*tmpl.registry_key, handle);
}

void supervisor_state::tell_exit(const caf::actor& child,
                                 caf::exit_reason reason) {
  // Unlike send_exit, no execution unit is passed: CAF then schedules the
  // child through its round-robin queue rather than on this worker, so
  // stopping a million children spreads them over all workers instead of
  // leaving the others to steal them one by one.
  child->enqueue(self_->ctrl(), caf::make_message_id(),
                 caf::make_message(caf::exit_msg{self_->address(), reason}),
                 nullptr);
}

void supervisor_state::instance_down(const child_template& tmpl,
                                     caf::actor_id id) {
  metrics_.down(tmpl.kind);
  if (!tmpl.registry_key) return;
  // Only erase our own dead instance: a successor may be registered already.
  auto& registry = self_->system().registry();
  auto current = registry.get(*tmpl.registry_key);
  if (current && current->id() == id) registry.erase(*tmpl.registry_key);
}

child_info supervisor_state::describe(child_table::const_iterator it) const {
  auto& [name, rec] = *it;
  child_info result;
  result.name = name;
  result.kind = rec.tmpl->kind;
  auto running = rec.phase == child_phase::running && rec.handle;
  result.state = stopping_ ? child_state::stopping
                 : running ? child_state::running
                           : child_state::restarting;
  result.restarts = rec.restarts;
  result.id = running ? rec.handle.id() : 0;
  return result;
}

} // namespace switchboard
