#include "pipeline/stage_facts.h"

#include "db/project.h"
#include "pipeline/draft_service.h"
#include "pipeline/project_extraction.h"
#include "pipeline/suggestions.h"

namespace ugc::pipeline {
namespace {

using annotation::Stage;

constexpr double kTranscriptPauseSeconds = 0.7;

std::vector<annotation::TranscriptSpanFact> transcriptSpans(const model::TranscriptSignal& transcript) {
  std::vector<annotation::TranscriptSpanFact> spans;
  const model::TranscriptWord* previous = nullptr;
  for (const model::TranscriptWord& word : transcript.words) {
    const bool split = !previous || previous->quotable != word.quotable ||
                       word.range.start - previous->range.end > kTranscriptPauseSeconds;
    if (split) {
      spans.push_back({word.range.start, word.range.end, word.text, word.confidence});
    } else {
      auto& span = spans.back();
      span.text += " " + word.text;
      span.endSeconds = word.range.end;
      // A quotable run is as sure as its least sure word; the other runs as their surest one, so
      // they stay below the threshold.
      span.confidence = word.quotable ? std::min(span.confidence, word.confidence)
                                      : std::max(span.confidence, word.confidence);
    }
    previous = &word;
  }
  return spans;
}

std::string languageName(const model::TranscriptSignal& transcript) {
  if (transcript.language == "en" && transcript.languageConfidence >= 0.5) return "English";
  return {};
}

std::vector<annotation::AudioEventFact> audioEvents(const model::AudioEventsSignal& audio) {
  std::vector<annotation::AudioEventFact> events;
  if (audio.musicPresent) {
    for (const model::TimeRange& range : audio.music) {
      events.push_back({"Music", range.start, range.end, audio.musicConfidence});
    }
  }
  for (const model::TimeRange& range : audio.speech) events.push_back({"Speech", range.start, range.end, 1.0});
  return events;
}

}  // namespace

annotation::AudioFields withSuggestions(annotation::AudioFields confirmed, const annotation::AudioFields& suggested) {
  if (!confirmed.speakerCount) confirmed.speakerCount = suggested.speakerCount;
  if (confirmed.tone.empty()) confirmed.tone = suggested.tone;
  if (confirmed.backgroundMusic.empty()) confirmed.backgroundMusic = suggested.backgroundMusic;
  if (confirmed.language.empty()) confirmed.language = suggested.language;
  if (confirmed.musicStyle.empty()) confirmed.musicStyle = suggested.musicStyle;
  if (confirmed.voiceSource.empty()) confirmed.voiceSource = suggested.voiceSource;
  if (confirmed.speakerGenders.empty()) confirmed.speakerGenders = suggested.speakerGenders;
  return confirmed;
}

annotation::VisualFields withSuggestions(annotation::VisualFields confirmed, const annotation::VisualFields& suggested) {
  if (confirmed.background.empty()) confirmed.background = suggested.background;
  if (!confirmed.backgroundChanges) confirmed.backgroundChanges = suggested.backgroundChanges;
  if (confirmed.backgroundChange.empty()) confirmed.backgroundChange = suggested.backgroundChange;
  if (confirmed.motion.empty()) confirmed.motion = suggested.motion;
  if (confirmed.ocrLines.empty()) confirmed.ocrLines = suggested.ocrLines;
  if (confirmed.objects.empty()) confirmed.objects = suggested.objects;
  return confirmed;
}

annotation::FaithfulnessFacts stageFacts(Stage stage, const annotation::AudioFields& audio,
                                         const annotation::VisualFields& visual,
                                         const std::optional<model::Signals>& extracted) {
  annotation::FaithfulnessFacts facts;
  const bool hears = stage != Stage::Visual;
  const bool sees = stage != Stage::Audio;
  if (hears) facts.audio = audio;
  if (sees) facts.visual = visual;
  if (!extracted) return facts;
  if (sees && extracted->ocr.ran) {
    std::vector<std::string> lines;
    for (const model::OcrLine& line : extracted->ocr.lines) lines.push_back(line.text);
    facts.ocrLines = std::move(lines);
  }
  if (sees && extracted->scenes.ran) facts.sceneChangeSeconds = extracted->scenes.changeTimes;
  if (hears && extracted->transcript.ran) {
    facts.transcript = transcriptSpans(extracted->transcript);
    if (extracted->transcript.quotableThreshold > 0) {
      facts.transcriptConfidenceThreshold = extracted->transcript.quotableThreshold;
    }
    facts.transcriptLanguage = languageName(extracted->transcript);
  }
  if (hears && extracted->audio.ran) facts.audioEvents = audioEvents(extracted->audio);
  return facts;
}

annotation::FaithfulnessFacts stageFacts(Stage stage, const StageContext& context) {
  if (!context.extracted) return stageFacts(stage, context.audio, context.visual, std::nullopt);
  return stageFacts(stage, withSuggestions(context.audio, audioSuggestions(*context.extracted)),
                    withSuggestions(context.visual, visualSuggestions(*context.extracted)), context.extracted);
}

Result<annotation::FaithfulnessFacts> videoStageFacts(db::Project& project, const std::string& videoId, Stage stage) {
  auto extracted = cachedSignalsForVideo(project, videoId);
  if (!extracted) return tl::unexpected(extracted.error());
  annotation::AudioFields audio;
  annotation::VisualFields visual;
  for (Stage fieldsStage : {Stage::Audio, Stage::Visual}) {
    auto head = project.headRevision(videoId, fieldsStage);
    if (!head) return tl::unexpected(head.error());
    if (!*head) continue;
    if ((*head)->audio) audio = *(*head)->audio;
    if ((*head)->visual) visual = *(*head)->visual;
  }
  if (*extracted) {
    audio = withSuggestions(audio, audioSuggestions(**extracted));
    visual = withSuggestions(visual, visualSuggestions(**extracted));
  }
  return stageFacts(stage, audio, visual, *extracted);
}

}  // namespace ugc::pipeline
