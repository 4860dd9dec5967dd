#pragma once
// Caption revisions: every saved text of a video's stage caption, with where it came from.
// The store keeps the full history; the workflow only needs the latest revision.
// Stable names (revisionOriginName) are what the store writes; keep them unchanged.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "annotation/stage.h"

namespace ugc::annotation {

// Milliseconds since the Unix epoch (UTC). The library never reads a clock: callers pass times in.
using TimestampMs = std::int64_t;

// Where a caption revision's text came from.
enum class RevisionOrigin {
  ModelDraft,       // produced by a captioning model of this project; source "model:<name>@<hash>"
  ImportedDraft,    // a draft made elsewhere and imported; source names it ("gemini", "qwen2.5-omni-3b")
  HumanEdit,        // typed or edited by a person; source is the user name
  ImportedRelease,  // text of a released benchmark file; source names the release ("release-dev")
};

inline constexpr RevisionOrigin kAllRevisionOrigins[] = {RevisionOrigin::ModelDraft, RevisionOrigin::ImportedDraft,
                                                         RevisionOrigin::HumanEdit, RevisionOrigin::ImportedRelease};

// "model_draft", "imported_draft", "human_edit", "imported_release".
std::string_view revisionOriginName(RevisionOrigin origin);
std::optional<RevisionOrigin> parseRevisionOrigin(std::string_view name);

// True for origins produced by a machine (drafts), i.e. text a human has not vouched for yet.
bool isDraftOrigin(RevisionOrigin origin);

// "model:<name>@<hash>", the source string of a model draft.
std::string modelDraftSource(std::string_view modelName, std::string_view weightsHash);

// One saved text of one video's stage caption.
struct CaptionRevision {
  std::string videoId;
  Stage stage = Stage::Audio;
  int revision = 0;  // 1, 2, ... per video and stage; 0 = not stored yet
  std::string text;
  RevisionOrigin origin = RevisionOrigin::HumanEdit;
  std::string source;  // see RevisionOrigin
  TimestampMs createdAt = 0;
  bool operator==(const CaptionRevision&) const = default;
};

}  // namespace ugc::annotation
