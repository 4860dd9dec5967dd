#pragma once
// `ugccap score drafts -p PROJECT`: a project's own drafts scored the way the paper scores the
// released systems, as result files in the released formats that `score table` then reads
// beside theirs:
//   <out>/<system>_scores.json  the final-caption judge's score file (offline estimates): each
//                               video's latest joint-stage draft against its approved joint caption;
//   <out>/<system>_ocr.jsonl    the OCR column's file: the latest visual draft's on-screen text
//                               against the approved visual stage's.
// Videos without an approved reference or without a draft are counted, not scored.

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>

#include "core/error.h"
#include "core/progress.h"
#include "db/project.h"
#include "model/offline_judge.h"

namespace ugc::pipeline::scoring {

struct DraftScoringParams {
  std::filesystem::path outDir;
  std::string system = "project-drafts";  // the table's row name (file-name prefix)
  std::string source;                      // only drafts of this source ("" = the latest of any)
};

struct DraftScoringReport {
  std::size_t videos = 0;
  std::size_t captionPairs = 0;      // joint drafts with an approved joint caption (judged)
  std::size_t ocrPairs = 0;          // visual drafts with approved on-screen text
  std::size_t withoutReference = 0;  // a joint draft, no approved joint caption
  std::size_t withoutDraft = 0;      // an approved joint caption, no joint draft
  std::map<std::string, std::size_t> sources;  // the judged drafts by source
  std::filesystem::path scoreFile, ocrFile;    // ocrFile empty when no pair had on-screen text
};

Result<DraftScoringReport> scoreProjectDrafts(db::Project& project, const model::OfflineJudge& judge,
                                              const DraftScoringParams& params, const ProgressSink& progress = {},
                                              const CancelToken& cancel = {});

}  // namespace ugc::pipeline::scoring
