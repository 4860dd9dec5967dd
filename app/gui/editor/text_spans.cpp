#include "gui/editor/text_spans.h"

#include <algorithm>

namespace ugc::gui {

int utf16Position(const std::string& utf8, std::size_t byteOffset) {
  byteOffset = std::min(byteOffset, utf8.size());
  return int(QString::fromUtf8(utf8.data(), qsizetype(byteOffset)).size());
}

}  // namespace ugc::gui
