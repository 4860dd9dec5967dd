#include "demo/demo_ground_truth.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace ugc::demo {
namespace {

std::string seconds(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

double round3(double value) { return std::round(value * 1000.0) / 1000.0; }

std::string positionName(const Shape& shape) {
  if (shape.motion == Motion::LeftToRight || shape.motion == Motion::RightToLeft) {
    return shape.y < 0.4 ? "upper part of the screen" : shape.y > 0.6 ? "lower part of the screen" : "middle of the screen";
  }
  const std::string vertical = shape.y < 0.35 ? "top" : shape.y > 0.65 ? "bottom" : "center";
  const std::string horizontal = shape.x < 0.35 ? "left" : shape.x > 0.65 ? "right" : "";
  if (horizontal.empty()) return vertical == "center" ? "center of the screen" : vertical + " of the screen";
  return vertical == "center" ? horizontal + " side of the screen" : vertical + " " + horizontal + " of the screen";
}

std::string locatedAt(const std::string& position) {
  return (position.find("side") != std::string::npos ? "on the " : "in the ") + position;
}

std::string motionPhrase(Motion motion) {
  switch (motion) {
    case Motion::Static: return "stays still";
    case Motion::LeftToRight: return "moves from left to right";
    case Motion::RightToLeft: return "moves from right to left";
    case Motion::UpDown: return "bounces up and down";
  }
  return "";
}

std::string placementName(Placement placement) {
  switch (placement) {
    case Placement::Top: return "top";
    case Placement::Center: return "center";
    case Placement::Bottom: return "bottom";
  }
  return "";
}

std::string toneAdjective(const std::string& tone) {
  if (tone == "Positive") return "cheerful, upbeat";
  if (tone == "Negative") return "unhappy, frustrated";
  return "calm, matter-of-fact";
}

std::string musicPhrase(MusicStyle style) {
  switch (style) {
    case MusicStyle::Cheerful: return "bright, cheerful background music with a bouncy melody plays throughout";
    case MusicStyle::Exciting: return "fast, energetic background music with a pounding beat drives the clip";
    case MusicStyle::Sad: return "slow, melancholic background music in a minor key plays softly underneath";
    case MusicStyle::Soothing: return "slow, soothing background music with gentle sustained notes plays throughout";
    case MusicStyle::None: return "";
  }
  return "";
}

std::string capitalize(std::string text) {
  if (!text.empty()) text[0] = char(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

std::string speakersPhrase(const ClipScript& script, const ClipTimeline& timeline) {
  std::set<Voice> voices;
  for (const auto& s : timeline.speech) voices.insert(s.voice);
  if (voices.empty()) return "";
  std::string text;
  if (voices.size() == 1) {
    text = std::string("a ") + voiceGender(*voices.begin()) + " voice speaks in English in a " +
           toneAdjective(script.tone) + " tone";
  } else {
    text = "a female and a male voice talk with each other in English in a " + toneAdjective(script.tone) + " tone";
  }
  text += ", saying ";
  for (size_t i = 0; i < timeline.speech.size(); ++i) {
    if (i > 0) text += i + 1 == timeline.speech.size() ? " and then " : ", then ";
    if (voices.size() > 1) text += std::string("(the ") + (timeline.speech[i].voice == Voice::Male ? "man" : "woman") + ") ";
    text += "\"" + timeline.speech[i].text + "\"";
  }
  return text;
}

std::string audioCaption(const ClipScript& script, const ClipTimeline& timeline) {
  if (!script.audioStream) return "The clip has no audio track at all, so no voices, music or sound effects can be heard.";
  std::vector<std::string> sentences;
  const std::string speech = speakersPhrase(script, timeline);
  if (!speech.empty()) sentences.push_back(capitalize(speech) + ".");
  if (script.music != MusicStyle::None) {
    sentences.push_back(capitalize(musicPhrase(script.music)) + (speech.empty() ? ", with no voices at all." : "."));
  } else if (!speech.empty()) {
    sentences.push_back("There is no background music.");
  }
  if (script.beeps) sentences.push_back("Short, sharp electronic beeps punctuate the audio as sound effects.");
  if (sentences.empty()) return "The audio track is completely silent: no voices, music or sound effects can be heard.";
  if (!speech.empty()) {
    sentences.push_back(std::string("The overall mood is ") +
                        (script.tone == "Positive" ? "upbeat and friendly." : script.tone == "Negative" ? "gloomy and upset." : "calm and informative."));
  }
  std::string caption;
  for (const auto& s : sentences) caption += (caption.empty() ? "" : " ") + s;
  return caption;
}

std::string shapesSentence(const ClipScript& script) {
  std::string text;
  for (const auto& shape : script.shapes) {
    text += (text.empty() ? "" : " ") + capitalize("a " + shape.colorName + " " + shape.category + " " +
                                                    motionPhrase(shape.motion) + " " + locatedAt(positionName(shape))) + ".";
  }
  return text;
}

std::string textSentence(const ClipScript& script) {
  if (script.texts.empty()) return "No on-screen text appears.";
  std::string text;
  for (size_t i = 0; i < script.texts.size(); ++i) {
    const auto& overlay = script.texts[i];
    text += (text.empty() ? "" : " ") + std::string(i == 0 ? "Bold white on-screen text with a black outline reads \""
                                                              : "Then the text \"") +
            overlay.text + "\" " + (i == 0 ? "at the " : "appears at the ") + placementName(overlay.placement) +
            " of the screen from " + seconds(overlay.start) + " to " + seconds(overlay.end) + " seconds" +
            (i == 0 ? ", serving as the video's title." : ".");
  }
  return text;
}

std::string visualCaption(const ClipScript& script) {
  std::string caption = "This vertical video is set against " + script.scenes[0].description +
                        " whose colours drift slowly.";
  for (size_t i = 1; i < script.scenes.size(); ++i) {
    caption += " At about " + seconds(script.scenes[i].start) + " seconds the background cuts to " +
               script.scenes[i].description + ".";
  }
  const std::string shapes = shapesSentence(script);
  if (!shapes.empty()) caption += " " + shapes;
  caption += " " + textSentence(script);
  return caption;
}

std::string jointCaption(const ClipScript& script, const ClipTimeline& timeline) {
  std::string caption = "Set against " + script.scenes[0].description;
  if (script.scenes.size() > 1) caption += " that later cuts to " + script.scenes.back().description;
  caption += ", this vertical clip shows ";
  std::string shapes;
  for (size_t i = 0; i < script.shapes.size(); ++i) {
    const auto& shape = script.shapes[i];
    if (i > 0) shapes += i + 1 == script.shapes.size() ? " and " : ", ";
    shapes += "a " + shape.colorName + " " + shape.category + " that " + motionPhrase(shape.motion);
  }
  caption += (shapes.empty() ? "only the changing colours" : shapes) + ".";
  const std::string speech = speakersPhrase(script, timeline);
  if (!script.audioStream) {
    caption += " The clip has no sound at all.";
  } else if (!speech.empty()) {
    caption += " In the audio, " + speech + ".";
  }
  if (script.music != MusicStyle::None) caption += " " + capitalize(musicPhrase(script.music)) + ".";
  if (script.beeps) caption += " Electronic beeps add emphasis.";
  if (script.audioStream && speech.empty() && script.music == MusicStyle::None && !script.beeps) {
    caption += " The soundtrack is silent.";
  }
  if (!script.texts.empty()) {
    caption += " On-screen text reads ";
    for (size_t i = 0; i < script.texts.size(); ++i) {
      if (i > 0) caption += i + 1 == script.texts.size() ? " and " : ", ";
      caption += "\"" + script.texts[i].text + "\"";
    }
    caption += ", reinforcing the message.";
  }
  caption += " Overall, the video is " + script.topic + ".";
  return caption;
}

}  // namespace

nlohmann::ordered_json groundTruth(const ClipScript& script, const ClipTimeline& timeline, int width, int height,
                                   int fps) {
  using nlohmann::ordered_json;
  std::set<Voice> voices;
  for (const auto& s : timeline.speech) voices.insert(s.voice);
  ordered_json genders = ordered_json::array();
  for (Voice v : voices) genders.push_back(voiceGender(v));

  ordered_json audio = {
      {"speaker_count", int(voices.size())},
      {"tone", script.tone},
      {"background_music", script.music != MusicStyle::None ? "Yes" : "No"},
      {"language", voices.empty() ? "" : "English"},
      {"music_style", musicStyleName(script.music)},
      {"voice_source", voices.empty() ? "" : script.voiceSource},
      {"speaker_genders", genders},
      {"caption", audioCaption(script, timeline)},
  };

  // Objects: shapes of the same category, colour and motion are one entry with a count.
  std::map<std::string, std::pair<const Shape*, int>> grouped;
  std::vector<std::string> order;
  for (const auto& shape : script.shapes) {
    const std::string key = shape.category + "|" + shape.colorName + "|" + motionPhrase(shape.motion);
    if (!grouped.count(key)) order.push_back(key);
    grouped[key].first = &shape;
    grouped[key].second += 1;
  }
  ordered_json objects = ordered_json::array();
  std::string motion;
  for (const auto& key : order) {
    const auto& [shape, count] = grouped[key];
    objects.push_back({{"category", shape->category},
                       {"count", count},
                       {"color", shape->colorName},
                       {"position", count > 1 ? std::string("across the screen") : positionName(*shape)},
                       {"action", motionPhrase(shape->motion)}});
    if (shape->motion != Motion::Static) {
      motion += (motion.empty() ? "" : "; ") + std::string("a ") + shape->colorName + " " + shape->category + " " +
                motionPhrase(shape->motion);
    }
  }
  if (motion.empty()) motion = "no significant motion; the shapes stay still while the background colours drift";

  std::string change;
  for (size_t i = 1; i < script.scenes.size(); ++i) {
    change += (change.empty() ? "" : " ") + std::string("At ") + seconds(script.scenes[i].start) +
              " s the background changes from " + script.scenes[i - 1].description + " to " +
              script.scenes[i].description + ".";
  }
  ordered_json ocr = ordered_json::array();
  for (const auto& t : script.texts) ocr.push_back(t.text);

  ordered_json visual = {
      {"background", script.scenes[0].shortName + " backdrop"},
      {"background_changes", script.scenes.size() > 1},
      {"background_change", change},
      {"motion", motion},
      {"ocr", ocr},
      {"objects", objects},
      {"caption", visualCaption(script)},
  };

  ordered_json speech = ordered_json::array();
  for (const auto& s : timeline.speech) {
    speech.push_back({{"start", round3(s.start)}, {"end", round3(s.end)}, {"gender", voiceGender(s.voice)}, {"text", s.text}});
  }
  ordered_json sceneChanges = ordered_json::array();
  for (size_t i = 1; i < script.scenes.size(); ++i) sceneChanges.push_back(script.scenes[i].start);
  ordered_json texts = ordered_json::array();
  for (const auto& t : script.texts) texts.push_back({{"text", t.text}, {"start", t.start}, {"end", t.end}});
  ordered_json music = ordered_json::array();
  if (script.music != MusicStyle::None) music.push_back({{"start", 0.0}, {"end", script.duration}});

  return {
      {"format", kGroundTruthFormat},
      {"video_id", script.id},
      {"file", script.id + ".mp4"},
      {"duration", script.duration},
      {"width", width},
      {"height", height},
      {"fps", fps},
      {"has_audio_stream", script.audioStream},
      {"audio", audio},
      {"visual", visual},
      {"joint", {{"caption", jointCaption(script, timeline)}}},
      {"timeline",
       {{"speech", speech}, {"music", music}, {"beeps", timeline.beeps}, {"scene_changes", sceneChanges}, {"text", texts}}},
  };
}

}  // namespace ugc::demo
