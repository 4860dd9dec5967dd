#include <gtest/gtest.h>

#include <QColor>

#include "db/project.h"
#include "gui/queue/video_queue_model.h"
#include "gui/session/stage_session.h"
#include "support/test_support.h"

namespace ugc::gui {
namespace {

class VideoQueueModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = db::Project::create(dir_ / "q.ugcproj");
    ASSERT_TRUE(created) << created.error().describe();
    project_.emplace(std::move(*created));
    for (int i = 0; i < 300; ++i) {
      db::NewVideo video;
      video.id = "vid-" + std::to_string(1000 + i);
      video.mediaPath = "clips/" + video.id + ".mp4";
      video.probeJson = "{\"duration\": " + std::to_string(60 + i) + ".4}";
      video.origin = "test";
      ASSERT_TRUE(project_->addVideo(video));
    }
    ASSERT_TRUE(project_->addUser({"ann", annotation::Role::Annotator}));
  }

  test::TempDir dir_;
  std::optional<db::Project> project_;
};

}  // namespace

TEST_F(VideoQueueModelTest, LoadsOnePageAtATime) {
  VideoQueueModel model(*project_);
  EXPECT_EQ(model.totalCount(), 300);
  EXPECT_EQ(model.rowCount(), VideoQueueModel::kPageSize);
  ASSERT_TRUE(model.canFetchMore({}));
  model.fetchMore({});
  EXPECT_EQ(model.rowCount(), 300);
  EXPECT_FALSE(model.canFetchMore({}));
  EXPECT_EQ(model.videoIdAt(0), "vid-1000");
  EXPECT_EQ(model.videoIdAt(299), "vid-1299");
  EXPECT_EQ(model.data(model.index(1, VideoQueueModel::kDuration), Qt::DisplayRole).toString(), "1:01");
  EXPECT_EQ(model.data(model.index(0, VideoQueueModel::kAudio), Qt::DisplayRole).toString(), "not started");
}

TEST_F(VideoQueueModelTest, FiltersByIdAndByStageState) {
  StageSession session(*project_, {"ann", annotation::Role::Annotator});
  StageEdit edit;
  edit.caption = "work in progress";
  auto snapshot = session.load("vid-1234", annotation::Stage::Visual);
  ASSERT_TRUE(snapshot);
  ASSERT_TRUE(session.save(*snapshot, edit));

  VideoQueueModel model(*project_);
  db::VideoListFilter byId;
  byId.idContains = "123";
  model.setFilter(byId);
  EXPECT_EQ(model.totalCount(), 11);  // vid-1123 and vid-1230 .. vid-1239
  byId.idContains = "1234";
  model.setFilter(byId);
  EXPECT_EQ(model.totalCount(), 1);
  db::VideoListFilter inProgress;
  inProgress.stage = annotation::Stage::Visual;
  inProgress.state = annotation::TaskState::InProgress;
  model.setFilter(inProgress);
  ASSERT_EQ(model.totalCount(), 1);
  EXPECT_EQ(model.videoIdAt(0), "vid-1234");
  const auto stateCell = model.index(0, VideoQueueModel::kVisual);
  EXPECT_EQ(model.data(stateCell, Qt::DisplayRole).toString(), "in progress");
  EXPECT_EQ(model.data(stateCell, Qt::BackgroundRole).value<QColor>(), taskStateColor(int(annotation::TaskState::InProgress)));
  inProgress.stage = annotation::Stage::Audio;
  model.setFilter(inProgress);
  EXPECT_EQ(model.totalCount(), 0);
}

}  // namespace ugc::gui
