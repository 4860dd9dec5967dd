#pragma once
// Private to app/pipeline/scoring/*.cpp (includes nlohmann/json): parsing a result file's text
// with a short reason on failure, never echoing the offending bytes.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace ugc::pipeline::scoring::detail {

// The text as JSON, or why not ("invalid UTF-8 at byte 17", "not valid JSON at line 3, byte 40").
inline tl::expected<nlohmann::json, std::string> parseJsonText(std::string_view text) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    const bool utf8 = std::string_view(e.what()).find("UTF-8") != std::string_view::npos;
    return tl::unexpected((utf8 ? std::string("invalid UTF-8 at byte ") : std::string("not valid JSON at byte ")) +
                          std::to_string(e.byte));
  } catch (const nlohmann::json::exception&) {  // out_of_range: a number too large for a double
    return tl::unexpected(std::string("a number in it is out of range"));
  }
}

}  // namespace ugc::pipeline::scoring::detail
