#pragma once

#include <memory>
#include <spdlog/formatter.h>

namespace switchboard {

/// Formats each message as `<UTC time> [level] [logger] message`, e.g.
/// `2026-11-23T18:00:00.000Z [warn] [http] slow handler`; the level is
/// coloured on a console that supports colours.
std::unique_ptr<spdlog::formatter> make_text_formatter();

} // namespace switchboard
