#include "annotation/validation.h"

#include <algorithm>
#include <iterator>

namespace ugc::annotation {
namespace {

class IssueList {
 public:
  void error(std::string field, std::string code, std::string message, std::vector<TextSpan> spans = {}) {
    add(Severity::Error, std::move(field), std::move(code), std::move(message), std::move(spans));
  }
  void warning(std::string field, std::string code, std::string message, std::vector<TextSpan> spans = {}) {
    add(Severity::Warning, std::move(field), std::move(code), std::move(message), std::move(spans));
  }
  std::vector<ValidationIssue> take() { return std::move(issues_); }

 private:
  void add(Severity severity, std::string field, std::string code, std::string message, std::vector<TextSpan> spans) {
    issues_.push_back({severity, std::move(field), std::move(code), std::move(message), std::move(spans)});
  }
  std::vector<ValidationIssue> issues_;
};

bool isBlank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(x) == lower(y);
  });
}

template <std::size_t N>
bool isOneOf(std::string_view value, const char* const (&options)[N]) {
  return std::any_of(std::begin(options), std::end(options),
                     [&](const char* option) { return equalsIgnoringCase(value, option); });
}

template <std::size_t N>
std::string listOptions(const char* const (&options)[N]) {
  std::string text;
  for (std::size_t i = 0; i < N; ++i) text += (i ? ", " : "") + std::string(options[i]);
  return text;
}

template <std::size_t N>
void checkChoice(IssueList& issues, const std::string& field, const std::string& label, const std::string& value,
                 const char* const (&options)[N]) {
  if (!value.empty() && !isOneOf(value, options))
    issues.error(field, "invalid_choice",
                 label + " must be one of " + listOptions(options) + " (got \"" + value + "\").");
}

void checkAudioFields(IssueList& issues, const AudioFields& audio) {
  const bool speakers = audio.speakerCount.value_or(0) > 0;
  const bool music = equalsIgnoringCase(audio.backgroundMusic, "Yes");
  if (!audio.speakerCount)
    issues.error("audio.speakerCount", "required", "How many people talk? Enter 0 if nobody does.");
  else if (*audio.speakerCount < 0)
    issues.error("audio.speakerCount", "invalid_value", "The number of speakers cannot be negative.");
  if (audio.tone.empty()) issues.error("audio.tone", "required", "Choose the tone: Positive, Negative or Neutral.");
  if (audio.backgroundMusic.empty())
    issues.error("audio.backgroundMusic", "required", "Is there background music? Choose Yes or No.");
  if (speakers && isBlank(audio.language))
    issues.error("audio.language", "required", "Enter the language the speakers use.");
  if (music && audio.musicStyle.empty())
    issues.error("audio.musicStyle", "required", "Choose the music style (background music is Yes).");
  if (speakers && audio.voiceSource.empty())
    issues.error("audio.voiceSource", "required",
                 "Choose where the voice comes from: Narration, In-Video Voice or Out-Video Voice.");
  if (speakers && audio.speakerGenders.empty())
    issues.error("audio.speakerGenders", "required", "Enter the gender of the speaker(s).");

  checkChoice(issues, "audio.tone", "The tone", audio.tone, kToneOptions);
  checkChoice(issues, "audio.backgroundMusic", "Background music", audio.backgroundMusic, kYesNoOptions);
  checkChoice(issues, "audio.musicStyle", "The music style", audio.musicStyle, kMusicStyleOptions);
  checkChoice(issues, "audio.voiceSource", "The voice source", audio.voiceSource, kVoiceSourceOptions);

  if (!music && !audio.backgroundMusic.empty() && !audio.musicStyle.empty())
    issues.error("audio.musicStyle", "inconsistent",
                 "A music style is set but background music is No: clear the style or answer Yes.");
  if (audio.speakerCount == 0 && !audio.voiceSource.empty())
    issues.error("audio.voiceSource", "inconsistent",
                 "The speaker count is 0 but a voice source is set: clear it or correct the count.");
  if (audio.speakerCount == 0 && !audio.speakerGenders.empty())
    issues.error("audio.speakerGenders", "inconsistent", "The speaker count is 0 but speaker genders are listed.");
  if (speakers && audio.speakerGenders.size() > static_cast<std::size_t>(*audio.speakerCount))
    issues.warning("audio.speakerGenders", "inconsistent", "More genders are listed than there are speakers.");
}

void checkVisualFields(IssueList& issues, const VisualFields& visual) {
  if (isBlank(visual.background)) issues.error("visual.background", "required", "Describe the main background.");
  if (!visual.backgroundChanges)
    issues.error("visual.backgroundChanges", "required", "Does the background change? Answer Yes or No.");
  if (visual.backgroundChanges.value_or(false) && isBlank(visual.backgroundChange))
    issues.error("visual.backgroundChange", "required", "The background changes: describe how in a short paragraph.");
  if (isBlank(visual.motion)) issues.error("visual.motion", "required", "Describe the main motion.");
  if (visual.objects.empty())
    issues.error("visual.objects", "required", "List the major objects (category, count, colour, position).");
  for (std::size_t i = 0; i < visual.objects.size(); ++i) {
    const ObjectEntry& object = visual.objects[i];
    const std::string field = "visual.objects[" + std::to_string(i) + "]";
    if (!object.raw.empty()) {
      issues.warning(field, "object_format",
                     "This object does not follow \"object (count: X, color: Y, position: Z)\".");
      continue;
    }
    if (isBlank(object.category)) issues.error(field + ".category", "required", "Name the object.");
    if (isBlank(object.count)) issues.error(field + ".count", "required", "Give the object's count.");
    if (isBlank(object.color)) issues.error(field + ".color", "required", "Give the object's colour (N/A if none).");
    if (isBlank(object.position)) issues.error(field + ".position", "required", "Give the object's position.");
  }
  for (std::size_t i = 0; i < visual.ocrLines.size(); ++i) {
    if (isBlank(visual.ocrLines[i]))
      issues.error("visual.ocrLines[" + std::to_string(i) + "]", "required", "Remove the empty text line.");
  }
}

