// The release reader on arbitrary bytes, as each of the nine file types: the first byte picks
// the file, the rest is its text. Parsed alone and as a one-file release (the import's parser).
#include <iterator>
#include <map>
#include <string>

#include "annotation/release_fields.h"
#include "core/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ugc::annotation;
  if (size < 1) return 0;
  const QaType type = kAllQaTypes[data[0] % std::size(kAllQaTypes)];
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  if (type == QaType::Ocr) {
    (void)parseReleaseOcrJsonl(text);
  } else {
    (void)parseReleaseQaFile(text);
  }
  std::map<QaType, std::string> files{{type, text}};
  (void)parseReleaseDataset(files);
  return 0;
}
