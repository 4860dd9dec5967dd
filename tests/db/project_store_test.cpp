// The store's core: migrations, optimistic saves, append-only history, queues, statistics.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "db/backend.h"
#include "db/fields_json.h"
#include "db/migrations.h"
#include "db/project.h"
#include "db/python_json.h"
#include "db/video_listing.h"
#include "support/store_backends.h"
#include "support/test_support.h"

namespace ugc::db {
namespace {

using annotation::Stage;
namespace fs = std::filesystem;

NewVideo video(const std::string& id) {
  NewVideo v;
  v.id = id;
  v.annotationOnly = true;
  v.origin = "test";
  return v;
}

// The store suite: every test below runs on an SQLite file and on a PostgreSQL database.
UGC_STORE_SUITE(ProjectStoreOnEachBackend);

TEST_P(ProjectStoreOnEachBackend, CreateRefusesExistingProjectAndOpenRefusesMissing) {
  test::TempDir dir;
  test::ProjectLocation location(GetParam(), dir);
  auto created = Project::create(location);
  ASSERT_TRUE(created) << created.error().describe();
  auto again = Project::create(location);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::InvalidArgument);
  test::ProjectLocation missingLocation(GetParam(), dir, "missing");
  auto missing = Project::open(missingLocation);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
}

TEST(ProjectStore, RefusesFilesThatAreNotProjects) {
  test::TempDir dir;
  {
    std::ofstream out(dir / "notes.txt");
    out << "hello, this is not SQLite at all, just some text to fill a page..........";
  }
  auto text = Project::open(dir / "notes.txt");
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code, ErrorCode::InvalidInput) << text.error().describe();
  {
    auto other = Connection::open(dir / "other.db", OpenMode::ReadWriteCreate);
    ASSERT_TRUE(other);
    ASSERT_TRUE(other->execute("CREATE TABLE t (x); PRAGMA user_version = 1;"));
  }
  auto foreign = Project::open(dir / "other.db");
  ASSERT_FALSE(foreign);
  EXPECT_NE(foreign.error().message.find("not a ugccap project"), std::string::npos);
}

TEST(ProjectStore, OpenSetsWalForeignKeysAndCurrentVersion) {
  test::TempDir dir;
  ASSERT_TRUE(Project::create(dir / "p.ugcproj"));
  auto project = Project::open(dir / "p.ugcproj");
  ASSERT_TRUE(project);
  auto& c = project->connection();
  EXPECT_EQ(*c.queryInt("PRAGMA user_version"), latestSchemaVersion());
  EXPECT_EQ(*c.queryInt("PRAGMA foreign_keys"), 1);
  auto mode = c.prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode && *mode->step());
  EXPECT_EQ(mode->columnText(0), "wal");
}

constexpr Migration kTestV1[] = {{1, "one", "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (42);"}};
constexpr Migration kTestV2[] = {{1, "one", "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (42);"},
                                 {2, "two", "ALTER TABLE a ADD COLUMN y TEXT; UPDATE a SET y = 'new';"}};
constexpr Migration kTestBroken[] = {{1, "one", "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (42);"},
                                     {2, "two", "ALTER TABLE a ADD COLUMN y TEXT;"},
                                     {3, "broken", "CREATE TABLE b (x); THIS IS NOT SQL;"}};

