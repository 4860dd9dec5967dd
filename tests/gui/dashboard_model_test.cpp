// The dashboard: figures loaded off the GUI thread from a real SQLite project equal what the
// test stored; the charts and the annotator table show them; "loading" while it runs.
#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest/QTest>
#include <filesystem>

#include "db/project.h"
#include "db/project_import.h"
#include "gui/dashboard/dashboard_model.h"
#include "gui/dashboard/dashboard_widget.h"
#include "support/test_support.h"
#include "support/timing.h"

namespace ugc::gui {
namespace {

namespace fs = std::filesystem;
using annotation::QaStatus;
using annotation::QaType;
using annotation::Role;
using annotation::Stage;
using annotation::TaskState;
using annotation::WorkflowAction;
using annotation::WorkflowEvent;

constexpr int64_t kMinute = 60000;

db::NewVideo video(const std::string& id) {
  db::NewVideo v;
  v.id = id;
  v.annotationOnly = true;
  v.origin = "test";
  return v;
}

// A start + save of `caption` by `author` at `at`, then (optionally) a submission `minutes` later.
int64_t work(db::Project& project, const std::string& id, Stage stage, const std::string& author,
             const std::string& caption, double seconds, int64_t at, std::optional<int64_t> submitAfterMinutes) {
  db::SaveRevisionRequest save;
  save.videoId = id;
  save.stage = stage;
  if (stage == Stage::Audio) save.audio = annotation::AudioFields{};
  if (stage == Stage::Visual) save.visual = annotation::VisualFields{};
  save.caption = caption;
  save.author = author;
  save.secondsSpent = seconds;
  save.event = WorkflowEvent{
      id, stage, WorkflowAction::Start, TaskState::NotStarted, TaskState::InProgress, author, Role::Annotator, "", at};
  auto saved = project.saveRevision(save);
  EXPECT_TRUE(saved) << saved.error().describe();
  if (submitAfterMinutes) {
    auto submitted =
        project.recordEvent({id, stage, WorkflowAction::Submit, TaskState::InProgress, TaskState::Submitted, author,
                             Role::Annotator, "", at + *submitAfterMinutes * kMinute});
    EXPECT_TRUE(submitted) << submitted.error().describe();
  }
  return saved ? saved->id : 0;
}

void review(db::Project& project, int64_t revisionId, const std::string& id, Stage stage, bool approve, int64_t at) {
  const WorkflowEvent event{id,
                            stage,
                            approve ? WorkflowAction::Approve : WorkflowAction::Reject,
                            TaskState::Submitted,
                            approve ? TaskState::Approved : TaskState::Rejected,
                            "rita",
                            Role::Reviewer,
                            approve ? "" : "the music is not described",
                            at};
  auto reviewed = project.recordReview(revisionId, event);
  EXPECT_TRUE(reviewed) << reviewed.error().describe();
}

void addQa(db::Project& project, const std::string& id, QaType type, QaStatus status) {
  annotation::QaPair pair;
  pair.videoId = id;
  pair.type = type;
  pair.question = "q";
  pair.answer = "a";
  pair.status = status;
  auto added = project.addQaPair(pair, "import");
  EXPECT_TRUE(added) << added.error().describe();
}

// Four videos: v1 audio approved (alice, 2 min), v2 audio rejected (bob, 1 min), v3 visual in
// progress (alice), v4 untouched; three template QA pairs and one caption "question".
fs::path smallProject(const test::TempDir& dir) {
  const fs::path path = dir / "small.ugcproj";
  auto project = db::Project::create(path);
  EXPECT_TRUE(project) << project.error().describe();
  for (const auto& user : {annotation::User{"alice", Role::Annotator}, annotation::User{"bob", Role::Annotator},
                           annotation::User{"rita", Role::Reviewer}}) {
    EXPECT_TRUE(project->addUser(user));
  }
  for (const char* id : {"v1", "v2", "v3", "v4"}) EXPECT_TRUE(project->addVideo(video(id)));
  const int64_t v1 = work(*project, "v1", Stage::Audio, "alice", "one two three four five", 60, 0, 2);
  review(*project, v1, "v1", Stage::Audio, true, 3 * kMinute);
  const int64_t v2 = work(*project, "v2", Stage::Audio, "bob", "only three  words\n", 30, 0, 1);
  review(*project, v2, "v2", Stage::Audio, false, 3 * kMinute);
  work(*project, "v3", Stage::Visual, "alice", "a b c d e f g h", 15, 0, std::nullopt);
  addQa(*project, "v1", QaType::Tone, QaStatus::Pending);
  addQa(*project, "v2", QaType::Tone, QaStatus::Approved);
  addQa(*project, "v3", QaType::Objects, QaStatus::Rejected);
  addQa(*project, "v1", QaType::AudioCaption, QaStatus::Approved);
  return path;
}

// Human work on top of the imported release, for a dashboard that shows every state: the
// lead reopens a few approved stages; three annotators edit, submit, get approved or rejected.
void reworkSomeReleaseStages(db::Project& project) {
  for (const auto& user : {annotation::User{"lead", Role::Admin}, annotation::User{"alice", Role::Annotator},
                           annotation::User{"bob", Role::Annotator}, annotation::User{"chen", Role::Annotator},
                           annotation::User{"rita", Role::Reviewer}}) {
    ASSERT_TRUE(project.addUser(user));
  }
  const char* annotators[] = {"alice", "bob", "chen"};
  int n = 0;
  for (const auto stage : {Stage::Audio, Stage::Visual}) {
    db::ReviewQueueQuery query;
    query.stage = stage;
    query.state = TaskState::Approved;
    query.limit = 150;
    auto approved = project.pendingReviews(query);
    ASSERT_TRUE(approved);
    for (const auto& status : *approved) {
      const std::string& id = status.videoId;
      const std::string author = annotators[n % 3];
      const int64_t at = n * 10 * kMinute;
      ASSERT_TRUE(project.recordEvent({id, stage, WorkflowAction::Reopen, TaskState::Approved, TaskState::InProgress,
                                       "lead", Role::Admin, "recheck", at}));
      auto head = project.headRevision(id, stage);
      ASSERT_TRUE(head && *head);
      db::SaveRevisionRequest save;
      save.videoId = id;
      save.stage = stage;
      save.baseRevisionId = (*head)->id;
      save.audio = (*head)->audio;
      save.visual = (*head)->visual;
      save.caption = (*head)->caption + " Checked again.";
      save.author = author;
      save.secondsSpent = 90 + 60 * (n % 3) + 11 * (n % 7);
      auto saved = project.saveRevision(save);
      ASSERT_TRUE(saved) << saved.error().describe();
      if (n % 6 == 5) {
        ++n;
        continue;  // still in progress
      }
      ASSERT_TRUE(project.recordEvent({id, stage, WorkflowAction::Submit, TaskState::InProgress, TaskState::Submitted,
                                       author, Role::Annotator, "", at + (3 + n % 4) * kMinute}));
      if (n % 6 != 4) review(project, saved->id, id, stage, n % 3 != 1 || n % 4 == 0, at + 8 * kMinute);
      ++n;
    }
  }
}

bool waitLoaded(DashboardModel& model) {
  if (model.state() != DashboardModel::State::Loading) return model.state() == DashboardModel::State::Ready;
  QSignalSpy done(&model, &DashboardModel::stateChanged);
  done.wait(60000);
  return model.state() == DashboardModel::State::Ready;
}

TEST(DashboardFigures, CountsWordsAndBinsLengths) {
  EXPECT_EQ(countWords(""), 0);
  EXPECT_EQ(countWords("  one\ttwo\n three  "), 3);
  EXPECT_EQ(wordCountHistogram({0, 9, 10, 25, 400}, 10, 3), (std::vector<int>{2, 1, 2}));
}

TEST(DashboardModel, LoadsWhatTheProjectHoldsOffTheGuiThread) {
  test::TempDir dir;
  const fs::path path = smallProject(dir);
  DashboardModel model;
  DashboardWidget widget(&model);
  widget.resize(1200, 800);
  EXPECT_EQ(model.state(), DashboardModel::State::Empty);
  QElapsedTimer call;
  call.start();
  model.load(QString::fromStdString(path.string()));
  UGC_EXPECT_TIMELY(call.elapsed(), 50) << "load() returns at once; the work runs on a worker";
  // The result arrives through the event loop, so until it runs the widget shows "loading".
  EXPECT_TRUE(model.isLoading());
  EXPECT_TRUE(widget.showsLoading());
  EXPECT_TRUE(widget.statusText().contains("Loading"));
  ASSERT_TRUE(waitLoaded(model)) << model.errorText().toStdString();
  EXPECT_TRUE(widget.showsFigures());

  const DashboardFigures& f = model.figures();
  EXPECT_EQ(f.videos, 4);
  EXPECT_EQ(f.annotationOnlyVideos, 4);
  EXPECT_EQ(f.stageStates.at(Stage::Audio).at(TaskState::Approved), 1);
  EXPECT_EQ(f.stageStates.at(Stage::Audio).at(TaskState::Rejected), 1);
  EXPECT_EQ(f.stageStates.at(Stage::Audio).at(TaskState::NotStarted), 2);
  EXPECT_EQ(f.stageStates.at(Stage::Visual).at(TaskState::InProgress), 1);
  EXPECT_EQ(f.stageStates.at(Stage::Visual).at(TaskState::NotStarted), 3);
  EXPECT_EQ(f.stageStates.at(Stage::Joint).at(TaskState::NotStarted), 4);
  EXPECT_EQ(f.qa.at(QaType::Tone).at(QaStatus::Pending), 1);
  EXPECT_EQ(f.qa.at(QaType::Tone).at(QaStatus::Approved), 1);
  EXPECT_EQ(f.qa.at(QaType::Objects).at(QaStatus::Rejected), 1);
  EXPECT_EQ(f.qa.at(QaType::Ocr).at(QaStatus::Pending), 0);
  EXPECT_EQ(f.qa.count(QaType::AudioCaption), 0u) << "caption questions are not QA pairs";
  EXPECT_EQ(f.progress.qa.approved, 1);
  EXPECT_EQ(f.progress.qa.target, 4000);
  EXPECT_EQ(f.progress.captionsApproved, 1);
  EXPECT_EQ(f.progress.captionsTarget, 3000);
  EXPECT_EQ(f.progress.stages[0].approved, 1);

  ASSERT_EQ(f.annotators.size(), 2u) << "the reviewer submitted nothing and is not listed";
  const AnnotatorFigures& alice = f.annotators[0];
  EXPECT_EQ(alice.name, "alice");
  EXPECT_EQ(alice.revisions, 2);
  EXPECT_DOUBLE_EQ(alice.secondsSpent, 75.0);
  EXPECT_EQ(alice.submissions, 1);
  EXPECT_DOUBLE_EQ(alice.meanMinutesPerSubmission(), 2.0);
  EXPECT_EQ(alice.approved, 1);
  EXPECT_EQ(alice.rejected, 0);
  EXPECT_DOUBLE_EQ(alice.rejectionRate, 0.0);
  const AnnotatorFigures& bob = f.annotators[1];
  EXPECT_EQ(bob.name, "bob");
  EXPECT_EQ(bob.revisions, 1);
  EXPECT_DOUBLE_EQ(bob.meanMinutesPerSubmission(), 1.0);
  EXPECT_EQ(bob.rejected, 1);
  EXPECT_DOUBLE_EQ(bob.rejectionRate, 1.0);

  auto sorted = [](std::vector<int> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  EXPECT_EQ(sorted(f.captionWords.at(Stage::Audio)), (std::vector<int>{3, 5}));
  EXPECT_EQ(f.captionWords.at(Stage::Visual), std::vector<int>{8});
  EXPECT_EQ(f.captionWords.count(Stage::Joint), 0u);
}

TEST(DashboardWidget, ChartsAndTableShowTheFigures) {
  test::TempDir dir;
  const fs::path path = smallProject(dir);
  DashboardModel model;
  DashboardWidget widget(&model);
  widget.resize(1200, 800);
  model.load(QString::fromStdString(path.string()));
  ASSERT_TRUE(waitLoaded(model));

  const ChartSnapshot stages = widget.chartSnapshot(DashboardChart::StageStatus);
  EXPECT_EQ(stages.categories, (QStringList{"Audio", "Visual", "Joint"}));
  ASSERT_EQ(stages.setLabels.size(), 6);
  EXPECT_EQ(stages.total(), 12.0) << "4 videos x 3 stages";
  const int approved = int(stages.setLabels.indexOf("Approved"));
  const int rejected = int(stages.setLabels.indexOf("Rejected"));
  const int inProgress = int(stages.setLabels.indexOf("In progress"));
  ASSERT_GE(approved, 0);
  ASSERT_GE(rejected, 0);
  ASSERT_GE(inProgress, 0);
  EXPECT_EQ(stages.values[approved], (QList<double>{1, 0, 0}));
  EXPECT_EQ(stages.values[rejected], (QList<double>{1, 0, 0}));
  EXPECT_EQ(stages.values[inProgress], (QList<double>{0, 1, 0}));

  const ChartSnapshot qa = widget.chartSnapshot(DashboardChart::QaPairs);
  EXPECT_EQ(qa.categories.size(), 6);
  EXPECT_EQ(qa.total(), 3.0);
  EXPECT_TRUE(qa.title.contains("1 approved of 4,000")) << qa.title.toStdString();
  EXPECT_EQ(qa.values[qa.setLabels.indexOf("Approved")][qa.categories.indexOf("Tone")], 1.0);
  EXPECT_EQ(qa.values[qa.setLabels.indexOf("Rejected")][qa.categories.indexOf("Objects")], 1.0);

  const ChartSnapshot lengths = widget.chartSnapshot(DashboardChart::CaptionLengths);
  EXPECT_EQ(lengths.categories.size(), DashboardWidget::kCaptionBins);
  EXPECT_EQ(lengths.categories.front(), "0");
  EXPECT_EQ(lengths.categories.back(), "90+");
  EXPECT_EQ(lengths.setLabels, (QStringList{"Audio", "Visual", "Joint"}));
  EXPECT_EQ(lengths.values[0][0], 2.0) << "both audio captions have under 10 words";
  EXPECT_EQ(lengths.values[1][0], 1.0);
  EXPECT_EQ(lengths.total(), 3.0);

  QTableWidget* table = widget.annotatorTable();
  ASSERT_EQ(table->rowCount(), 2);
  EXPECT_EQ(table->item(1, 0)->text(), "bob");
  EXPECT_EQ(table->item(1, 7)->text(), "100.0%");
  EXPECT_EQ(table->item(0, 1)->text(), "2");
  EXPECT_TRUE(widget.summaryText().contains("Videos: 4")) << widget.summaryText().toStdString();
  EXPECT_FALSE(widget.grab().isNull());
}

TEST(DashboardModel, ReportsAMissingProjectAndDropsSupersededLoads) {
  test::TempDir dir;
  DashboardModel model;
  DashboardWidget widget(&model);
  model.load(QString::fromStdString((dir / "missing.ugcproj").string()));
  EXPECT_FALSE(waitLoaded(model));
  EXPECT_EQ(model.state(), DashboardModel::State::Failed);
  EXPECT_TRUE(widget.statusText().contains("Cannot load")) << widget.statusText().toStdString();

  // A second load supersedes the first one: only the last project's figures are shown.
  const fs::path path = smallProject(dir);
  model.load(QString::fromStdString((dir / "missing.ugcproj").string()));
  model.load(QString::fromStdString(path.string()));
  ASSERT_TRUE(waitLoaded(model)) << model.errorText().toStdString();
  QTest::qWait(50);  // let the superseded result arrive, if it would
  EXPECT_EQ(model.state(), DashboardModel::State::Ready);
  EXPECT_EQ(model.figures().videos, 4);
}

// The released benchmark plus some human work; also renders the dashboard for the user guide
// (into $UGC_SCREENSHOT_DIR when set).
TEST(DashboardModel, LoadsTheReleaseAndRendersIt) {
  const fs::path release = test::releaseDevDir();
  if (release.empty()) GTEST_SKIP() << "shared release-dev data absent";
  test::TempDir dir;
  const fs::path path = dir / "release.ugcproj";
  {
    auto project = db::Project::create(path);
    ASSERT_TRUE(project);
    auto imported = db::importRelease(*project, release, {}, {}, {});
    ASSERT_TRUE(imported) << imported.error().describe();
    reworkSomeReleaseStages(*project);
    if (HasFatalFailure()) return;
  }
  DashboardModel model;
  DashboardWidget widget(&model);
  widget.resize(1400, 900);
  QElapsedTimer timer;
  timer.start();
  model.load(QString::fromStdString(path.string()));
  ASSERT_TRUE(waitLoaded(model)) << model.errorText().toStdString();
  std::printf("[ figures ] dashboard load of the 800-video release: %lld ms\n", qlonglong(timer.elapsed()));
  const DashboardFigures& f = model.figures();
  EXPECT_EQ(f.videos, 800);
  int64_t qaTotal = 0;
  for (const auto& [type, byStatus] : f.qa) {
    for (const auto& [status, count] : byStatus) qaTotal += count;
  }
  EXPECT_GT(qaTotal, 3000);
  EXPECT_EQ(widget.chartSnapshot(DashboardChart::QaPairs).total(), double(qaTotal));
  for (const auto stage : annotation::kAllStages) {
    const int64_t approved = f.stageStates.at(stage).at(TaskState::Approved);
    EXPECT_GT(approved, 700) << annotation::stageName(stage);
    EXPECT_EQ(widget.chartSnapshot(DashboardChart::CaptionLengths).values[int(stage)].size(),
              DashboardWidget::kCaptionBins);
  }
  // 300 reworked stages: 50 in progress, 50 submitted, the rest judged by the reviewer.
  EXPECT_EQ(f.stageStates.at(Stage::Audio).at(TaskState::InProgress) +
                f.stageStates.at(Stage::Visual).at(TaskState::InProgress),
            50);
  EXPECT_EQ(f.stageStates.at(Stage::Audio).at(TaskState::Submitted) +
                f.stageStates.at(Stage::Visual).at(TaskState::Submitted),
            50);
  ASSERT_EQ(f.annotators.size(), 3u);
  int64_t revisions = 0;
  int judged = 0;
  for (const auto& annotator : f.annotators) {
    revisions += annotator.revisions;
    judged += annotator.approved + annotator.rejected;
  }
  EXPECT_EQ(revisions, 300);
  EXPECT_EQ(judged, 200);
  EXPECT_EQ(widget.annotatorTable()->rowCount(), 3);
  const QImage image = widget.grab().toImage();
  ASSERT_FALSE(image.isNull());
  if (const QByteArray out = qgetenv("UGC_SCREENSHOT_DIR"); !out.isEmpty()) {
    EXPECT_TRUE(image.save(QString::fromLocal8Bit(out) + "/dashboard.png"));
  }
}

}  // namespace
}  // namespace ugc::gui
