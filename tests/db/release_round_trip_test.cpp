// Import of the real release-dev files, export back, byte for byte; malformed imports change nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "annotation/release_fields.h"
#include "core/sha256.h"
#include "db/project_export.h"
#include "db/project_import.h"
#include "support/store_backends.h"
#include "support/test_support.h"

namespace ugc::db {
namespace {

namespace fs = std::filesystem;
using annotation::Stage;

const char* kReleaseFiles[] = {"audio_caption_qa.json", "visual_caption_qa.json", "final_caption_qa.json",
                               "tone.json",             "voice_source.json",      "object.json",
                               "back_ground_change_new.json", "BGM.json",        "ocr.jsonl"};

// The store suite's release tests: each runs on an SQLite file and on a PostgreSQL database; the
// exports must be byte-identical to the release from either.
UGC_STORE_SUITE(ReleaseOnEachBackend);

TEST_P(ReleaseOnEachBackend, ImportThenExportIsByteIdentical) {
  const fs::path release = test::releaseDevDir();
  if (release.empty()) GTEST_SKIP() << "shared release-dev data absent";
  test::TempDir dir;
  test::ProjectLocation location(GetParam(), dir);
  auto project = Project::create(location);
  ASSERT_TRUE(project);
  auto imported = importRelease(*project, release, {}, {}, {});
  ASSERT_TRUE(imported) << imported.error().describe();
  EXPECT_EQ(imported->videosAdded, 800);
  EXPECT_GT(imported->qaPairsAdded, 3000);
  auto stats = project->statistics();
  EXPECT_EQ(stats->annotationOnlyVideos, 800);

  auto exported = exportProject(*project, dir / "out", {}, {}, {});
  ASSERT_TRUE(exported) << exported.error().describe();
  for (const char* name : kReleaseFiles) {
    EXPECT_TRUE(test::readFile(release / name) == test::readFile(dir / "out" / name)) << name << " differs";
  }
  auto validated = validateExport(dir / "out");
  ASSERT_TRUE(validated) << validated.error().describe();
  EXPECT_EQ(validated->files, 9);

  // An edit that is not approved stays out of the default export but is in --include-unreviewed.
  const std::string video = "PI-b08991f9-66e2-4bc2-9de5-9228da3bc35d";
  auto status = project->stageStatus(video, Stage::Audio);
  ASSERT_TRUE(status);
  SaveRevisionRequest edit;
  edit.videoId = video;
  edit.stage = Stage::Audio;
  edit.baseRevisionId = status->headRevisionId;
  edit.audio = (*project->headRevision(video, Stage::Audio))->audio;
  edit.caption = "An edited caption.";
  edit.author = "alice";
  ASSERT_TRUE(project->saveRevision(edit));
  ASSERT_TRUE(exportProject(*project, dir / "out", {}, {}, {}));
  EXPECT_TRUE(test::readFile(release / "audio_caption_qa.json") == test::readFile(dir / "out" / "audio_caption_qa.json"));
  ExportParams unreviewed;
  unreviewed.includeUnreviewed = true;
  ASSERT_TRUE(exportProject(*project, dir / "draft-out", unreviewed, {}, {}));
  const std::string changed = test::readFile(dir / "draft-out" / "audio_caption_qa.json");
  EXPECT_NE(changed.find("An edited caption."), std::string::npos);
  auto parsed = annotation::parseReleaseQaFile(changed);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->samples.size(), 799u);

