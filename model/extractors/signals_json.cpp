// JSON form of Signals: the cache format and `ugccap extract --json`. Field names are
// snake_case; times are seconds. fromJson accepts exactly what toJson writes.
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "model/extractors/signals.h"

namespace ugc::model {
namespace {

using nlohmann::json;

constexpr const char* kFormat = "ugc-videocap-signals/3";

json rangeJson(const TimeRange& r) { return json::array({r.start, r.end}); }
// A count from the JSON: a whole number that fits an int. nlohmann's get<int>() casts any
// number (7.8e46 included), which is undefined behaviour; found by fuzz_signals_json.
int intFrom(const json& value) {
  if (value.is_number_unsigned()) {
    const auto number = value.get<uint64_t>();
    if (number > uint64_t(std::numeric_limits<int>::max()))
      throw std::out_of_range("count out of range: " + value.dump());
    return int(number);
  }
  if (value.is_number_integer()) {
    const auto number = value.get<int64_t>();
    if (number < std::numeric_limits<int>::min() || number > std::numeric_limits<int>::max())
      throw std::out_of_range("count out of range: " + value.dump());
    return int(number);
  }
  throw std::invalid_argument("a whole number was expected, got " + value.dump());
}

TimeRange rangeFrom(const json& j) { return {j.at(0).get<double>(), j.at(1).get<double>()}; }

json boxJson(const FrameBox& b) { return json::array({b.x, b.y, b.width, b.height}); }
FrameBox boxFrom(const json& j) {
  if (!j.is_array() || j.size() != 4) throw std::invalid_argument("a box is [x, y, width, height], got " + j.dump());
  return {j.at(0).get<double>(), j.at(1).get<double>(), j.at(2).get<double>(), j.at(3).get<double>()};
}

json rangesJson(const std::vector<TimeRange>& ranges) {
  json out = json::array();
  for (const auto& r : ranges) out.push_back(rangeJson(r));
  return out;
}
std::vector<TimeRange> rangesFrom(const json& j) {
  std::vector<TimeRange> out;
  for (const auto& r : j) out.push_back(rangeFrom(r));
  return out;
}

}  // namespace

// The names the JSON form uses (also for the CLI's tables).
const char* audioEventKindName(AudioEventKind kind) {
  switch (kind) {
    case AudioEventKind::Silence:
      return "silence";
    case AudioEventKind::Speech:
      return "speech";
    case AudioEventKind::Music:
      return "music";
    case AudioEventKind::SpeechOverMusic:
      return "speech_over_music";
    case AudioEventKind::Other:
      return "other";
  }
  return "other";
}

std::optional<AudioEventKind> audioEventKindFromName(const std::string& name) {
  for (auto kind : {AudioEventKind::Silence, AudioEventKind::Speech, AudioEventKind::Music,
                    AudioEventKind::SpeechOverMusic, AudioEventKind::Other})
    if (name == audioEventKindName(kind)) return kind;
  return std::nullopt;
}

const char* genderName(Gender gender) {
  switch (gender) {
    case Gender::Male:
      return "male";
    case Gender::Female:
      return "female";
    case Gender::Unknown:
      return "unknown";
  }
  return "unknown";
}

Gender genderFromName(const std::string& name) {
  if (name == "male") return Gender::Male;
  if (name == "female") return Gender::Female;
  return Gender::Unknown;
}

std::string toJson(const Signals& s, int indent) {
  json ocr = {{"ran", s.ocr.ran},
              {"frames_sampled", s.ocr.framesSampled},
              {"recognition_calls", s.ocr.recognitionCalls},
              {"detector_calls", s.ocr.detectorCalls},
              {"engine", s.ocr.engine},
              {"note", s.ocr.note}};
  ocr["lines"] = json::array();
  for (const auto& line : s.ocr.lines)
    ocr["lines"].push_back({{"text", line.text},
                            {"confidence", line.confidence},
                            {"frames", line.frames},
                            {"ranges", rangesJson(line.ranges)},
                            {"box", boxJson(line.box)},
                            {"position", line.position}});

  json objects = {{"ran", s.objects.ran},
                  {"method", s.objects.method},
                  {"note", s.objects.note},
                  {"frames_sampled", s.objects.framesSampled},
                  {"frames_detected", s.objects.framesDetected}};
  objects["frames"] = json::array();
  for (const auto& f : s.objects.frames) {
    json detections = json::array();
    for (const auto& d : f.detections)
      detections.push_back({{"category", d.category}, {"score", d.score}, {"box", boxJson(d.box)}, {"color", d.color}});
    objects["frames"].push_back({{"time", f.time}, {"detections", detections}});
  }
  objects["summary"] = json::array();
  for (const auto& o : s.objects.summary)
    objects["summary"].push_back({{"category", o.category},
                                  {"count", o.count},
                                  {"color", o.color},
                                  {"position", o.position},
                                  {"confidence", o.confidence},
                                  {"frames", o.frames}});

  json faces = {{"ran", s.faces.ran},          {"method", s.faces.method},     {"note", s.faces.note},
                {"frames_sampled", s.faces.framesSampled}, {"frames_detected", s.faces.framesDetected}, {"count", s.faces.count}, {"positions", s.faces.positions}};
  faces["frames"] = json::array();
  for (const auto& f : s.faces.frames) {
    json boxes = json::array();
    for (const auto& b : f.faces) boxes.push_back(boxJson(b));
    faces["frames"].push_back({{"time", f.time}, {"faces", boxes}, {"scores", f.scores}});
  }

  json audio = {{"ran", s.audio.ran},
                {"silent_track", s.audio.silentTrack},
                {"music_present", s.audio.musicPresent},
                {"music_confidence", s.audio.musicConfidence},
                {"speech_seconds", s.audio.speechSeconds},
                {"method", s.audio.method},
                {"speech", rangesJson(s.audio.speech)},
                {"music", rangesJson(s.audio.music)},
                {"other_sounds", rangesJson(s.audio.otherSounds)}};
  audio["segments"] = json::array();
  for (const auto& seg : s.audio.segments)
    audio["segments"].push_back({{"range", rangeJson(seg.range)},
                                 {"kind", audioEventKindName(seg.kind)},
                                 {"loudness_db", seg.loudnessDb},
                                 {"music_score", seg.musicScore},
                                 {"speech_score", seg.speechScore},
                                 {"other_score", seg.otherScore},
                                 {"silence_score", seg.silenceScore}});

  json voice = {{"ran", s.voice.ran},
                {"speaker_count", s.voice.speakerCount},
                {"speaker_count_confidence", s.voice.speakerCountConfidence},
                {"limits", s.voice.limits}};
  voice["turns"] = json::array();
  for (const auto& t : s.voice.turns)
    voice["turns"].push_back({{"range", rangeJson(t.range)},
                              {"median_f0", t.medianF0},
                              {"voiced_frames", t.voicedFrames},
                              {"gender", genderName(t.gender)},
                              {"gender_confidence", t.genderConfidence},
                              {"speaker", t.speaker}});
  voice["speakers"] = json::array();
  for (const auto& sp : s.voice.speakers)
    voice["speakers"].push_back({{"gender", genderName(sp.gender)},
                                 {"gender_confidence", sp.genderConfidence},
                                 {"median_f0", sp.medianF0},
                                 {"speaking_seconds", sp.speakingSeconds}});

  json scenes = {{"ran", s.scenes.ran},
                 {"change_times", s.scenes.changeTimes},
                 {"background_changes", s.scenes.backgroundChanges},
                 {"method", s.scenes.method}};
  json loudness = {{"ran", s.loudness.ran},
                   {"sample_peak_dbfs", s.loudness.samplePeakDbfs},
                   {"clipping_ratio", s.loudness.clippingRatio},
                   {"method", s.loudness.method}};
  loudness["integrated_lufs"] = s.loudness.integratedLufs ? json(*s.loudness.integratedLufs) : json(nullptr);

  json transcript = {{"ran", s.transcript.ran},
                     {"text", s.transcript.text},
                     {"mean_confidence", s.transcript.meanConfidence},
                     {"quotable_threshold", s.transcript.quotableThreshold},
                     {"language", s.transcript.language},
                     {"language_confidence", s.transcript.languageConfidence},
                     {"method", s.transcript.method}};
  transcript["words"] = json::array();
  for (const auto& w : s.transcript.words)
    transcript["words"].push_back(
        {{"text", w.text}, {"range", rangeJson(w.range)}, {"confidence", w.confidence}, {"quotable", w.quotable}});

  json timings = json::object();
  for (const auto& t : s.timings) timings[t.name] = t.seconds;

  json voiceActivity = {{"ran", s.voiceActivity.ran},
                        {"speech_seconds", s.voiceActivity.speechSeconds},
                        {"method", s.voiceActivity.method}};
  voiceActivity["segments"] = json::array();
  for (const auto& seg : s.voiceActivity.segments)
    voiceActivity["segments"].push_back({{"range", rangeJson(seg.range)}, {"probability", seg.probability}});

  json doc = {{"format", kFormat},
              {"file", s.file},
              {"duration", s.duration},
              {"has_video", s.hasVideo},
              {"has_audio", s.hasAudio},
              {"audio_analysed_seconds", s.audioAnalysedSeconds},
              {"ocr", ocr},
              {"objects", objects},
              {"faces", faces},
              {"audio", audio},
              {"voice", voice},
              {"scenes", scenes},
              {"loudness", loudness},
              {"transcript", transcript},
              {"timings", timings},
              {"voice_activity", voiceActivity}};
  return doc.dump(indent);
}

Result<Signals> signalsFromJson(const std::string& text) {
  try {
    const json doc = json::parse(text);
    if (doc.value("format", "") != kFormat)
      return makeError(ErrorCode::Unsupported, "not a " + std::string(kFormat) + " document");
    Signals s;
    s.file = doc.at("file").get<std::string>();
    s.duration = doc.at("duration").get<double>();
    s.hasVideo = doc.at("has_video").get<bool>();
    s.hasAudio = doc.at("has_audio").get<bool>();
    s.audioAnalysedSeconds = doc.at("audio_analysed_seconds").get<double>();

    const json& ocr = doc.at("ocr");
    s.ocr.ran = ocr.at("ran").get<bool>();
    s.ocr.framesSampled = intFrom(ocr.at("frames_sampled"));
    s.ocr.recognitionCalls = intFrom(ocr.at("recognition_calls"));
    // Absent in signals cached before the change gate: every frame was detected then.
    s.ocr.detectorCalls = ocr.contains("detector_calls") ? intFrom(ocr.at("detector_calls")) : s.ocr.framesSampled;
    s.ocr.engine = ocr.at("engine").get<std::string>();
    s.ocr.note = ocr.at("note").get<std::string>();
    for (const auto& l : ocr.at("lines"))
      s.ocr.lines.push_back({l.at("text").get<std::string>(), l.at("confidence").get<double>(),
                             rangesFrom(l.at("ranges")), intFrom(l.at("frames")), boxFrom(l.at("box")),
                             l.at("position").get<std::string>()});

    const json& objects = doc.at("objects");
    s.objects.ran = objects.at("ran").get<bool>();
    s.objects.method = objects.at("method").get<std::string>();
    s.objects.note = objects.at("note").get<std::string>();
    s.objects.framesSampled = intFrom(objects.at("frames_sampled"));
    s.objects.framesDetected =
        objects.contains("frames_detected") ? intFrom(objects.at("frames_detected")) : s.objects.framesSampled;
    for (const auto& f : objects.at("frames")) {
      ObjectFrame frame{f.at("time").get<double>(), {}};
      for (const auto& d : f.at("detections"))
        frame.detections.push_back({d.at("category").get<std::string>(), d.at("score").get<double>(),
                                    boxFrom(d.at("box")), d.at("color").get<std::string>()});
      s.objects.frames.push_back(std::move(frame));
    }
    for (const auto& o : objects.at("summary"))
      s.objects.summary.push_back({o.at("category").get<std::string>(), intFrom(o.at("count")),
                                   o.at("color").get<std::string>(), o.at("position").get<std::string>(),
                                   o.at("confidence").get<double>(), intFrom(o.at("frames"))});

    const json& faces = doc.at("faces");
    s.faces.ran = faces.at("ran").get<bool>();
    s.faces.method = faces.at("method").get<std::string>();
    s.faces.note = faces.at("note").get<std::string>();
    s.faces.framesSampled = intFrom(faces.at("frames_sampled"));
    s.faces.framesDetected = faces.contains("frames_detected") ? intFrom(faces.at("frames_detected")) : s.faces.framesSampled;
    s.faces.count = intFrom(faces.at("count"));
    s.faces.positions = faces.at("positions").get<std::vector<std::string>>();
    for (const auto& f : faces.at("frames")) {
      FaceFrame frame{f.at("time").get<double>(), {}, f.at("scores").get<std::vector<double>>()};
      for (const auto& b : f.at("faces")) frame.faces.push_back(boxFrom(b));
      if (frame.scores.size() != frame.faces.size()) throw std::invalid_argument("faces and scores differ in number");
      s.faces.frames.push_back(std::move(frame));
    }

    const json& audio = doc.at("audio");
    s.audio.ran = audio.at("ran").get<bool>();
    s.audio.silentTrack = audio.at("silent_track").get<bool>();
    s.audio.musicPresent = audio.at("music_present").get<bool>();
    s.audio.musicConfidence = audio.at("music_confidence").get<double>();
    s.audio.speechSeconds = audio.at("speech_seconds").get<double>();
    s.audio.method = audio.at("method").get<std::string>();
    s.audio.speech = rangesFrom(audio.at("speech"));
    s.audio.music = rangesFrom(audio.at("music"));
    s.audio.otherSounds = rangesFrom(audio.at("other_sounds"));
    for (const auto& seg : audio.at("segments")) {
      const auto kind = audioEventKindFromName(seg.at("kind").get<std::string>());
      if (!kind) return makeError(ErrorCode::InvalidInput, "unknown audio event kind " + seg.at("kind").dump());
      s.audio.segments.push_back({rangeFrom(seg.at("range")), *kind, seg.at("loudness_db").get<double>(),
                                  seg.at("music_score").get<double>(), seg.at("speech_score").get<double>(),
                                  seg.at("other_score").get<double>(), seg.at("silence_score").get<double>()});
    }

    const json& voice = doc.at("voice");
    s.voice.ran = voice.at("ran").get<bool>();
    s.voice.speakerCount = intFrom(voice.at("speaker_count"));
    s.voice.speakerCountConfidence = voice.at("speaker_count_confidence").get<double>();
    s.voice.limits = voice.at("limits").get<std::string>();
    for (const auto& t : voice.at("turns"))
      s.voice.turns.push_back({rangeFrom(t.at("range")), t.at("median_f0").get<double>(),
                               intFrom(t.at("voiced_frames")), genderFromName(t.at("gender").get<std::string>()),
                               t.at("gender_confidence").get<double>(), intFrom(t.at("speaker"))});
    for (const auto& sp : voice.at("speakers"))
      s.voice.speakers.push_back({genderFromName(sp.at("gender").get<std::string>()),
                                  sp.at("gender_confidence").get<double>(), sp.at("median_f0").get<double>(),
                                  sp.at("speaking_seconds").get<double>()});

    const json& scenes = doc.at("scenes");
    s.scenes.ran = scenes.at("ran").get<bool>();
    s.scenes.changeTimes = scenes.at("change_times").get<std::vector<double>>();
    s.scenes.backgroundChanges = scenes.at("background_changes").get<bool>();
    s.scenes.method = scenes.at("method").get<std::string>();

    const json& loudness = doc.at("loudness");
    s.loudness.ran = loudness.at("ran").get<bool>();
    if (!loudness.at("integrated_lufs").is_null())
      s.loudness.integratedLufs = loudness.at("integrated_lufs").get<double>();
    s.loudness.samplePeakDbfs = loudness.at("sample_peak_dbfs").get<double>();
    s.loudness.clippingRatio = loudness.at("clipping_ratio").get<double>();
    s.loudness.method = loudness.at("method").get<std::string>();

    const json& transcript = doc.at("transcript");
    s.transcript.ran = transcript.at("ran").get<bool>();
    s.transcript.text = transcript.at("text").get<std::string>();
    s.transcript.meanConfidence = transcript.at("mean_confidence").get<double>();
    s.transcript.quotableThreshold = transcript.at("quotable_threshold").get<double>();
    s.transcript.language = transcript.at("language").get<std::string>();
    s.transcript.languageConfidence = transcript.at("language_confidence").get<double>();
    s.transcript.method = transcript.at("method").get<std::string>();
    for (const auto& w : transcript.at("words"))
      s.transcript.words.push_back({w.at("text").get<std::string>(), rangeFrom(w.at("range")),
                                    w.at("confidence").get<double>(), w.at("quotable").get<bool>()});

    const json& voiceActivity = doc.at("voice_activity");
    s.voiceActivity.ran = voiceActivity.at("ran").get<bool>();
    s.voiceActivity.speechSeconds = voiceActivity.at("speech_seconds").get<double>();
    s.voiceActivity.method = voiceActivity.at("method").get<std::string>();
    for (const auto& seg : voiceActivity.at("segments"))
      s.voiceActivity.segments.push_back({rangeFrom(seg.at("range")), seg.at("probability").get<double>()});

    for (const auto& [name, seconds] : doc.at("timings").items()) s.timings.push_back({name, seconds.get<double>()});
    return s;
  } catch (const std::exception& e) {
    return makeError(ErrorCode::InvalidInput, std::string("signals JSON: ") + e.what());
  }
}

}  // namespace ugc::model