TEST(Migrations, BackupBeforeMigratingAndRefuseNewerSchema) {
  test::TempDir dir;
  const auto path = dir / "m.db";
  ASSERT_TRUE(openProjectDatabase(path, OpenIntent::CreateNew, kTestV1));
  EXPECT_FALSE(fs::exists(backupPathFor(path, 0))) << "a new file needs no backup";
  {
    auto v2 = openProjectDatabase(path, OpenIntent::OpenExisting, kTestV2);
    ASSERT_TRUE(v2) << v2.error().describe();
    EXPECT_EQ(*v2->queryInt("PRAGMA user_version"), 2);
    EXPECT_EQ(*v2->queryInt("SELECT COUNT(*) FROM a WHERE y = 'new' AND x = 42"), 1);
  }
  ASSERT_TRUE(fs::exists(backupPathFor(path, 1)));
  {
    auto backup = Connection::open(backupPathFor(path, 1), OpenMode::ReadWrite);
    ASSERT_TRUE(backup);
    EXPECT_EQ(*backup->queryInt("PRAGMA user_version"), 1);
    EXPECT_EQ(*backup->queryInt("SELECT x FROM a"), 42);
  }
  // An older build must refuse the newer file, with a message that says what to do.
  auto old = openProjectDatabase(path, OpenIntent::OpenExisting, kTestV1);
  ASSERT_FALSE(old);
  EXPECT_EQ(old.error().code, ErrorCode::Unsupported);
  EXPECT_NE(old.error().message.find("newer ugccap"), std::string::npos) << old.error().message;
  // A failing migration rolls back to the last good version and reports which one failed.
  auto broken = openProjectDatabase(path, OpenIntent::OpenExisting, kTestBroken);
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().message.find("migration 3"), std::string::npos) << broken.error().message;
  auto after = Connection::open(path, OpenMode::ReadWrite);
  EXPECT_EQ(*after->queryInt("PRAGMA user_version"), 2);
  EXPECT_EQ(*after->queryInt("SELECT COUNT(*) FROM sqlite_master WHERE name = 'b'"), 0);
}

TEST(Transactions, RollBackUnlessCommitted) {
  test::TempDir dir;
  auto c = Connection::open(dir / "t.db", OpenMode::ReadWriteCreate);
  ASSERT_TRUE(c);
  ASSERT_TRUE(c->execute("CREATE TABLE t (x)"));
  {
    auto t = Transaction::begin(*c);
    ASSERT_TRUE(t);
    ASSERT_TRUE(c->execute("INSERT INTO t VALUES (1)"));
  }
  EXPECT_EQ(*c->queryInt("SELECT COUNT(*) FROM t"), 0);
  {
    auto t = Transaction::begin(*c);
    ASSERT_TRUE(c->execute("INSERT INTO t VALUES (2)"));
    ASSERT_TRUE(t->commit());
  }
  EXPECT_EQ(*c->queryInt("SELECT x FROM t"), 2);
  auto s = c->prepare("SELECT ?, ?, ?, ?");
  ASSERT_TRUE(s);
  s->bindAll(int64_t(7), 2.5, std::string("text"), std::optional<std::string>());
  ASSERT_TRUE(*s->step());
  EXPECT_EQ(s->columnInt(0), 7);
  EXPECT_DOUBLE_EQ(s->columnDouble(1), 2.5);
  EXPECT_EQ(s->columnText(2), "text");
  EXPECT_TRUE(s->isNull(3));
}

