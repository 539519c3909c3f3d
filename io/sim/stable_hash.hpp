#pragma once

// Hashes that are the same in every run and on every machine (std::hash is
// not), so a seed reproduces the simulators' streams exactly.

#include <cstdint>
#include <string_view>

namespace switchboard::sim {

/// SplitMix64's finaliser: spreads the bits of `x`.
constexpr uint64_t mix64(uint64_t x) noexcept {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/// FNV-1a over `text`, then mixed with `seed`.
constexpr uint64_t stable_hash(uint64_t seed, std::string_view text) noexcept {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return mix64(h ^ mix64(seed));
}

} // namespace switchboard::sim
