// Folder, manifest and demo-corpus imports with real media made by ffmpeg.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/sha256.h"
#include "db/project_export.h"
#include "db/project_import.h"
#include "demo/demo_corpus.h"
#include "demo/demo_ground_truth.h"
#include "support/store_backends.h"
#include "support/test_support.h"

namespace ugc::db {
namespace {

namespace fs = std::filesystem;
using annotation::Stage;

void makeClip(const fs::path& path, const std::string& color) {
  test::runFfmpeg({"-f", "lavfi", "-i", "color=c=" + color + ":s=64x112:d=0.5:r=10", "-f", "lavfi", "-i",
                   "sine=frequency=440:duration=0.5", "-shortest", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a",
                   "aac", path.string()});
}

void writeText(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// The store suite's media tests: each runs on an SQLite file and on a PostgreSQL database
// (whose media root is the test's folder, as a file project's folder is).
UGC_STORE_SUITE(MediaOnEachBackend);

TEST_P(MediaOnEachBackend, FolderIsProbedFingerprintedAndDeduplicated) {
  test::TempDir dir;
  fs::create_directories(dir / "videos" / "more");
  makeClip(dir / "videos" / "red.mp4", "red");
  makeClip(dir / "videos" / "more" / "blue.mp4", "blue");
  fs::copy_file(dir / "videos" / "red.mp4", dir / "videos" / "z-copy.mp4");
  test::ProjectLocation location(GetParam(), dir);
  auto project = Project::create(location);
  ASSERT_TRUE(project);
  auto report = importVideoFolder(*project, dir / "videos", {}, {});
  ASSERT_TRUE(report) << report.error().describe();
  EXPECT_EQ(report->videosAdded, 2);
  ASSERT_EQ(report->skipped.size(), 1u);
  EXPECT_NE(report->skipped[0].message.find("same content"), std::string::npos);
  auto red = project->findVideo("red");
  ASSERT_TRUE(red && *red);
  EXPECT_EQ((*red)->mediaPath, "videos/red.mp4") << "stored relative to the project folder";
  EXPECT_EQ((*red)->fingerprint.size(), 64u);
  EXPECT_NE((*red)->probeJson.find("\"width\":64"), std::string::npos) << (*red)->probeJson;
  EXPECT_FALSE((*red)->annotationOnly);
  // Importing the folder again adds nothing: every file is a duplicate now.
  auto again = importVideoFolder(*project, dir / "videos", {}, {});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->videosAdded, 0);
  EXPECT_EQ(again->skipped.size(), 3u);
}

TEST(MediaImport, ManifestCsvAndJsonWithErrorsLeavingTheFileUnchanged) {
  test::TempDir dir;
  makeClip(dir / "a.mp4", "green");
  writeText(dir / "not-media.mp4", "this is text, not a video");
  const fs::path path = dir / "p.ugcproj";
  { ASSERT_TRUE(Project::create(path)); }
  writeText(dir / "m.csv", "id,path,url\nclip-a,a.mp4,https://example.com/a\nclip/b,,https://example.com/b\n");
  {
    auto project = Project::open(path);
    auto report = importManifest(*project, dir / "m.csv", {}, {});
    ASSERT_FALSE(report) << "a slash in an id is refused";
  }
  writeText(dir / "m.csv", "id,path,url\nclip-a,a.mp4,https://example.com/a\nclip-b,,https://example.com/b\n");
  {
    auto project = Project::open(path);
    auto report = importManifest(*project, dir / "m.csv", {}, {});
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_EQ(report->videosAdded, 2);
    EXPECT_EQ((*project->findVideo("clip-a"))->sourceUrl, "https://example.com/a");
    EXPECT_TRUE((*project->findVideo("clip-b"))->annotationOnly);
  }
  const std::string before = sha256Hex(test::readFile(path));
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"dup.csv", "id,path\nx,a.mp4\nx,a.mp4\n"},
      {"broken.json", "[{\"id\": \"y\", \"path\": \"a.mp4\"},\n {\"id\": }]"},
      {"types.json", "[{\"id\": 5, \"path\": \"a.mp4\"}]"},
      {"notmedia.json", "[{\"id\": \"z\", \"path\": \"not-media.mp4\"}]"},
      {"missing.csv", "id,path\nw,nowhere.mp4\n"},
  };
  for (const auto& [name, text] : bad) {
    SCOPED_TRACE(name);
    writeText(dir / name, text);
    auto project = Project::open(path);
    auto report = importManifest(*project, dir / name, {}, {});
    ASSERT_FALSE(report);
    EXPECT_EQ(report.error().code, ErrorCode::InvalidInput) << report.error().describe();
  }
  EXPECT_EQ(sha256Hex(test::readFile(path)), before);
  {
    auto project = Project::open(path);
    auto broken = importManifest(*project, dir / "broken.json", {}, {});
    EXPECT_NE(broken.error().message.find("broken.json:2"), std::string::npos) << broken.error().message;
  }
}

