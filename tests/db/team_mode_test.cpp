// Team mode against the throw-away PostgreSQL server: moving a project between modes keeps
// every revision, and bad connections are clear errors that lose nothing.
#include <gtest/gtest.h>

#include <chrono>

#include "db/migrations.h"
#include "db/project.h"
#include "db/project_copy.h"
#include "db/project_export.h"
#include "db/project_import.h"
#include "support/store_backends.h"
#include "support/test_support.h"

namespace ugc::db {
namespace {

namespace fs = std::filesystem;
using annotation::Stage;

#define UGC_REQUIRE_POSTGRES() UGC_REQUIRE_STORE_BACKEND(test::StoreBackend::Postgres)

std::string exportOf(Project& project, const fs::path& out) {
  ExportParams params;
  params.includeUnreviewed = true;
  auto exported = exportProject(project, out, params, {}, {});
  EXPECT_TRUE(exported) << exported.error().describe();
  std::string all;
  for (const char* name : {"audio_caption_qa.json", "visual_caption_qa.json", "final_caption_qa.json", "tone.json",
                           "ocr.jsonl", "BGM.json"}) {
    all += name;
    all += test::readFile(out / name);
  }
  return all;
}

void fillWithWork(Project& project, const fs::path& release) {
  if (!release.empty()) {
    auto imported = importRelease(project, release, {}, {}, {});
    ASSERT_TRUE(imported) << imported.error().describe();
  } else {
    NewVideo video;
    video.id = "v1";
    video.annotationOnly = true;
    video.origin = "test";
    ASSERT_TRUE(project.addVideo(video));
  }
  auto first = project.videos(0, 1);
  ASSERT_TRUE(first && !first->empty());
  const std::string id = (*first)[0].id;
  auto status = project.stageStatus(id, Stage::Audio);
  ASSERT_TRUE(status);
  for (const char* caption : {"A first edit.", "A second edit, 0.1 s later."}) {
    SaveRevisionRequest edit;
    edit.videoId = id;
    edit.stage = Stage::Audio;
    edit.baseRevisionId = (*project.stageStatus(id, Stage::Audio)).headRevisionId;
    edit.audio = annotation::AudioFields{};
    edit.caption = caption;
    edit.author = "alice";
    edit.secondsSpent = 0.1 + 0.2;  // not exact in decimal: the copy must keep every bit
    ASSERT_TRUE(project.saveRevision(edit));
  }
  annotation::QaPair pair;
  pair.videoId = id;
  pair.type = annotation::QaType::Tone;
  pair.question = "What is the tone?";
  pair.options = {"Positive", "Neutral"};
  pair.answer = "Neutral";
  auto qa = project.addQaPair(pair, "alice");
  ASSERT_TRUE(qa);
  annotation::QaPair edited = qa->pair;
  edited.answer = "Positive";
  ASSERT_TRUE(project.updateQaPair(edited, qa->version, "rita"));
  LeaseRequest lease;
  lease.person = "bob";
  lease.stage = Stage::Visual;
  ASSERT_TRUE(project.leaseNextTask(lease));
  ASSERT_TRUE(project.putSignal("fingerprint", "captioner-features", "1", std::string("UGCMFT01\0\1\xff", 11)));
}

void expectSameHistory(Project& a, Project& b) {
  auto first = a.videos(0, 1);
  ASSERT_TRUE(first && !first->empty());
  const std::string id = (*first)[0].id;
  auto left = a.history(id, Stage::Audio);
  auto right = b.history(id, Stage::Audio);
  ASSERT_TRUE(left && right);
  ASSERT_EQ(left->size(), right->size());
  for (size_t i = 0; i < left->size(); ++i) {
    EXPECT_EQ((*left)[i].id, (*right)[i].id);
    EXPECT_EQ((*left)[i].caption, (*right)[i].caption);
    EXPECT_EQ((*left)[i].parentId, (*right)[i].parentId);
    EXPECT_EQ((*left)[i].secondsSpent, (*right)[i].secondsSpent) << "bit-exact";
  }
  auto qa = a.qaPairs(id);
  auto qaCopy = b.qaPairs(id);
  ASSERT_TRUE(qa && qaCopy);
  ASSERT_EQ(qa->size(), qaCopy->size());
  for (size_t i = 0; i < qa->size(); ++i) {
    auto versions = a.qaHistory((*qa)[i].pair.id);
    auto versionsCopy = b.qaHistory((*qa)[i].pair.id);
    ASSERT_TRUE(versions && versionsCopy);
    ASSERT_EQ(versions->size(), versionsCopy->size());
    for (size_t v = 0; v < versions->size(); ++v) EXPECT_EQ((*versions)[v].pair, (*versionsCopy)[v].pair);
  }
  EXPECT_EQ(a.activeLeases()->size(), b.activeLeases()->size());
  EXPECT_EQ(**b.signal("fingerprint", "captioner-features", "1"), std::string("UGCMFT01\0\1\xff", 11))
      << "binary cache entries travel intact";
  auto stats = a.statistics();
  auto statsCopy = b.statistics();
  ASSERT_TRUE(stats && statsCopy);
  EXPECT_EQ(stats->videos, statsCopy->videos);
  ASSERT_EQ(stats->authors.size(), statsCopy->authors.size());
  EXPECT_EQ(stats->qa.size(), statsCopy->qa.size());
}

TEST(TeamMode, MigrateSqliteToPostgresAndBackKeepsEveryRevisionAndExportsAlike) {
  UGC_REQUIRE_POSTGRES();
  test::TempDir dir;
  auto original = Project::create(dir / "original.ugcproj");
  ASSERT_TRUE(original);
  fillWithWork(*original, test::releaseDevDir());
  const std::string exported = exportOf(*original, dir / "export-original");

  test::ProjectLocation server(test::StoreBackend::Postgres, dir, "migrated");
  auto onServer = Project::create(server);
  ASSERT_TRUE(onServer) << onServer.error().describe();
  auto copied = copyProject(*original, *onServer, {}, {});
  ASSERT_TRUE(copied) << copied.error().describe();
  EXPECT_GT(copied->rows, 0);
  EXPECT_EQ(exportOf(*onServer, dir / "export-server"), exported);
  expectSameHistory(*original, *onServer);

  // New work on the server continues the ids where the file left them.
  auto first = original->videos(0, 1);
  const std::string id = (*first)[0].id;
  SaveRevisionRequest more;
  more.videoId = id;
  more.stage = Stage::Audio;
  more.baseRevisionId = onServer->stageStatus(id, Stage::Audio)->headRevisionId;
  more.audio = annotation::AudioFields{};
  more.caption = "Written on the server.";
  more.author = "carol";
  auto saved = onServer->saveRevision(more);
  ASSERT_TRUE(saved) << saved.error().describe();
  EXPECT_GT(saved->id, *more.baseRevisionId);

  auto back = Project::create(dir / "back.ugcproj");
  ASSERT_TRUE(back);
  auto returned = copyProject(*onServer, *back, {}, {});
  ASSERT_TRUE(returned) << returned.error().describe();
  EXPECT_EQ(exportOf(*back, dir / "export-back"), exportOf(*onServer, dir / "export-server-2"));
  expectSameHistory(*onServer, *back);

  // Into a project that already holds videos: refused, nothing written.
  auto again = copyProject(*original, *back, {}, {});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::InvalidArgument);
}

TEST(TeamMode, AWrongPasswordIsAClearPermissionError) {
  UGC_REQUIRE_POSTGRES();
  std::string server = *test::postgresServerUrl();
  // postgresql://user:password@host:port -> the same with another password.
  const size_t colon = server.find(':', std::string("postgresql://").size());
  const size_t at = server.find('@');
  ASSERT_NE(colon, std::string::npos);
  const std::string wrong = server.substr(0, colon + 1) + "not-the-password" + server.substr(at) + "/postgres";
  auto project = Project::open(wrong);
  ASSERT_FALSE(project);
  EXPECT_EQ(project.error().code, ErrorCode::PermissionDenied) << project.error().describe();
  EXPECT_NE(project.error().message.find("PGPASSWORD"), std::string::npos) << project.error().message;
  EXPECT_EQ(project.error().message.find("not-the-password"), std::string::npos) << "the password is never printed";
}

TEST(TeamMode, AnUnreachableServerIsAClearIoErrorQuickly) {
  const auto start = std::chrono::steady_clock::now();
  auto project = Project::open(fs::path("postgresql://nobody@127.0.0.1:1/ugc?connect_timeout=3"));
  ASSERT_FALSE(project);
  EXPECT_EQ(project.error().code, ErrorCode::Io) << project.error().describe();
  EXPECT_NE(project.error().message.find("cannot reach the PostgreSQL server"), std::string::npos)
      << project.error().message;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(TeamMode, ASchemaNewerThanThisBuildAndAForeignDatabaseAreRefused) {
  UGC_REQUIRE_POSTGRES();
  test::TempDir dir;
  test::ProjectLocation location(test::StoreBackend::Postgres, dir, "newer");
  {
    auto project = Project::create(location);
    ASSERT_TRUE(project) << project.error().describe();
    ASSERT_TRUE(project->connection().execute("UPDATE ugccap_schema SET version = 99"));
  }
  auto newer = Project::open(location);
  ASSERT_FALSE(newer);
  EXPECT_EQ(newer.error().code, ErrorCode::Unsupported) << newer.error().describe();
  EXPECT_NE(newer.error().message.find("upgrade ugccap"), std::string::npos);

  test::ProjectLocation foreign(test::StoreBackend::Postgres, dir, "foreign");
  ASSERT_TRUE(createPostgresDatabase(foreign.path().string()));
  {
    auto raw = Connection::openPostgres(foreign.path().string());
    ASSERT_TRUE(raw) << raw.error().describe();
    ASSERT_TRUE(raw->execute("CREATE TABLE inventory (item TEXT)"));
  }
  auto notAProject = Project::open(foreign);
  ASSERT_FALSE(notAProject);
  EXPECT_EQ(notAProject.error().code, ErrorCode::InvalidInput) << notAProject.error().describe();
  auto overIt = Project::create(foreign);
  ASSERT_FALSE(overIt);
  EXPECT_EQ(overIt.error().code, ErrorCode::InvalidArgument) << overIt.error().describe();
}

TEST(TeamMode, AServerThatGoesAwayFailsTheCallThenTheProjectReconnects) {
  UGC_REQUIRE_POSTGRES();
  test::TempDir dir;
  test::ProjectLocation location(test::StoreBackend::Postgres, dir, "away");
  auto project = Project::create(location);
  ASSERT_TRUE(project) << project.error().describe();
  NewVideo video;
  video.id = "v1";
  video.annotationOnly = true;
  video.origin = "test";
  ASSERT_TRUE(project->addVideo(video));
  // The administrator (or a restart) ends every session of the project's database.
  auto admin = Connection::openPostgres(*test::postgresServerUrl() + "/postgres");
  ASSERT_TRUE(admin) << admin.error().describe();
  const std::string database = location.path().string().substr(location.path().string().rfind('/') + 1);
  ASSERT_TRUE(admin->queryInt("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '" +
                              database + "'"));
  SaveRevisionRequest save;
  save.videoId = "v1";
  save.stage = Stage::Audio;
  save.audio = annotation::AudioFields{};
  save.caption = "saved after the server came back";
  save.author = "alice";
  auto lost = project->saveRevision(save);
  ASSERT_FALSE(lost) << "the call on the dead session fails";
  EXPECT_EQ(lost.error().code, ErrorCode::Io) << lost.error().describe();
  // The studio keeps the text (recovery folder) and saves again: the project reconnects.
  auto saved = project->saveRevision(save);
  ASSERT_TRUE(saved) << saved.error().describe();
  auto history = project->history("v1", Stage::Audio);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 1u) << "written exactly once";
}

}  // namespace
}  // namespace ugc::db
