#pragma once
#include <string>

namespace ugc {
// The toolkit's version, e.g. "0.1.0".
std::string versionString();
}  // namespace ugc
