#include "annotation/demo_truth.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "annotation/fields_json.h"

namespace ugc::annotation {
namespace {

using nlohmann::json;

Result<std::string> captionOf(const json& section, const char* name) {
  if (!section.contains("caption") || !section["caption"].is_string())
    return makeError(ErrorCode::InvalidInput, std::string("\"") + name + ".caption\" must be a string");
  return section["caption"].get<std::string>();
}

int64_t lineOfOffset(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
}

}  // namespace

Result<DemoTruth> parseDemoTruth(std::string_view text) {
  json truth;
  try {
    truth = json::parse(text);
  } catch (const json::parse_error& error) {
    return makeError(ErrorCode::InvalidInput, "not valid JSON (line " + std::to_string(lineOfOffset(text, error.byte)) + ")");
  } catch (const json::exception& error) {  // e.g. a number too large for a double
    return makeError(ErrorCode::InvalidInput, std::string("unreadable JSON: ") + error.what());
  }
  if (!truth.is_object() || !truth.contains("format") || !truth["format"].is_string() ||
      truth["format"].get<std::string>() != kDemoTruthFormat)
    return makeError(ErrorCode::InvalidInput, "not a \"" + std::string(kDemoTruthFormat) + "\" file");
  for (const char* key : {"audio", "visual", "joint"})
    if (!truth.contains(key) || !truth[key].is_object())
      return makeError(ErrorCode::InvalidInput, std::string("missing object \"") + key + "\"");
  DemoTruth out;
  if (truth.contains("video_id") && truth["video_id"].is_string()) out.videoId = truth["video_id"].get<std::string>();

  json audio = truth["audio"];
  audio.erase("caption");
  auto audioFields = audioFieldsFromJson(audio.dump());
  if (!audioFields) return tl::unexpected(audioFields.error());
  out.audio = std::move(*audioFields);

  // The visual section matches the stored form except its objects (count as a number, the motion
  // as "action"), which become release-style entries.
  json visual = truth["visual"];
  json objects = visual.contains("objects") ? visual["objects"] : json::array();
  visual.erase("objects");
  visual.erase("caption");
  auto visualFields = visualFieldsFromJson(visual.dump());
  if (!visualFields) return tl::unexpected(visualFields.error());
  out.visual = std::move(*visualFields);
  if (!objects.is_array()) return makeError(ErrorCode::InvalidInput, "\"visual.objects\" must be a list");
  auto textOf = [](const json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  for (const auto& object : objects) {
    if (!object.is_object()) return makeError(ErrorCode::InvalidInput, "each visual object must be an object");
    ObjectEntry entry;
    entry.category = textOf(object, "category");
    if (entry.category.empty()) return makeError(ErrorCode::InvalidInput, "a visual object has no category");
    const json count = object.contains("count") ? object["count"] : json();
    entry.count = count.is_number_integer() ? std::to_string(count.get<int64_t>())
                  : count.is_string()       ? count.get<std::string>()
                                            : "N/A";
    entry.color = textOf(object, "color");
    entry.position = textOf(object, "position");
    if (const std::string action = textOf(object, "action"); !action.empty()) entry.position += ", " + action;
    out.visual.objects.push_back(std::move(entry));
  }

  auto audioCaption = captionOf(truth["audio"], "audio");
  if (!audioCaption) return tl::unexpected(audioCaption.error());
  auto visualCaption = captionOf(truth["visual"], "visual");
  if (!visualCaption) return tl::unexpected(visualCaption.error());
  auto jointCaption = captionOf(truth["joint"], "joint");
  if (!jointCaption) return tl::unexpected(jointCaption.error());
  out.audioCaption = std::move(*audioCaption);
  out.visualCaption = std::move(*visualCaption);
  out.jointCaption = std::move(*jointCaption);
  return out;
}

}  // namespace ugc::annotation
