#pragma once
// The libraries speak UTF-8 byte offsets; Qt text widgets speak UTF-16 positions.

#include <QString>
#include <cstddef>
#include <string>

namespace ugc::gui {

// The QString position of a byte offset into utf8 (clamped to the text).
int utf16Position(const std::string& utf8, std::size_t byteOffset);

}  // namespace ugc::gui