TEST_P(MediaOnEachBackend, DemoGroundTruthBecomesApprovedAnnotationsAndExports) {
  test::TempDir dir;
  const fs::path corpus = dir / "demo";
  fs::create_directories(corpus);
  // Real ground truth from the demo generator's scripts (media for the first clip only).
  nlohmann::ordered_json index = {{"format", "ugc-videocap-demo-corpus/1"}, {"seed", demo::kDefaultSeed}};
  const auto scripts = demo::demoScripts(demo::kDefaultSeed);
  ASSERT_GE(scripts.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    demo::ClipTimeline timeline;
    timeline.speech.push_back({demo::Voice::Female, "Hello there.", 0.5, 1.5});
    const auto truth = demo::groundTruth(scripts[i], timeline, 360, 640, 30);
    writeText(corpus / (scripts[i].id + ".json"), truth.dump(2));
    index["clips"].push_back({{"video_id", scripts[i].id},
                              {"media", scripts[i].id + ".mp4"},
                              {"ground_truth", scripts[i].id + ".json"}});
  }
  makeClip(corpus / (scripts[0].id + ".mp4"), "yellow");
  writeText(corpus / "corpus.json", index.dump(2));

  test::ProjectLocation location(GetParam(), dir);
  auto project = Project::create(location);
  auto report = importDemoCorpus(*project, corpus, {}, {});
  ASSERT_TRUE(report) << report.error().describe();
  EXPECT_EQ(report->videosAdded, 3);
  EXPECT_EQ(report->revisionsAdded, 9);
  EXPECT_GT(report->qaPairsAdded, 3);
  EXPECT_FALSE((*project->findVideo(scripts[0].id))->annotationOnly);
  EXPECT_TRUE((*project->findVideo(scripts[1].id))->annotationOnly);
  auto visual = project->headRevision(scripts[0].id, Stage::Visual);
  ASSERT_TRUE(visual && *visual && (*visual)->visual);
  EXPECT_EQ((*visual)->visual->ocrLines.size(), scripts[0].texts.size());
  EXPECT_EQ(project->stageStatus(scripts[0].id, Stage::Joint)->state, annotation::TaskState::Approved);
  auto exported = exportProject(*project, dir / "release", {}, {}, {});
  ASSERT_TRUE(exported) << exported.error().describe();
  ASSERT_TRUE(validateExport(dir / "release"));
  EXPECT_NE(test::readFile(dir / "release" / "final_caption_qa.json").find(scripts[2].id), std::string::npos);

  // A ground truth file that names another video is refused, nothing imported.
  auto wrong = demo::groundTruth(scripts[3], {}, 360, 640, 30);
  wrong["video_id"] = "someone-else";
  writeText(corpus / (scripts[0].id + ".json"), wrong.dump(2));
  test::ProjectLocation secondLocation(GetParam(), dir, "q");
  auto second = Project::create(secondLocation);
  auto refused = importDemoCorpus(*second, corpus, {}, {});
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("someone-else"), std::string::npos) << refused.error().message;
  EXPECT_EQ(*second->videoCount(), 0);
}

}  // namespace
}  // namespace ugc::db
