#include "pipeline/audio_models.h"
#include "pipeline/draft_service.h"

#include "annotation/field_codec.h"

#include <algorithm>
#include <chrono>

#include "annotation/faithful_choice.h"
#include "annotation/object_list.h"
#include "annotation/template_caption.h"
#include "annotation/workflow_rules.h"
#include "db/video_listing.h"
#include "pipeline/project_extraction.h"
#include "pipeline/resource_paths.h"
#include "pipeline/stage_facts.h"
#include "pipeline/suggestions.h"

namespace ugc::pipeline {
namespace {

using annotation::Stage;
using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

annotation::TimestampMs now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

model::CaptionerInput captionerInput(Stage stage, const StageContext& context) {
  model::CaptionerInput input;
  input.stage = stage;
  input.fields = captionerFields(context.audio, context.visual);
  if (context.extracted) model::addSignals(*context.extracted, input);
  // On-screen text an annotator confirmed beats what OCR read.
  if (!context.visual.ocrLines.empty()) input.ocrLines = context.visual.ocrLines;
  if (context.features) model::addMedia(*context.features, input);
  input.audioCaption = context.audioCaption;
  input.visualCaption = context.visualCaption;
  return input;
}

struct StageFields {
  annotation::AudioFields audio;
  annotation::VisualFields visual;
  std::string caption;
  bool captionIsDraft = false;
};

// A stage's current answers: the head revision when a person saved one, else the latest draft.
Result<StageFields> currentFields(db::Project& project, const std::string& videoId, Stage stage) {
  auto head = project.headRevision(videoId, stage);
  if (!head) return tl::unexpected(head.error());
  std::optional<db::Revision> revision = *head;
  if (!revision) {
    auto draft = project.latestDraft(videoId, stage);
    if (!draft) return tl::unexpected(draft.error());
    revision = *draft;
  }
  StageFields fields;
  if (!revision) {
    fields.captionIsDraft = true;  // no caption by a person
    return fields;
  }
  if (revision->audio) fields.audio = *revision->audio;
  if (revision->visual) fields.visual = *revision->visual;
  fields.caption = revision->caption;
  fields.captionIsDraft = revision->isDraft();
  return fields;
}

std::string templateCaption(Stage stage, const StageContext& context) {
  return stage == Stage::Audio    ? annotation::audioTemplateCaption(context.audio)
         : stage == Stage::Visual ? annotation::visualTemplateCaption(context.visual)
                                  : annotation::jointTemplateCaption(context.audio, context.visual);
}

// Transcript spans a quote may copy: the ones the checker accepts as quotable speech.
std::vector<std::string> quotableSpeech(const annotation::FaithfulnessFacts& facts) {
  std::vector<std::string> spans;
  if (!facts.transcript) return spans;
  for (const auto& span : *facts.transcript)
    if (span.confidence >= facts.transcriptConfidenceThreshold) spans.push_back(span.text);
  return spans;
}

bool hasMedia(const db::VideoRecord& video) { return !video.annotationOnly && !video.mediaPath.empty(); }

}  // namespace

const StageSourceChoice& choiceFor(Stage stage, const DraftOptions& options, bool captionsAreDrafts) {
  if (stage == Stage::Joint && captionsAreDrafts) return options.choice.jointFromDrafts;
  return options.choice.forStage(stage);
}

Result<bool> jointInputsAreDrafts(db::Project& project, const std::string& videoId) {
  auto audio = currentFields(project, videoId, Stage::Audio);
  if (!audio) return tl::unexpected(audio.error());
  auto visual = currentFields(project, videoId, Stage::Visual);
  if (!visual) return tl::unexpected(visual.error());
  return audio->captionIsDraft || visual->captionIsDraft;
}

DraftSource sourceFor(Stage stage, const DraftOptions& options, bool captionsAreDrafts) {
  if (options.source) return *options.source;
  return choiceFor(stage, options, captionsAreDrafts).best;
}

std::string sourceIdFor(DraftSource source, const model::Captioner& captioner) {
  switch (source) {
    case DraftSource::Model:
      return annotation::modelDraftSource(captioner.name(), captioner.weightsHash());
    case DraftSource::Template:
      return kTemplateSource;
    case DraftSource::Concatenation:
      return kConcatenationSource;
  }
  return kTemplateSource;
}

DraftOrigin describeDraftSourceId(const std::string& sourceId) {
  if (sourceId.rfind("model:", 0) == 0) return {"the captioner (" + sourceId + ")", DraftSource::Model};
  if (sourceId == kTemplateSource) return {"the template (fill-in sentences from the fields)", DraftSource::Template};
  if (sourceId == kConcatenationSource)
    return {"the audio and visual captions, concatenated", DraftSource::Concatenation};
  if (sourceId.rfind("extractors:", 0) == 0) return {"the signal extractors' suggestions", std::nullopt};
  return {sourceId, std::nullopt};
}

Result<std::filesystem::path> projectCaptionerDir(db::Project& project) {
  auto setting = project.setting(kCaptionerSetting);
  if (!setting) return tl::unexpected(setting.error());
  if (*setting && !(*setting)->empty()) {
    std::filesystem::path path(**setting);
    return path.is_absolute() ? path : project.folder() / path;
  }
  return defaultCaptionerDir();
}

std::map<std::string, std::string> captionerFields(const annotation::AudioFields& audio,
                                                   const annotation::VisualFields& visual) {
  return annotation::encodeFields(audio, visual);
}

void chooseGroundedDraft(StageDraft& draft, const model::DraftResult& drafted, const std::string& templateText,
                         const annotation::FaithfulnessFacts& facts) {
  std::vector<std::string> texts;
  for (const auto& beam : drafted.beams) texts.push_back(beam.text);
  if (texts.empty()) texts.push_back(drafted.text);
  const auto ranked = annotation::rankByFaithfulness(texts, draft.stage, facts);
  const std::string beams = std::to_string(texts.size());
  const std::string firstProblem = annotation::firstContradiction(texts[ranked.front().index], ranked.front());
  if (auto chosen = annotation::firstFaithful(ranked)) {
    draft.text = texts[chosen->index];
    draft.claims = chosen->counts;
    draft.grounding = "beam " + std::to_string(chosen->index + 1) + " of " + beams;
    if (chosen->index != 0) {
      const auto& best = *std::find_if(ranked.begin(), ranked.end(), [](const auto& r) { return r.index == 0; });
      draft.grounding += best.counts.contradicted > 0
                             ? ": beam 1 contradicts the facts (" + annotation::firstContradiction(texts[0], best) + ")"
                             : ": fewer unsupported claims than beam 1 (" + std::to_string(chosen->counts.unsupported) +
                                   " vs " + std::to_string(best.counts.unsupported) + ")";
    }
    return;
  }
  // Every beam contradicts a fact: the best beam that still says something once its
  // contradicting sentences are gone (the draft omits what it got wrong).
  for (std::size_t beam = 0; beam < texts.size(); ++beam) {
    const auto& candidate = *std::find_if(ranked.begin(), ranked.end(), [&](const auto& r) { return r.index == beam; });
    int removed = 0;
    const std::string pruned = annotation::withoutContradictedSentences(texts[beam], candidate, &removed);
    if (pruned.empty()) continue;
    const auto checked = annotation::rankByFaithfulness({pruned}, draft.stage, facts);
    if (checked.front().counts.contradicted > 0) continue;
    draft.text = pruned;
    draft.claims = checked.front().counts;
    draft.grounding = "beam " + std::to_string(beam + 1) + " of " + beams + " without " + std::to_string(removed) +
                      (removed == 1 ? " sentence" : " sentences") + " that contradict the facts (" +
                      annotation::firstContradiction(texts[beam], candidate) + ")";
    return;
  }
  const std::string& fallback = templateText;
  const auto checked = annotation::rankByFaithfulness({fallback}, draft.stage, facts);
  draft.source = DraftSource::Template;
  draft.sourceId = kTemplateSource;
  if (checked.front().counts.contradicted == 0) {
    draft.text = fallback;
    draft.claims = checked.front().counts;
    draft.grounding = "template: every sentence of the model's " + beams + " beams contradicts the facts (" + firstProblem + ")";
    return;
  }
  draft.text.clear();
  draft.claims = {};
  draft.grounding = "no draft: the model's " + beams + " beams and the template contradict the facts (" + firstProblem +
                    "; template: " + annotation::firstContradiction(fallback, checked.front()) + ")";
}

Result<StageDraft> draftStage(const model::Captioner& captioner, Stage stage, const StageContext& context,
                              const DraftOptions& options, const CancelToken& cancel) {
  const auto start = Clock::now();
  StageDraft draft;
  draft.stage = stage;
  draft.source = sourceFor(stage, options, context.captionsAreDrafts);
  // Concatenation needs two captions; without them the joint stage falls back to the model.
  if (draft.source == DraftSource::Concatenation &&
      (stage != Stage::Joint || (context.audioCaption.empty() && context.visualCaption.empty())))
    draft.source = DraftSource::Model;
  draft.sourceId = sourceIdFor(draft.source, captioner);
  draft.why = options.source ? "chosen by the caller" : choiceFor(stage, options, context.captionsAreDrafts).reason;
  switch (draft.source) {
    case DraftSource::Template:
      draft.text = templateCaption(stage, context);
      break;
    case DraftSource::Concatenation:
      draft.text = annotation::concatenateCaptions(context.audioCaption, context.visualCaption);
      break;
    case DraftSource::Model: {
      const auto facts = stageFacts(stage, context);
      auto input = captionerInput(stage, context);
      input.quotableSpeech = quotableSpeech(facts);
      auto drafted = captioner.draft(input, options.decoding, cancel);
      if (!drafted) return tl::unexpected(drafted.error());
      if (options.grounded) {
        chooseGroundedDraft(draft, *drafted, templateCaption(stage, context), facts);
      } else {
        draft.text = drafted->text;
      }
      break;
    }
  }
  draft.seconds = secondsSince(start);
  return draft;
}

Result<model::MediaFeatures> featuresForVideo(db::Project& project, const db::VideoRecord& video,
                                              const model::CaptionerConfig& config, bool* fromCache,
                                              const CancelToken& cancel) {
  const std::filesystem::path media = project.folder() / video.mediaPath;
  auto fingerprinted = videoFingerprint(project, video);
  if (!fingerprinted) return tl::unexpected(fingerprinted.error());
  const std::string& fingerprint = *fingerprinted;
  const std::string version = model::mediaFeaturesVersion(config);
  auto cached = project.signal(fingerprint, kFeaturesCacheName, version);
  if (!cached) return tl::unexpected(cached.error());
  if (*cached) {
    // A damaged cache entry is decoded again and overwritten, never trusted.
    if (auto parsed = model::parseMediaFeatures(**cached)) {
      if (fromCache) *fromCache = true;
      return parsed;
    }
  }
  auto features = model::extractMediaFeatures(media, config, cancel);
  if (!features) return tl::unexpected(features.error());
  if (auto stored =
          project.putSignal(fingerprint, kFeaturesCacheName, version, model::serializeMediaFeatures(*features));
      !stored)
    return tl::unexpected(stored.error());
  if (fromCache) *fromCache = false;
  return features;
}

Result<StageContext> stageContext(db::Project& project, const db::VideoRecord& video, Stage stage,
                                  const model::Captioner& captioner, const CancelToken& cancel) {
  StageContext context;
  auto audio = currentFields(project, video.id, Stage::Audio);
  if (!audio) return tl::unexpected(audio.error());
  auto visual = currentFields(project, video.id, Stage::Visual);
  if (!visual) return tl::unexpected(visual.error());
  context.audio = audio->audio;
  context.visual = visual->visual;
  if (stage == Stage::Joint) {
    context.audioCaption = audio->caption;
    context.visualCaption = visual->caption;
    context.captionsAreDrafts = audio->captionIsDraft || visual->captionIsDraft;
  }
  if (!hasMedia(video)) return context;
  auto signals = signalsForVideo(project, video, withDefaultAudioModels(model::defaultExtractOptions()), false, nullptr, cancel);
  if (!signals) return tl::unexpected(signals.error());
  context.extracted = std::move(*signals);
  auto features = featuresForVideo(project, video, captioner.config(), nullptr, cancel);
  if (!features) return tl::unexpected(features.error());
  context.features = std::move(*features);
  return context;
}

Result<StageDraft> draftVideoStage(db::Project& project, const model::Captioner& captioner, const std::string& videoId,
                                   Stage stage, const DraftOptions& options, const ProgressSink& progress,
                                   const CancelToken& cancel) {
  report(progress, "reading media", 0, 2);
  auto video = project.findVideo(videoId);
  if (!video) return tl::unexpected(video.error());
  if (!*video) return makeError(ErrorCode::NotFound, "no video " + videoId + " in this project");
  auto context = stageContext(project, **video, stage, captioner, cancel);
  if (!context) return tl::unexpected(context.error());
  report(progress, "drafting", 1, 2);
  auto draft = draftStage(captioner, stage, *context, options, cancel);
  if (!draft) return tl::unexpected(draft.error());
  if (cancel.isCancelled()) return cancelledError();

  auto status = project.stageStatus(videoId, stage);
  if (!status) return tl::unexpected(status.error());
  db::NewDraft stored;
  stored.videoId = videoId;
  stored.stage = stage;
  // The draft carries the fields it was made from, so restoring it restores both.
  if (stage == Stage::Audio) stored.audio = context->audio;
  if (stage == Stage::Visual) stored.visual = context->visual;
  stored.caption = draft->text;
  stored.author = kDrafterActor;
  stored.origin = annotation::RevisionOrigin::ModelDraft;
  stored.source = draft->sourceId;
  if (status->state == annotation::TaskState::NotStarted || status->state == annotation::TaskState::Drafted) {
    const annotation::User actor{kDrafterActor, annotation::Role::Admin};
    annotation::TransitionRequest request{videoId, stage, status->state, annotation::WorkflowAction::AttachDraft,
                                          actor,   {},    now()};
    auto event = annotation::applyTransition(request, {});
    if (!event) return tl::unexpected(event.error());
    stored.event = *event;
  }
  auto saved = project.saveDraft(stored);
  if (!saved) return tl::unexpected(saved.error());
  report(progress, "drafting", 2, 2);
  return draft;
}

Result<ProjectDraftReport> draftProject(db::Project& project, const model::Captioner& captioner,
                                        const ProjectDraftParams& params, const ProgressSink& progress,
                                        const CancelToken& cancel) {
  std::vector<std::string> ids = params.videoIds;
  if (ids.empty()) {
    auto rows = db::listVideos(project, {}, 0, INT64_MAX);
    if (!rows) return tl::unexpected(rows.error());
    for (const auto& row : *rows) ids.push_back(row.videoId);
  }
  // Joint drafts read the audio and visual captions, so those stages go first.
  std::vector<Stage> stages;
  for (Stage stage : annotation::kAllStages)
    for (Stage wanted : params.stages)
      if (wanted == stage && (stages.empty() || stages.back() != stage)) stages.push_back(stage);

  ProjectDraftReport summary;
  const int64_t total = int64_t(ids.size() * stages.size());
  int64_t done = 0;
  for (const auto& id : ids) {
    auto video = project.findVideo(id);
    if (!video) return tl::unexpected(video.error());
    if (!*video) return makeError(ErrorCode::NotFound, "no video " + id + " in this project");
    ++summary.videos;
    if (!hasMedia(**video)) ++summary.withoutMedia;
    for (Stage stage : stages) {
      if (cancel.isCancelled()) return cancelledError();
      report(progress, "drafting " + id + " " + std::string(annotation::stageName(stage)), done++, total);
      auto status = project.stageStatus(id, stage);
      if (!status) return tl::unexpected(status.error());
      if (status->state != annotation::TaskState::NotStarted && status->state != annotation::TaskState::Drafted) {
        ++summary.started;
        continue;
      }
      if (!params.force) {
        auto latest = project.latestDraft(id, stage);
        if (!latest) return tl::unexpected(latest.error());
        bool captionsAreDrafts = false;
        if (stage == Stage::Joint) {
          auto drafts = jointInputsAreDrafts(project, id);
          if (!drafts) return tl::unexpected(drafts.error());
          captionsAreDrafts = *drafts;
        }
        const auto source = sourceIdFor(sourceFor(stage, params.options, captionsAreDrafts), captioner);
        if (*latest && (*latest)->source == source) {
          ++summary.upToDate;
          continue;
        }
      }
      auto draft = draftVideoStage(project, captioner, id, stage, params.options, {}, cancel);
      if (!draft) {
        if (draft.error().isCancelled()) return tl::unexpected(draft.error());
        summary.failures.push_back(id + "/" + std::string(annotation::stageName(stage)) + ": " +
                                   draft.error().describe());
        continue;
      }
      ++summary.drafted;
      // One sample per stage: the first draft of each.
      bool seen = false;
      for (const auto& sample : summary.samples) seen = seen || sample.stage == stage;
      if (!seen) summary.samples.push_back(std::move(*draft));
    }
  }
  report(progress, "drafting", total, total);
  return summary;
}

Result<FileDraftReport> draftFile(const std::filesystem::path& media, const model::Captioner& captioner,
                                  const std::vector<Stage>& stages, const DraftOptions& options,
                                  const ProgressSink& progress, const CancelToken& cancel) {
  FileDraftReport result;
  const auto start = Clock::now();
  report(progress, "reading media", 0, 1);
  bool wants[3] = {false, false, false};
  for (Stage stage : stages) wants[int(stage)] = true;
  const bool wantsJoint = wants[int(Stage::Joint)];
  // Only the signals some requested stage may use: an audio draft needs no OCR.
  const bool hears = wantsJoint || wants[int(Stage::Audio)], sees = wantsJoint || wants[int(Stage::Visual)];
  auto extract = withDefaultAudioModels(model::defaultExtractOptions());
  extract.ocr = extract.scenes = extract.objects = extract.faces = sees;
  extract.ocrEngine = options.ocrEngine;
  extract.audioEvents = extract.voice = extract.loudness = hears;
  auto signals = model::extractSignals(media, extract, {}, cancel);
  if (!signals) return tl::unexpected(signals.error());
  result.signalSeconds = secondsSince(start);
  auto features = model::extractMediaFeatures(media, captioner.config(), cancel);
  if (!features) return tl::unexpected(features.error());
  result.featureSeconds = secondsSince(start);

  StageContext context;
  // Fields are suggestions only: the uncertain ones are left out rather than stated.
  context.audio = confidentAudioSuggestions(*signals);
  context.visual = confidentVisualSuggestions(*signals);
  context.extracted = std::move(*signals);
  context.features = std::move(*features);

  const int64_t total = int64_t(stages.size()) + (wantsJoint ? 2 : 0);
  int64_t done = 0;
  std::optional<StageDraft> audio, visual;
  // The joint draft fuses the audio and visual drafts, so it needs them even when not asked for.
  for (Stage stage : {Stage::Audio, Stage::Visual}) {
    if (!wants[int(stage)] && !wantsJoint) continue;
    report(progress, "drafting " + std::string(annotation::stageName(stage)), done++, total);
    auto draft = draftStage(captioner, stage, context, options, cancel);
    if (!draft) return tl::unexpected(draft.error());
    (stage == Stage::Audio ? audio : visual) = *draft;
  }
  if (wantsJoint) {
    context.audioCaption = audio->text;
    context.visualCaption = visual->text;
    context.captionsAreDrafts = true;
    report(progress, "drafting joint", done++, total);
    auto joint = draftStage(captioner, Stage::Joint, context, options, cancel);
    if (!joint) return tl::unexpected(joint.error());
    for (Stage stage : stages) {
      if (stage == Stage::Audio) result.drafts.push_back(*audio);
      if (stage == Stage::Visual) result.drafts.push_back(*visual);
      if (stage == Stage::Joint) result.drafts.push_back(*joint);
    }
  } else {
    for (Stage stage : stages) result.drafts.push_back(stage == Stage::Audio ? *audio : *visual);
  }
  for (Stage stage : stages) result.facts[stage] = stageFacts(stage, context);
  report(progress, "drafting", total, total);
  return result;
}

}  // namespace ugc::pipeline
