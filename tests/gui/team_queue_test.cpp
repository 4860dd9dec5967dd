// Two studios' queues on one project (an SQLite file, and a PostgreSQL server for team mode),
// logged in as two annotators: "Next task for me" never hands them the same stage, each sees
// who holds what, and each sees the other's submission appear without a restart.
#include <gtest/gtest.h>

#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include "db/project.h"
#include "gui/queue/queue_view.h"
#include "gui/queue/video_queue_model.h"
#include "support/store_backends.h"
#include "support/test_support.h"

namespace ugc::gui {
namespace {

using annotation::Stage;
using annotation::TaskState;

// "Within a second" is the goal; the wait allows for a loaded test machine.
constexpr int kLiveMs = 3000;

class TeamQueue : public testing::TestWithParam<test::StoreBackend> {
 protected:
  void SetUp() override {
    UGC_REQUIRE_STORE_BACKEND(GetParam());
    location_ = std::make_unique<test::ProjectLocation>(GetParam(), dir_);
    auto project = db::Project::create(*location_);
    ASSERT_TRUE(project) << project.error().describe();
    for (int i = 1; i <= 4; ++i) {
      db::NewVideo video;
      video.id = "team-" + std::to_string(i);
      video.annotationOnly = true;
      video.origin = "test";
      ASSERT_TRUE(project->addVideo(video));
    }
    ASSERT_TRUE(project->addUser({"alice", annotation::Role::Annotator}));
    ASSERT_TRUE(project->addUser({"bob", annotation::Role::Annotator}));
  }
  db::Project open() {
    auto project = db::Project::open(*location_);
    EXPECT_TRUE(project) << project.error().describe();
    return std::move(*project);
  }
  static QString nextFrom(QueueView& view) {
    QSignalSpy opened(&view, &QueueView::openRequested);
    auto* button = view.findChild<QPushButton*>("nextTaskButton");
    EXPECT_TRUE(button);
    if (!button) return {};
    QTest::mouseClick(button, Qt::LeftButton);
    if (opened.count() != 1) return {};
    return opened.at(0).at(0).toString();
  }
  static QString cell(QueueView& view, const QString& videoId, int column) {
    const int row = view.model()->rowOf(videoId);
    if (row < 0) return "<no row>";
    return view.model()->data(view.model()->index(row, column), Qt::DisplayRole).toString();
  }

  test::TempDir dir_;
  std::unique_ptr<test::ProjectLocation> location_;
};
INSTANTIATE_TEST_SUITE_P(Store, TeamQueue,
                         testing::Values(test::StoreBackend::Sqlite, test::StoreBackend::Postgres),
                         test::storeBackendName);

TEST_P(TeamQueue, TwoAnnotatorsNeverGetTheSameTaskAndSeeEachOthersSubmissionLive) {
  db::Project aliceProject = open();
  db::Project bobProject = open();
  QueueView alice(aliceProject, "alice");
  QueueView bob(bobProject, "bob");
  alice.show();
  bob.show();

  const QString aliceTask = nextFrom(alice);
  const QString bobTask = nextFrom(bob);
  ASSERT_FALSE(aliceTask.isEmpty());
  ASSERT_FALSE(bobTask.isEmpty());
  EXPECT_NE(aliceTask, bobTask) << "two annotators, two tasks";
  // Each queue shows who holds what, the other's lease included, without a reload by hand.
  EXPECT_TRUE(QTest::qWaitFor([&] { return cell(bob, aliceTask, VideoQueueModel::kHeldBy) == "alice (audio)"; },
                              kLiveMs))
      << cell(bob, aliceTask, VideoQueueModel::kHeldBy).toStdString();
  EXPECT_TRUE(QTest::qWaitFor([&] { return cell(alice, bobTask, VideoQueueModel::kHeldBy) == "bob (audio)"; },
                              kLiveMs))
      << cell(alice, bobTask, VideoQueueModel::kHeldBy).toStdString();

  QSignalSpy bobSawAChange(&bob, &QueueView::projectChanged);  // what refreshes the review desk
  // Alice writes and submits her task from her studio (its session is her project connection).
  db::SaveRevisionRequest save;
  save.videoId = aliceTask.toStdString();
  save.stage = Stage::Audio;
  save.audio = annotation::AudioFields{};
  save.caption = "A woman talks over music.";
  save.author = "alice";
  save.event = annotation::WorkflowEvent{save.videoId, Stage::Audio, annotation::WorkflowAction::Start,
                                         TaskState::NotStarted, TaskState::InProgress, "alice",
                                         annotation::Role::Annotator, "", 1};
  ASSERT_TRUE(aliceProject.saveRevision(save));
  ASSERT_TRUE(aliceProject.recordEvent({save.videoId, Stage::Audio, annotation::WorkflowAction::Submit,
                                        TaskState::InProgress, TaskState::Submitted, "alice",
                                        annotation::Role::Annotator, "", 2}));
  // Bob's queue learns of it within about a second (live updates), no restart.
  const QString submitted = taskStateLabel(int(TaskState::Submitted));
  EXPECT_TRUE(QTest::qWaitFor([&] { return cell(bob, aliceTask, VideoQueueModel::kAudio) == submitted; }, kLiveMs))
      << cell(bob, aliceTask, VideoQueueModel::kAudio).toStdString();
  EXPECT_EQ(cell(bob, aliceTask, VideoQueueModel::kHeldBy), QString()) << "a submitted task is held by nobody";
  EXPECT_GE(bobSawAChange.count(), 1) << "the queue tells the main window (and so the review desk) of the change";
  // And Bob's next task is neither his own current one handed twice nor Alice's.
  const QString third = nextFrom(bob);
  EXPECT_EQ(third, bobTask) << "asking again while holding a task renews it";
}

}  // namespace
}  // namespace ugc::gui
