#pragma once
// The faithfulness checker (faithfulness.h) over a released dataset: each video's audio, visual
// and final caption against the fields the release gives that stage (audio: tone, voice
// source, BGM; visual: OCR lines, objects, background change; final: both). What it finds is
// what the release's own captions claim that its fields cannot support, for reviewers.
// `ugccap faithfulness report` prints it; benchmarks/faithfulness measures it.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "annotation/faithfulness.h"
#include "annotation/release_fields.h"

namespace ugc::annotation {

// The facts a release gives one stage of a video.
FaithfulnessFacts releaseStageFacts(const ReleaseVideo& video, Stage stage);

struct ReportedClaim {
  Stage stage = Stage::Audio;
  Claim claim;
  std::string text;  // the claim's span of the caption
};

struct VideoFaithfulness {
  std::string videoId;
  ClaimCounts counts;
  std::vector<ReportedClaim> flagged;  // contradicted and unsupported claims, by stage then span
};

struct FaithfulnessReport {
  int videos = 0;
  int captions = 0;  // non-empty captions checked
  ClaimCounts total;
  std::map<Stage, ClaimCounts> perStage;
  std::map<ClaimKind, ClaimCounts> perKind;
  std::vector<VideoFaithfulness> worst;  // most contradicted, then most unsupported claims first
};

// `worstCount` videos are kept in `worst` (ties by video id).
FaithfulnessReport faithfulnessReport(const ReleaseDataset& dataset, std::size_t worstCount = 10);

// Text tables for a terminal: totals per kind and verdict, per stage, then the worst videos
// with their flagged claims (at most `claimsPerVideo` each).
std::string formatFaithfulnessReport(const FaithfulnessReport& report, std::size_t claimsPerVideo = 8);
// The same as JSON: {"videos", "captions", "total", "stages", "kinds", "worst": [...]}.
std::string faithfulnessReportJson(const FaithfulnessReport& report);

}  // namespace ugc::annotation
