#pragma once
// The figures the dashboard shows, read from a project in one call. Plain types and no Qt
// objects, so the loader runs on a worker thread with its own db::Project connection and the
// result crosses to the GUI thread by value.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "annotation/progress_model.h"
#include "annotation/qa.h"
#include "annotation/stage.h"
#include "annotation/workflow.h"
#include "core/error.h"
#include "core/progress.h"

namespace ugc::db {
class Project;
}

namespace ugc::gui {

// One annotator's human work: saved revisions and editing time (store counters), Start->Submit
// work time and the review verdicts on their submissions (annotation::annotatorStatistics).
struct AnnotatorFigures {
  std::string name;
  int64_t revisions = 0;
  double secondsSpent = 0;  // editing time the editor recorded with the saves
  int submissions = 0;
  double workMinutes = 0;  // summed Start->Submit time
  int approved = 0;
  int rejected = 0;
  double rejectionRate = 0;  // rejected / (approved + rejected); 0 when nothing was judged
  double meanMinutesPerSubmission() const { return submissions ? workMinutes / submissions : 0.0; }
};

struct DashboardFigures {
  int64_t videos = 0;
  int64_t annotationOnlyVideos = 0;
  // Stage -> state -> videos (every state present, 0 when none), from the store's counters.
  std::map<annotation::Stage, std::map<annotation::TaskState, int64_t>> stageStates;
  // Template QA pairs by type and status (every template type and status present).
  std::map<annotation::QaType, std::map<annotation::QaStatus, int64_t>> qa;
  // Targets and fractions (1,000 videos x 3 captions, 4,000 QA pairs by default).
  annotation::ProgressSummary progress;
  std::vector<AnnotatorFigures> annotators;  // sorted by name
  // Word count of the head (latest) revision of each video's stage; videos without one are left out.
  std::map<annotation::Stage, std::vector<int>> captionWords;
};

// Reads everything from `project` (this thread's connection). Cancelled when `cancel` fires.
Result<DashboardFigures> loadDashboardFigures(db::Project& project, const CancelToken& cancel,
                                              const annotation::ProgressTargets& targets = {});

// Whitespace-separated words.
int countWords(std::string_view text);

// Counts of `words` in bins [k*binWidth, (k+1)*binWidth); the last bin also takes everything
// longer. binWidth and binCount must be positive.
std::vector<int> wordCountHistogram(const std::vector<int>& words, int binWidth, int binCount);

}  // namespace ugc::gui
