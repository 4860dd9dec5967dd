#include "core/version.h"

namespace ugc {
std::string versionString() { return UGC_VERSION; }
}  // namespace ugc