TEST_P(ProjectStoreOnEachBackend, SavingOnAStaleRevisionConflictsAndOverwritesNothing) {
  test::TempDir dir;
  test::ProjectLocation location(GetParam(), dir);
  auto project = Project::create(location);
  ASSERT_TRUE(project);
  ASSERT_TRUE(project->addVideo(video("PI-1")));
  auto duplicate = project->addVideo(video("PI-1"));
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::Conflict);

  NewDraft draft;
  draft.videoId = "PI-1";
  draft.stage = Stage::Audio;
  draft.caption = "a man talks about cars";
  draft.author = "model";
  draft.origin = annotation::RevisionOrigin::ModelDraft;
  draft.source = "model:tiny@abc";
  auto savedDraft = project->saveDraft(draft);
  ASSERT_TRUE(savedDraft);

  SaveRevisionRequest first;
  first.videoId = "PI-1";
  first.stage = Stage::Audio;
  first.draftId = savedDraft->id;
  first.audio = annotation::AudioFields{};
  first.audio->tone = "Neutral";
  first.audio->speakerCount = 1;
  first.caption = "a woman talks about old cars";
  first.author = "alice";
  first.secondsSpent = 30;
  first.event = annotation::WorkflowEvent{"PI-1", Stage::Audio, annotation::WorkflowAction::Start,
                                          annotation::TaskState::NotStarted, annotation::TaskState::InProgress,
                                          "alice", annotation::Role::Annotator, "", 1000};
  auto alice = project->saveRevision(first);
  ASSERT_TRUE(alice) << alice.error().describe();
  EXPECT_EQ(alice->editDistance, 2);

  // Bob and Carol both load Alice's revision; Bob saves first, Carol's save must fail.
  SaveRevisionRequest bob = first;
  bob.baseRevisionId = alice->id;
  bob.caption = "bob's caption";
  bob.author = "bob";
  bob.event.reset();
  auto bobSaved = project->saveRevision(bob);
  ASSERT_TRUE(bobSaved);
  SaveRevisionRequest carol = bob;
  carol.caption = "carol's caption";
  carol.author = "carol";
  auto carolSaved = project->saveRevision(carol);
  ASSERT_FALSE(carolSaved);
  EXPECT_EQ(carolSaved.error().code, ErrorCode::Conflict);

  auto head = project->headRevision("PI-1", Stage::Audio);
  ASSERT_TRUE(head && *head);
  EXPECT_EQ((*head)->caption, "bob's caption");
  EXPECT_EQ((*head)->parentId, alice->id);
  ASSERT_TRUE((*head)->audio);
  EXPECT_EQ((*head)->audio->tone, "Neutral");
  EXPECT_EQ((*head)->audio->speakerCount, 1);
  auto history = project->history("PI-1", Stage::Audio);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 3u);  // draft, alice, bob; carol's never written
  EXPECT_EQ((*history)[1].caption, "a woman talks about old cars");
  EXPECT_EQ(project->stageStatus("PI-1", Stage::Audio)->state, annotation::TaskState::InProgress);
  EXPECT_EQ((*history)[1].source, "alice");
  EXPECT_TRUE((*history)[0].isDraft());

  // The database itself refuses to rewrite history, whatever code tries.
  auto rewrite = project->connection().execute("UPDATE revisions SET caption = 'x'");
  EXPECT_FALSE(rewrite);
  auto erase = project->connection().execute("DELETE FROM revisions");
  EXPECT_FALSE(erase);
  EXPECT_EQ(*project->connection().queryInt("SELECT COUNT(*) FROM revisions"), 3);
}

