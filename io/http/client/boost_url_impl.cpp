// Boost.URL 1.81 ships no compiled library in Debian; its sources are built
// here, once for the whole program (any other TU includes <boost/url.hpp>
// only, never src.hpp, or the linker sees its symbols twice).
#include <boost/url/src.hpp>