const WordBounds& boundsFor(Stage stage, const ValidationParams& params) {
  switch (stage) {
    case Stage::Audio:
      return params.audioWords;
    case Stage::Visual:
      return params.visualWords;
    case Stage::Joint:
      return params.jointWords;
  }
  return params.jointWords;
}

void checkCaptionShape(IssueList& issues, const Submission& submission, const ValidationParams& params) {
  const std::string& caption = submission.caption;
  if (isBlank(caption)) {
    issues.error("caption", "required", "Write the caption.");
    return;
  }
  const WordBounds& bounds = boundsFor(submission.stage, params);
  const int words = countCaptionWords(caption);
  const std::string count = std::to_string(words) + " words";
  if (words < bounds.errorBelow)
    issues.error("caption", "too_short",
                 "The caption has " + count + "; write at least " + std::to_string(bounds.errorBelow) + ".");
  else if (words < bounds.warnBelow)
    issues.warning("caption", "short",
                   "The caption has " + count + "; most captions of this stage have " +
                       std::to_string(bounds.warnBelow) + " or more.");
  if (words > bounds.errorAbove)
    issues.error("caption", "too_long",
                 "The caption has " + count + "; keep it under " + std::to_string(bounds.errorAbove) + ".");
  else if (words > bounds.warnAbove)
    issues.warning("caption", "long",
                   "The caption has " + count + "; most captions of this stage have at most " +
                       std::to_string(bounds.warnAbove) + ".");
  if (auto markers = findListMarkers(caption); !markers.empty())
    issues.error("caption", "list", "Write one flowing paragraph, not a list: remove the bullets or numbers.",
                 std::move(markers));
  const int breaks = countLineBreaks(caption);
  if (breaks > params.maxLineBreaks)
    issues.error("caption", "line_breaks",
                 "Write one paragraph: the caption has " + std::to_string(breaks) + " line breaks.");
  else if (breaks > 0)
    issues.warning("caption", "line_breaks", "Write one paragraph: remove the line break.");
}

void checkLeakage(IssueList& issues, const Submission& submission) {
  if (submission.stage == Stage::Audio) {
    if (auto spans = findAudioCaptionLeakage(submission.caption); !spans.empty())
      issues.warning("caption", "leakage",
                     "The audio caption describes what can only be seen (highlighted); describe what is heard.",
                     std::move(spans));
  } else if (submission.stage == Stage::Visual) {
    if (auto spans = findVisualCaptionLeakage(submission.caption); !spans.empty())
      issues.warning("caption", "leakage",
                     "The visual caption describes sound, music or what is said (highlighted); describe what is seen.",
                     std::move(spans));
  }
}

void checkConsistency(IssueList& issues, const Submission& submission) {
  const std::string& caption = submission.caption;
  if (submission.stage == Stage::Audio) {
    const AudioFields& audio = submission.audio;
    const auto music = findMusicMentions(caption);
    if (equalsIgnoringCase(audio.backgroundMusic, "No") && !music.empty())
      issues.warning("audio.backgroundMusic", "inconsistent",
                     "Background music is No but the caption mentions music (highlighted).", music);
    if (equalsIgnoringCase(audio.backgroundMusic, "Yes") && music.empty())
      issues.warning("audio.backgroundMusic", "inconsistent",
                     "Background music is Yes but the caption does not describe the music.");
    const auto voices = findVoiceMentions(caption);
    if (audio.speakerCount == 0 && !voices.empty())
      issues.warning("audio.speakerCount", "inconsistent",
                     "The speaker count is 0 but the caption describes a voice (highlighted).", voices);
    if (audio.speakerCount.value_or(0) > 0 && voices.empty())
      issues.warning("audio.speakerCount", "inconsistent",
                     "There are speakers but the caption does not mention any voice or speech.");
  } else if (submission.stage == Stage::Visual) {
    const VisualFields& visual = submission.visual;
    const auto quoted = findQuotedOnScreenText(caption);
    if (visual.ocrLines.empty() && !quoted.empty())
      issues.warning("visual.ocrLines", "inconsistent",
                     "The caption quotes on-screen text (highlighted) but the text list is empty.", quoted);
    const auto changes = findSceneChangeMentions(caption);
    if (visual.backgroundChanges == false && !changes.empty())
      issues.warning("visual.backgroundChanges", "inconsistent",
                     "The background is marked constant but the caption says the scene changes (highlighted).",
                     changes);
  }
}

}  // namespace

std::vector<ValidationIssue> validateSubmission(const Submission& submission, const ValidationParams& params) {
  IssueList issues;
  if (submission.stage == Stage::Audio) checkAudioFields(issues, submission.audio);
  if (submission.stage == Stage::Visual) checkVisualFields(issues, submission.visual);
  checkCaptionShape(issues, submission, params);
  if (!isBlank(submission.caption)) {
    if (params.lintModalityLeakage) checkLeakage(issues, submission);
    if (params.checkConsistency) checkConsistency(issues, submission);
  }
  return issues.take();
}

int countBlockingIssues(const std::vector<ValidationIssue>& issues) {
  return static_cast<int>(std::count_if(
      issues.begin(), issues.end(), [](const ValidationIssue& issue) { return issue.severity == Severity::Error; }));
}

}  // namespace ugc::annotation