TEST_P(ProjectStoreOnEachBackend, ReviewsQaQueuesStatisticsAndAudit) {
  test::TempDir dir;
  test::ProjectLocation location(GetParam(), dir);
  auto project = Project::create(location);
  ASSERT_TRUE(project);
  for (const char* id : {"v1", "v2", "v3"}) ASSERT_TRUE(project->addVideo(video(id)));
  auto page = project->videos(1, 5);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].id, "v2");
  EXPECT_EQ((*page)[1].position, 3);
  EXPECT_EQ(*project->videoCount(), 3);
  ASSERT_TRUE(project->addUser({"alice", annotation::Role::Annotator}));
  ASSERT_FALSE(project->addUser({"alice", annotation::Role::Reviewer}));
  EXPECT_EQ((*project->findUser("alice"))->role, annotation::Role::Annotator);

  QueueQuery query{"alice", Stage::Visual};
  EXPECT_EQ(**project->nextVideoFor(query), "v1");
  ASSERT_TRUE(project->assign("v3", Stage::Visual, "alice", "lead"));
  EXPECT_EQ(**project->nextVideoFor(query), "v3") << "own assignments first";
  QueueQuery bobQuery{"bob", Stage::Visual};
  EXPECT_EQ(**project->nextVideoFor(bobQuery), "v1") << "others' assignments are not handed out";

  SaveRevisionRequest save;
  save.videoId = "v3";
  save.stage = Stage::Visual;
  save.visual = annotation::VisualFields{};
  save.visual->ocrLines = {"HELLO", "line\nbreak"};
  save.visual->objects.push_back({"cat", "2", "black", "center", ", sleeping", ""});
  save.caption = "two black cats";
  save.author = "alice";
  save.secondsSpent = 12.5;
  using annotation::TaskState;
  using annotation::WorkflowAction;
  save.event = annotation::WorkflowEvent{"v3", Stage::Visual, WorkflowAction::Start, TaskState::NotStarted,
                                         TaskState::InProgress, "alice", annotation::Role::Annotator, "", 1};
  auto saved = project->saveRevision(save);
  ASSERT_TRUE(saved);
  ASSERT_TRUE(project->recordEvent({"v3", Stage::Visual, WorkflowAction::Submit, TaskState::InProgress,
                                    TaskState::Submitted, "alice", annotation::Role::Annotator, "", 2}));
  auto reviewsQueue = project->pendingReviews({});
  ASSERT_TRUE(reviewsQueue) << reviewsQueue.error().describe();
  ASSERT_EQ(reviewsQueue->size(), 1u);
  EXPECT_EQ((*reviewsQueue)[0].videoId, "v3");

  const annotation::WorkflowEvent approve{"v3", Stage::Visual, WorkflowAction::Approve, TaskState::Submitted,
                                          TaskState::Approved, "rita", annotation::Role::Reviewer, "looks right", 3};
  auto review = project->recordReview(saved->id, approve);
  ASSERT_TRUE(review) << review.error().describe();
  auto status = project->stageStatus("v3", Stage::Visual);
  EXPECT_EQ(status->state, TaskState::Approved);
  EXPECT_EQ(status->approvedRevisionId, saved->id);
  EXPECT_TRUE(project->pendingReviews({})->empty());
  auto stale = project->recordReview(saved->id, approve);
  ASSERT_FALSE(stale) << "an event computed from a stale state is a conflict";
  EXPECT_EQ(stale.error().code, ErrorCode::Conflict);
  auto events = project->workflowEvents("v3", Stage::Visual);
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[2], approve);
  auto reviews = project->reviews("v3", Stage::Visual);
  ASSERT_EQ(reviews->size(), 1u);
  EXPECT_EQ((*reviews)[0].event, approve);

  annotation::QaPair pair;
  pair.videoId = "v3";
  pair.type = annotation::QaType::Tone;
  pair.question = "What is the tone?";
  pair.options = {"Positive", "Negative", "Neutral"};
  pair.answer = "Neutral";
  auto qa = project->addQaPair(pair, "alice");
  ASSERT_TRUE(qa);
  annotation::QaPair rejected = qa->pair;
  rejected.status = annotation::QaStatus::Rejected;
  rejected.reviewer = "rita";
  rejected.reason = "ambiguous";
  ASSERT_TRUE(project->updateQaPair(rejected, 1, "rita"));
  EXPECT_EQ(project->updateQaPair(rejected, 1, "rita").error().code, ErrorCode::Conflict);
  auto versions = project->qaHistory(qa->pair.id);
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].pair.status, annotation::QaStatus::Pending);
  EXPECT_EQ((*versions)[1].pair, rejected);

  auto stats = project->statistics();
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->videos, 3);
  auto count = [&](Stage stage, TaskState state) {
    for (const auto& c : stats->stageStates)
      if (c.stage == stage && c.state == state) return c.count;
    return int64_t(0);
  };
  EXPECT_EQ(count(Stage::Visual, TaskState::Approved), 1);
  EXPECT_EQ(count(Stage::Visual, TaskState::NotStarted), 2);
  EXPECT_EQ(count(Stage::Audio, TaskState::NotStarted), 3);
  ASSERT_EQ(stats->qa.size(), 1u);
  EXPECT_EQ(stats->qa[0].status, annotation::QaStatus::Rejected);
  ASSERT_EQ(stats->authors.size(), 1u);
  EXPECT_EQ(stats->authors[0].author, "alice");
  EXPECT_DOUBLE_EQ(stats->authors[0].secondsSpent, 12.5);

  auto audit = project->auditLog("v3/visual");
  ASSERT_TRUE(audit);
  ASSERT_GE(audit->size(), 3u);  // assign, save (pending -> submitted), review
  bool sawSubmit = false;
  for (const auto& event : *audit) sawSubmit = sawSubmit || (event.fromState == "in_progress" && event.toState == "submitted");
  EXPECT_TRUE(sawSubmit);

  auto head = project->headRevision("v3", Stage::Visual);
  ASSERT_TRUE((*head)->visual);
  EXPECT_EQ(*(*head)->visual, *save.visual);
}

TEST_P(ProjectStoreOnEachBackend, SignalCacheIsKeyedByFingerprint) {
  test::TempDir dir;
  test::ProjectLocation location(GetParam(), dir);
  auto project = Project::create(location);
  ASSERT_TRUE(project->putSignal("abc", "ocr", "1", "[\"HELLO\"]"));
  EXPECT_EQ(**project->signal("abc", "ocr", "1"), "[\"HELLO\"]");
  EXPECT_FALSE(*project->signal("abc", "ocr", "2"));
  // The captioner's cached features are binary (NUL bytes, any byte value).
  std::string binary = "UGCMFT01";
  for (int i = 0; i < 512; ++i) binary += char(i % 256);
  ASSERT_TRUE(project->putSignal("abc", "captioner-features", "1", binary));
  EXPECT_EQ(**project->signal("abc", "captioner-features", "1"), binary);
}

