#include "annotation/qa_templates.h"

#include <algorithm>
#include <iterator>

#include "annotation/object_list.h"

namespace ugc::annotation {
namespace {

template <std::size_t N>
std::vector<std::string> toStrings(const char* const (&items)[N]) {
  return std::vector<std::string>(std::begin(items), std::end(items));
}

QaPair makePair(std::string_view videoId, QaType type, std::string answer) {
  QaPair pair;
  pair.videoId = std::string(videoId);
  pair.type = type;
  pair.question = std::string(templateQuestion(type));
  pair.options = templateOptions(type);
  pair.answer = std::move(answer);
  return pair;
}

bool isTemplateType(QaType type) {
  return std::find(std::begin(kTemplateQaTypes), std::end(kTemplateQaTypes), type) != std::end(kTemplateQaTypes);
}

bool sameContent(const QaPair& a, const QaPair& b) {
  return a.question == b.question && a.options == b.options && a.answer == b.answer && a.answerLines == b.answerLines;
}

}  // namespace

std::string_view templateQuestion(QaType type) {
  switch (type) {
    case QaType::Tone:
      return kToneQuestion;
    case QaType::VoiceSource:
      return kVoiceSourceQuestion;
    case QaType::Ocr:
      return "";
    case QaType::BackgroundChange:
      return kBackgroundChangeQuestion;
    case QaType::Objects:
      return kObjectsQuestion;
    case QaType::BackgroundMusic:
      return kBackgroundMusicQuestion;
    case QaType::AudioCaption:
      return kAudioCaptionPrompt;
    case QaType::VisualCaption:
      return kVisualCaptionPrompt;
    case QaType::FinalCaption:
      return kFinalCaptionPrompt;
  }
  return "";
}

std::vector<std::string> templateOptions(QaType type) {
  switch (type) {
    case QaType::Tone:
      return toStrings(kToneOptions);
    case QaType::VoiceSource:
      return toStrings(kVoiceSourceOptions);
    case QaType::BackgroundMusic:
      return toStrings(kYesNoOptions);
    default:
      return {};
  }
}

bool hasVoice(const AudioFields& audio) { return !audio.voiceSource.empty() && audio.speakerCount.value_or(1) != 0; }

std::vector<QaPair> generateTemplateQa(std::string_view videoId, const AudioFields& audio, const VisualFields& visual) {
  std::vector<QaPair> pairs;
  if (!audio.tone.empty()) pairs.push_back(makePair(videoId, QaType::Tone, audio.tone));
  if (hasVoice(audio)) pairs.push_back(makePair(videoId, QaType::VoiceSource, audio.voiceSource));
  if (!visual.ocrLines.empty()) {
    QaPair ocr = makePair(videoId, QaType::Ocr, "");
    ocr.answerLines = visual.ocrLines;
    pairs.push_back(std::move(ocr));
  }
  if (visual.backgroundChanges.value_or(false) && !visual.backgroundChange.empty())
    pairs.push_back(makePair(videoId, QaType::BackgroundChange, visual.backgroundChange));
  if (!visual.objects.empty()) pairs.push_back(makePair(videoId, QaType::Objects, formatObjectList(visual.objects)));
  if (!audio.backgroundMusic.empty())
    pairs.push_back(makePair(videoId, QaType::BackgroundMusic, audio.backgroundMusic));
  return pairs;
}

std::vector<QaPair> generateCaptionQa(std::string_view videoId, std::string_view audioCaption,
                                      std::string_view visualCaption, std::string_view finalCaption) {
  std::vector<QaPair> pairs;
  const std::pair<QaType, std::string_view> captions[] = {{QaType::AudioCaption, audioCaption},
                                                          {QaType::VisualCaption, visualCaption},
                                                          {QaType::FinalCaption, finalCaption}};
  for (const auto& [type, text] : captions) {
    if (!text.empty()) pairs.push_back(makePair(videoId, type, std::string(text)));
  }
  return pairs;
}

std::string_view qaChangeKindName(QaChangeKind kind) {
  switch (kind) {
    case QaChangeKind::Added:
      return "added";
    case QaChangeKind::Updated:
      return "updated";
    case QaChangeKind::Removed:
      return "removed";
    case QaChangeKind::Unchanged:
      return "unchanged";
    case QaChangeKind::KeptHuman:
      return "kept_human";
  }
  return "unknown";
}

QaRegeneration regenerateQa(std::string_view videoId, const std::vector<QaPair>& current, const AudioFields& audio,
                            const VisualFields& visual) {
  QaRegeneration result;
  const std::vector<QaPair> generated = generateTemplateQa(videoId, audio, visual);
  auto generatedOf = [&](QaType type) -> const QaPair* {
    for (const QaPair& pair : generated) {
      if (pair.type == type) return &pair;
    }
    return nullptr;
  };
  std::vector<bool> typeCovered(std::size(kAllQaTypes), false);

  for (const QaPair& pair : current) {
    if (pair.videoId != videoId || !isTemplateType(pair.type) || pair.origin == QaOrigin::HumanAdded) {
      result.pairs.push_back(pair);
      continue;
    }
    const QaPair* fresh = generatedOf(pair.type);
    typeCovered[static_cast<std::size_t>(pair.type)] = true;
    if (pair.origin == QaOrigin::HumanEdited) {
      result.pairs.push_back(pair);
      const bool differs = !fresh || !sameContent(*fresh, pair);
      result.changes.push_back({pair.type, differs ? QaChangeKind::KeptHuman : QaChangeKind::Unchanged, pair.id});
      continue;
    }
    if (!fresh) {
      result.changes.push_back({pair.type, QaChangeKind::Removed, pair.id});
      continue;
    }
    if (sameContent(*fresh, pair)) {
      result.pairs.push_back(pair);
      result.changes.push_back({pair.type, QaChangeKind::Unchanged, pair.id});
      continue;
    }
    QaPair updated = *fresh;
    updated.id = pair.id;
    updated.origin = QaOrigin::Template;
    result.pairs.push_back(std::move(updated));
    result.changes.push_back({pair.type, QaChangeKind::Updated, pair.id});
  }
  for (const QaPair& fresh : generated) {
    if (typeCovered[static_cast<std::size_t>(fresh.type)]) continue;
    result.pairs.push_back(fresh);
    result.changes.push_back({fresh.type, QaChangeKind::Added, 0});
  }
  return result;
}

}  // namespace ugc::annotation
