#pragma once
// Drafts the three captions of a video: with the captioner, or with whichever source the
// evaluation found best for a stage (draft_sources.h). The same code drafts a whole project
// (`ugccap draft -p`), one stage in the studio, and a loose file (`ugccap draft FILE`).
//
// A project draft becomes a draft revision whose source names what made it
// ("model:<name>@<weights-hash>", "template:fields", "template:concatenation"). Media features
// and signals are cached in the store by fingerprint, so drafting again never decodes again,
// and a run that was cancelled continues where it stopped (stages already drafted by the same
// source are skipped).

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "annotation/faithfulness.h"
#include "annotation/fields.h"
#include "annotation/stage.h"
#include "core/error.h"
#include "core/progress.h"
#include "db/project.h"
#include "model/captioner.h"
#include "model/extractors/signals.h"
#include "model/media_features.h"
#include "pipeline/draft_sources.h"

namespace ugc::pipeline {

inline constexpr const char* kFeaturesCacheName = "captioner-features";
inline constexpr const char* kDrafterActor = "drafter";
inline constexpr const char* kTemplateSource = "template:fields";
inline constexpr const char* kConcatenationSource = "template:concatenation";

struct DraftOptions {
  model::DraftParams decoding = model::DraftParams::defaultParams();
  std::optional<DraftSource> source;  // unset: the evaluation's best source for each stage
  DraftSourceChoice choice;           // readDraftSourceChoice(model dir); default: the model everywhere
  model::OcrEngineChoice ocrEngine = model::OcrEngineChoice::Auto;  // draftFile's on-screen text engine
  // Grounded drafting (docs/model.md, "Grounded decoding"): the model's beams are reranked by the
  // faithfulness checker against the stage's facts and one with a contradicted claim is never
  // offered (next beam, else the fields template, else no draft). False: the best beam as it is.
  bool grounded = true;
};

// Everything a stage's draft may be made from. The captioner's stage view drops what the stage
// may not see, so a context can hold everything.
struct StageContext {
  annotation::AudioFields audio;
  annotation::VisualFields visual;
  std::optional<model::Signals> extracted;  // not "signals": a Qt macro
  std::optional<model::MediaFeatures> features;
  std::string audioCaption;   // for the joint stage
  std::string visualCaption;  // for the joint stage
  // Whether those captions are machine drafts rather than human text: the evaluation chooses the
  // joint stage's source separately for the two cases (DraftSourceChoice::jointFromDrafts).
  bool captionsAreDrafts = false;
};

struct StageDraft {
  annotation::Stage stage = annotation::Stage::Audio;
  std::string text;
  DraftSource source = DraftSource::Model;
  std::string sourceId;  // what the revision records, e.g. "model:captioner-default@<12 hex digits>"
  std::string why;       // why this source: the evaluation's one-line reason
  double seconds = 0;    // drafting time (features excluded)
  // Grounded model drafts: which candidate was offered and why ("beam 2 of 4: beam 1 contradicts
  // the facts (...)", "beam 1 of 4 without 2 sentences that contradict the facts (...)",
  // "template: every sentence of the model's 4 beams contradicts the facts (...)"); empty otherwise.
  std::string grounding;
  annotation::ClaimCounts claims;  // of the offered text against the stage's facts (grounded model drafts)
};

// The source a stage's draft will come from under these options.
DraftSource sourceFor(annotation::Stage stage, const DraftOptions& options, bool captionsAreDrafts = false);
const StageSourceChoice& choiceFor(annotation::Stage stage, const DraftOptions& options, bool captionsAreDrafts);

// Whether the joint stage of a video would fuse machine text: true unless both the audio and
// the visual stage have a caption a person saved (a stage with no revision at all counts as a
// draft: there is no human caption to fuse). The draft service and the studio both ask this.
Result<bool> jointInputsAreDrafts(db::Project& project, const std::string& videoId);
// The revision source string of a source ("model:<name>@<hash>" for the model).
std::string sourceIdFor(DraftSource source, const model::Captioner& captioner);

// What made a stored draft, in words for the studio: "the captioner (model:x@y)", "the template
// (fill-in sentences from the fields)", ... and which DraftSource that is (none for extractor
// suggestions and imported drafts).
struct DraftOrigin {
  std::string words;
  std::optional<DraftSource> source;
};
DraftOrigin describeDraftSourceId(const std::string& sourceId);

// The captioner fields of a stage's structured answers (the keys of model::fieldModality).
std::map<std::string, std::string> captionerFields(const annotation::AudioFields& audio,
                                                   const annotation::VisualFields& visual);

// The grounded choice among a model draft's beams (DraftOptions::grounded): the beams reranked by
// the checker against `facts` (annotation/faithful_choice.h), the first without a contradicted
// claim offered; else the best beam without its contradicting sentences (when something is left
// and the rest holds no contradiction); else `templateText` (the source becomes the template)
// when it has none; else no draft. Sets draft.text, claims and grounding (and source, sourceId on
// a fallback).
void chooseGroundedDraft(StageDraft& draft, const model::DraftResult& drafted, const std::string& templateText,
                         const annotation::FaithfulnessFacts& facts);

Result<StageDraft> draftStage(const model::Captioner& captioner, annotation::Stage stage, const StageContext& context,
                              const DraftOptions& options, const CancelToken& cancel = {});

// ---- Project videos -----------------------------------------------------------------------

// The project's model folder: its captioner.model setting (relative to the project file's
// folder), else the built-in captioner.
Result<std::filesystem::path> projectCaptionerDir(db::Project& project);

// The captioner's features of a stored video, from the cache or decoded and cached now.
Result<model::MediaFeatures> featuresForVideo(db::Project& project, const db::VideoRecord& video,
                                              const model::CaptionerConfig& config, bool* fromCache,
                                              const CancelToken& cancel);

// What a stored video's stage would be drafted from: the current fields (the head revision's,
// else the latest draft's), cached signals and features, and for the joint stage the current
// audio and visual captions (human text when there is any, else their drafts).
Result<StageContext> stageContext(db::Project& project, const db::VideoRecord& video, annotation::Stage stage,
                                  const model::Captioner& captioner, const CancelToken& cancel);

// Drafts one stage of a stored video and stores it as a draft revision. A stage nobody has
// started gets the attach-draft workflow event; a started stage keeps its state (the draft is
// there to compare with and to restore from history).
Result<StageDraft> draftVideoStage(db::Project& project, const model::Captioner& captioner, const std::string& videoId,
                                   annotation::Stage stage, const DraftOptions& options, const ProgressSink& progress,
                                   const CancelToken& cancel);

struct ProjectDraftParams {
  std::vector<annotation::Stage> stages{annotation::Stage::Audio, annotation::Stage::Visual, annotation::Stage::Joint};
  std::vector<std::string> videoIds;  // empty: every video
  DraftOptions options;
  bool force = false;  // draft again even when the latest draft came from the same source
};

struct ProjectDraftReport {
  int videos = 0;
  int drafted = 0;
  int upToDate = 0;                   // the latest draft already came from this source
  int started = 0;                    // stages a person has started or finished: left alone
  int withoutMedia = 0;               // annotation-only videos: drafted from fields and captions only
  std::vector<std::string> failures;  // "<video>/<stage>: <reason>", the run goes on
  std::vector<StageDraft> samples;    // the first draft of each stage, for the CLI to show
};

Result<ProjectDraftReport> draftProject(db::Project& project, const model::Captioner& captioner,
                                        const ProjectDraftParams& params, const ProgressSink& progress,
                                        const CancelToken& cancel);

// ---- Loose files --------------------------------------------------------------------------

struct FileDraftReport {
  std::vector<StageDraft> drafts;  // in the order asked; joint after the audio and visual drafts it uses
  double featureSeconds = 0;       // decode + signals + media features
  double signalSeconds = 0;        // of which the extractors (OCR, scenes, audio events, voice)
  // What each drafted stage may know (stage_facts.h): `ugccap draft --explain` checks the drafts'
  // claims against them.
  std::map<annotation::Stage, annotation::FaithfulnessFacts> facts;
};

// Drafts a media file outside any project: signals and features are computed now, fields are
// the extractors' suggestions, and the joint stage fuses the audio and visual drafts made first.
Result<FileDraftReport> draftFile(const std::filesystem::path& media, const model::Captioner& captioner,
                                  const std::vector<annotation::Stage>& stages, const DraftOptions& options,
                                  const ProgressSink& progress, const CancelToken& cancel);

}  // namespace ugc::pipeline