TEST_P(ProjectStoreOnEachBackend, VideoListingPagesAndFilters) {
  test::TempDir dir;
  test::ProjectLocation location(GetParam(), dir);
  auto project = Project::create(location);
  ASSERT_TRUE(project) << project.error().describe();
  for (const char* id : {"clip-a1", "clip-b2", "CLIP-a3", "other"}) ASSERT_TRUE(project->addVideo(video(id)));
  ASSERT_TRUE(project->assign("clip-b2", Stage::Visual, "alice", "lead"));
  VideoListFilter filter;
  filter.idContains = "clip";
  auto count = countVideos(*project, filter);
  ASSERT_TRUE(count) << count.error().describe();
  EXPECT_EQ(*count, 2) << "case-sensitive substring";
  auto page = listVideos(*project, filter, 1, 5);
  ASSERT_TRUE(page) << page.error().describe();
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ((*page)[0].videoId, "clip-b2");
  EXPECT_EQ((*page)[0].stages[1].assignee, "alice");
  VideoListFilter mine;
  mine.stage = Stage::Visual;
  mine.assignee = "alice";
  EXPECT_EQ(*countVideos(*project, mine), 1);
  VideoListFilter unassignedNotStarted;
  unassignedNotStarted.stage = Stage::Visual;
  unassignedNotStarted.assignee = std::string();
  unassignedNotStarted.state = annotation::TaskState::NotStarted;
  EXPECT_EQ(*countVideos(*project, unassignedNotStarted), 3);
  auto all = listVideos(*project, {}, 0, 10);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ((*all)[3].videoId, "other");
}

TEST(PostgresDialect, PlaceholdersAreNumberedOutsideQuotesAndSkippedNumbersAreKnown) {
  int count = 0;
  std::vector<bool> used;
  EXPECT_EQ(backend::numberPlaceholders("SELECT ?, '?', \"a?\" WHERE x = ? AND y = ?", &count, &used),
            "SELECT $1, '?', \"a?\" WHERE x = $2 AND y = $3");
  EXPECT_EQ(count, 3);
  EXPECT_EQ(backend::numberPlaceholders("WHERE (?1 = '' OR f(v, ?1) > 0) LIMIT ?4 OFFSET ?5", &count, &used),
            "WHERE ($1 = '' OR f(v, $1) > 0) LIMIT $4 OFFSET $5");
  EXPECT_EQ(count, 5);
  EXPECT_EQ(used, (std::vector<bool>{true, false, false, true, true}));
}

TEST(FieldsJson, RejectsWrongTypes) {
  auto bad = audioFieldsFromJson(R"({"speaker_count": "two"})");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("speaker_count"), std::string::npos);
  EXPECT_FALSE(visualFieldsFromJson("{not json"));
}

}  // namespace
}  // namespace ugc::db

namespace ugc::db {
namespace {

TEST(PythonJson, MatchesPythonJsonDumpsWithoutAsciiEscaping) {
  // Expected bytes from: json.dumps(value, ensure_ascii=False) in Python 3.11.
  const auto value = nlohmann::ordered_json::parse(
      "{\"a\": \"x\\u2028y\\u2029z\\u007f\\u0001\\u001f\\\"\\\\\\n\\r\\t\\b\\f \\u00e9 \\ud83d\\ude00\", "
      "\"n\": [1, 2.5, 1e-05, 1e16, null, true], \"e\": {}, \"l\": []}");
  const std::string expected =
      "{\"a\": \"x\xe2\x80\xa8y\xe2\x80\xa9z\x7f\\u0001\\u001f\\\"\\\\\\n\\r\\t\\b\\f \xc3\xa9 \xf0\x9f\x98\x80\", "
      "\"n\": [1, 2.5, 1e-05, 1e+16, null, true], \"e\": {}, \"l\": []}";
  EXPECT_EQ(detail::pythonCompact(value), expected);
}

}  // namespace
}  // namespace ugc::db
