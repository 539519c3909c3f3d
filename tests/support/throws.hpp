#pragma once

// CAF 0.17's test framework has no exception checks; this fills the gap:
// CAF_CHECK(throws<std::invalid_argument>([&] { validate(spec); })).

namespace switchboard::test {

/// Whether calling `f` throws an `E` (any other exception is a no).
template <class E, class F>
bool throws(F&& f) {
  try {
    f();
  } catch (const E&) {
    return true;
  } catch (...) {
    return false;
  }
  return false;
}

} // namespace switchboard::test
