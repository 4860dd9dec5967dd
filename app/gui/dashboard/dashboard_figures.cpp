#include "gui/dashboard/dashboard_figures.h"

#include <algorithm>
#include <cctype>
#include <limits>

#include "annotation/metrics.h"
#include "db/project.h"

namespace ugc::gui {

namespace {

using annotation::Stage;
using annotation::TaskState;

// The store has no "list videos" call; every video has one stage_status row per stage, so
// the per-state queue query with no limit enumerates them (position order within a state).
Result<std::vector<db::StageStatus>> allStageStatuses(db::Project& project, const CancelToken& cancel) {
  std::vector<db::StageStatus> out;
  for (const auto state : annotation::kAllTaskStates) {
    if (cancel.isCancelled()) return cancelledError();
    db::ReviewQueueQuery query;
    query.state = state;
    query.limit = std::numeric_limits<int>::max();
    auto rows = project.pendingReviews(query);
    if (!rows) return tl::unexpected(rows.error());
    out.insert(out.end(), rows->begin(), rows->end());
  }
  return out;
}

}  // namespace

int countWords(std::string_view text) {
  int words = 0;
  bool inWord = false;
  for (const char c : text) {
    const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
    if (!space && !inWord) ++words;
    inWord = !space;
  }
  return words;
}

std::vector<int> wordCountHistogram(const std::vector<int>& words, int binWidth, int binCount) {
  std::vector<int> bins(std::max(binCount, 0), 0);
  if (binWidth <= 0 || binCount <= 0) return bins;
  for (const int count : words) bins[std::clamp(count / binWidth, 0, binCount - 1)]++;
  return bins;
}

Result<DashboardFigures> loadDashboardFigures(db::Project& project, const CancelToken& cancel,
                                              const annotation::ProgressTargets& targets) {
  DashboardFigures figures;
  auto stats = project.statistics();
  if (!stats) return tl::unexpected(stats.error());
  figures.videos = stats->videos;
  figures.annotationOnlyVideos = stats->annotationOnlyVideos;
  for (const auto stage : annotation::kAllStages) {
    for (const auto state : annotation::kAllTaskStates) figures.stageStates[stage][state] = 0;
  }
  for (const auto& count : stats->stageStates) figures.stageStates[count.stage][count.state] = count.count;
  for (const auto type : annotation::kTemplateQaTypes) {
    for (const auto status :
         {annotation::QaStatus::Pending, annotation::QaStatus::Approved, annotation::QaStatus::Rejected}) {
      figures.qa[type][status] = 0;
    }
  }
  std::vector<annotation::QaStatusInput> qaInputs;
  for (const auto& count : stats->qa) {
    if (!figures.qa.count(count.type)) continue;  // caption "questions" are not QA pairs
    figures.qa[count.type][count.status] = count.count;
    qaInputs.insert(qaInputs.end(), size_t(count.count), annotation::QaStatusInput{count.type, count.status});
  }

  auto statuses = allStageStatuses(project, cancel);
  if (!statuses) return tl::unexpected(statuses.error());
  std::vector<annotation::StageStatusInput> stageInputs;
  stageInputs.reserve(statuses->size());
  std::vector<annotation::WorkflowEvent> events;
  for (const auto& status : *statuses) {
    if (cancel.isCancelled()) return cancelledError();
    stageInputs.push_back({status.videoId, status.stage, status.state});
    if (status.headRevisionId) {
      auto head = project.revision(*status.headRevisionId);
      if (!head) return tl::unexpected(head.error());
      if (*head) figures.captionWords[status.stage].push_back(countWords((*head)->caption));
    }
    if (status.state == TaskState::NotStarted) continue;  // nothing happened to it yet
    auto stageEvents = project.workflowEvents(status.videoId, status.stage);
    if (!stageEvents) return tl::unexpected(stageEvents.error());
    events.insert(events.end(), stageEvents->begin(), stageEvents->end());
  }
  figures.progress = annotation::summarizeProgress(stageInputs, qaInputs, targets);

  // Annotators: human edits from the store's counters joined with the event-log statistics.
  std::map<std::string, AnnotatorFigures> byName;
  for (const auto& author : stats->authors) {
    if (author.origin != annotation::RevisionOrigin::HumanEdit) continue;
    auto& entry = byName[author.author];
    entry.name = author.author;
    entry.revisions += author.revisions;
    entry.secondsSpent += author.secondsSpent;
  }
  for (const auto& annotator : annotation::annotatorStatistics(events)) {
    int submissions = 0;
    double minutes = 0;
    for (const auto& [stage, work] : annotator.stages) {
      submissions += work.submissions;
      minutes += double(work.workMs) / 60000.0;
    }
    if (submissions == 0 && annotator.approved + annotator.rejected == 0 && !byName.count(annotator.annotator)) {
      continue;  // reviewers and importers who never submitted anything
    }
    auto& entry = byName[annotator.annotator];
    entry.name = annotator.annotator;
    entry.submissions = submissions;
    entry.workMinutes = minutes;
    entry.approved = annotator.approved;
    entry.rejected = annotator.rejected;
    entry.rejectionRate = annotator.rejectionRate();
  }
  for (auto& [name, entry] : byName) figures.annotators.push_back(std::move(entry));
  return figures;
}

}  // namespace ugc::gui
