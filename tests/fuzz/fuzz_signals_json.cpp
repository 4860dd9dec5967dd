// The signals JSON reader (signal cache, `ugccap extract --json`) on arbitrary bytes.
#include <string>

#include "model/extractors/signals.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)ugc::model::signalsFromJson(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