  // The other formats validate too.
  for (auto format : {ExportFormat::Jsonl, ExportFormat::Sft, ExportFormat::Grpo}) {
    ExportParams params;
    params.format = format;
    const fs::path out = dir / exportFormatName(format);
    auto result = exportProject(*project, out, params, {}, {});
    ASSERT_TRUE(result) << result.error().describe();
    auto check = validateExport(out);
    ASSERT_TRUE(check) << check.error().describe();
    EXPECT_EQ(check->records, format == ExportFormat::Jsonl ? 800 : 799);
  }
}

TEST_P(ReleaseOnEachBackend, ValidateCatchesTamperedExports) {
  test::TempDir dir;
  test::ProjectLocation location(GetParam(), dir);
  auto project = Project::create(location);
  NewVideo video;
  video.id = "v1";
  video.annotationOnly = true;
  video.origin = "test";
  ASSERT_TRUE(project->addVideo(video));
  ExportParams params;
  params.format = ExportFormat::Jsonl;
  ASSERT_TRUE(exportProject(*project, dir / "out", params, {}, {}));
  ASSERT_TRUE(validateExport(dir / "out"));
  { std::ofstream(dir / "out" / "videos.jsonl", std::ios::app) << "{}\n"; }
  auto tampered = validateExport(dir / "out");
  ASSERT_FALSE(tampered);
  EXPECT_NE(tampered.error().message.find("SHA-256"), std::string::npos);
  // Exporting over a folder that is not an export is refused.
  fs::create_directories(dir / "precious");
  { std::ofstream(dir / "precious" / "notes.txt") << "keep me"; }
  EXPECT_FALSE(exportProject(*project, dir / "precious", params, {}, {}));
  EXPECT_EQ(test::readFile(dir / "precious" / "notes.txt"), "keep me");
}

std::string fileHash(const fs::path& path) { return sha256Hex(test::readFile(path)); }

void writeText(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

TEST(MalformedImports, LeaveTheProjectFileByteForByteUnchanged) {
  test::TempDir dir;
  const fs::path path = dir / "p.ugcproj";
  {
    auto project = Project::create(path);
    ASSERT_TRUE(project);
    NewVideo video;
    video.id = "known";
    video.annotationOnly = true;
    video.origin = "test";
    ASSERT_TRUE(project->addVideo(video));
  }
  const std::string before = fileHash(path);
  ASSERT_FALSE(fs::exists(path.string() + "-wal"));

  const std::string good = R"({"question": "q", "valid_count": 1, "samples": [{"video_id": "v", "path": "/p/v.mp4", "answer": "a"}]})";
  struct Case {
    const char* name;
    std::string fileName;
    std::string content;
    bool drafts;
  };
  const std::vector<Case> cases = {
      {"truncated JSON", "tone.json", R"({"question": "q", "valid_count": 1, "samples": [)", false},
      {"answer of the wrong type", "tone.json",
       R"({"question": "q", "valid_count": 1, "samples": [{"video_id": "v", "path": "p", "answer": 3}]})", false},
      {"duplicate id in a file", "audio_caption_qa.json",
       R"({"question": "q", "valid_count": 2, "samples": [{"video_id": "v", "path": "p", "answer": "a"}, {"video_id": "v", "path": "p", "answer": "b"}]})",
       false},
      {"id already in the project", "audio_caption_qa.json",
       R"({"question": "q", "valid_count": 1, "samples": [{"video_id": "known", "path": "p", "answer": "a"}]})", false},
      {"valid_count mismatch", "audio_caption_qa.json",
       R"({"question": "q", "valid_count": 5, "samples": [{"video_id": "v", "path": "p", "answer": "a"}]})", false},
      {"drafts: malformed line", "drafts.jsonl", "{\"video_id\": \"known\", \"stage\": \"audio\", \"text\": \"ok\"}\n{oops\n", true},
      {"drafts: unknown video", "drafts.jsonl", "{\"video_id\": \"nobody\", \"stage\": \"audio\", \"text\": \"x\"}\n", true},
      {"drafts: unknown stage", "drafts.jsonl", "{\"video_id\": \"known\", \"stage\": \"smell\", \"text\": \"x\"}\n", true},
      {"drafts: text not a string", "drafts.jsonl", "{\"video_id\": \"known\", \"stage\": \"joint\", \"text\": 5}\n", true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const fs::path input = dir / ("in-" + std::to_string(&c - cases.data()));
    fs::create_directories(input);
    if (!c.drafts && c.fileName != "audio_caption_qa.json") writeText(input / "audio_caption_qa.json", good);
    writeText(input / c.fileName, c.content);
    {
      auto project = Project::open(path);
      ASSERT_TRUE(project);
      auto result = c.drafts ? importDrafts(*project, input / c.fileName, {}, {}, {})
                             : importRelease(*project, input, {}, {}, {});
      ASSERT_FALSE(result) << "the import should have failed";
      EXPECT_EQ(result.error().code, ErrorCode::InvalidInput) << result.error().describe();
      EXPECT_EQ(result.error().message.find('\n'), std::string::npos);
      if (std::string(c.name).find("malformed") != std::string::npos ||
          std::string(c.name).find("truncated") != std::string::npos) {
        EXPECT_NE(result.error().message.find(":" + std::to_string(c.drafts ? 2 : 1) + ":"), std::string::npos)
            << "the error names the line: " << result.error().message;
      }
    }
    EXPECT_EQ(fileHash(path), before);
  }
}

TEST_P(ReleaseOnEachBackend, ImportAndExportStopWithCancelledAndChangeNothing) {
  const fs::path release = test::releaseDevDir();
  if (release.empty()) GTEST_SKIP() << "shared release-dev data absent";
  test::TempDir dir;
  test::ProjectLocation location(GetParam(), dir);
  auto project = Project::create(location);
  CancelToken cancel;
  int64_t reports = 0;
  auto cancelSoon = [&](const Progress&) {
    if (++reports == 3) cancel.cancel();
  };
  auto imported = importRelease(*project, release, {}, cancelSoon, cancel);
  ASSERT_FALSE(imported);
  EXPECT_TRUE(imported.error().isCancelled());
  EXPECT_EQ(*project->videoCount(), 0) << "a cancelled import is rolled back";

  ASSERT_TRUE(importRelease(*project, release, {}, {}, {}));
  ASSERT_TRUE(exportProject(*project, dir / "out", {}, {}, {}));
  const std::string manifest = test::readFile(dir / "out" / "manifest.json");
  CancelToken stop;
  stop.cancel();
  auto exported = exportProject(*project, dir / "out", {}, {}, stop);
  ASSERT_FALSE(exported);
  EXPECT_TRUE(exported.error().isCancelled());
  EXPECT_EQ(test::readFile(dir / "out" / "manifest.json"), manifest) << "the previous export is intact";
  EXPECT_TRUE(validateExport(dir / "out"));
}

TEST_P(ReleaseOnEachBackend, DraftImportStoresDraftsWithTheirOrigin) {
  test::TempDir dir;
  test::ProjectLocation location(GetParam(), dir);
  auto project = Project::create(location);
  NewVideo video;
  video.id = "v1";
  video.annotationOnly = true;
  video.origin = "test";
  ASSERT_TRUE(project->addVideo(video));
  writeText(dir / "d.jsonl",
            "{\"video_id\": \"v1\", \"stage\": \"audio\", \"text\": \"a dog barks\", \"source\": \"qwen2.5-omni-3b\"}\n"
            "\n{\"video_id\": \"v1\", \"stage\": \"joint\", \"text\": \"a dog barks at a cat\"}\n");
  auto report = importDrafts(*project, dir / "d.jsonl", {}, {}, {});
  ASSERT_TRUE(report) << report.error().describe();
  EXPECT_EQ(report->draftsAdded, 2);
  auto draft = project->latestDraft("v1", Stage::Audio);
  ASSERT_TRUE(draft && *draft);
  EXPECT_EQ((*draft)->caption, "a dog barks");
  EXPECT_EQ((*draft)->origin, annotation::RevisionOrigin::ImportedDraft);
  EXPECT_EQ((*draft)->source, "qwen2.5-omni-3b");
  EXPECT_EQ((*project->latestDraft("v1", Stage::Joint))->source, "d.jsonl");
  EXPECT_FALSE(*project->headRevision("v1", Stage::Audio)) << "a draft is not an annotation";
}

}  // namespace
}  // namespace ugc::db
