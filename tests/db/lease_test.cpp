// Leased tasks (team mode) on both backends: nobody is handed a stage someone else holds, an
// expired lease frees the task, nobody reviews their own work, and twenty concurrent callers
// each get different tasks.
#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <thread>

#include "db/project.h"
#include "support/store_backends.h"
#include "support/test_support.h"

namespace ugc::db {
namespace {

using annotation::Role;
using annotation::Stage;
using annotation::TaskState;
using annotation::WorkflowAction;

constexpr int64_t kT0 = 1'800'000'000'000;  // a fixed clock for the expiry cases
constexpr int64_t kMinute = 60'000;

class LeasesOnEachBackend : public testing::TestWithParam<test::StoreBackend> {
 protected:
  void SetUp() override {
    UGC_REQUIRE_STORE_BACKEND(GetParam());
    location_ = std::make_unique<test::ProjectLocation>(GetParam(), dir_);
    auto project = Project::create(*location_);
    ASSERT_TRUE(project) << project.error().describe();
    for (int i = 1; i <= 5; ++i) {
      NewVideo video;
      video.id = "v" + std::to_string(i);
      video.annotationOnly = true;
      video.origin = "test";
      ASSERT_TRUE(project->addVideo(video));
    }
  }
  Project open() {
    auto project = Project::open(*location_);
    EXPECT_TRUE(project) << project.error().describe();
    return std::move(*project);
  }
  static LeaseRequest ask(const std::string& person, int64_t now, LeaseKind kind = LeaseKind::Annotate) {
    LeaseRequest request;
    request.person = person;
    request.stage = Stage::Audio;
    request.kind = kind;
    request.durationMs = 20 * kMinute;
    request.nowMs = now;
    return request;
  }

  test::TempDir dir_;
  std::unique_ptr<test::ProjectLocation> location_;
};
INSTANTIATE_TEST_SUITE_P(Store, LeasesOnEachBackend,
                         testing::Values(test::StoreBackend::Sqlite, test::StoreBackend::Postgres),
                         test::storeBackendName);

TEST_P(LeasesOnEachBackend, TwoPeopleNeverHoldTheSameStageAndAnExpiredLeaseReturnsTheTask) {
  Project alice = open();
  Project bob = open();
  auto a = alice.leaseNextTask(ask("alice", kT0));
  ASSERT_TRUE(a && *a) << (a ? "no task" : a.error().describe());
  EXPECT_EQ((*a)->videoId, "v1");
  EXPECT_EQ((*a)->expiresAtMs, kT0 + 20 * kMinute);
  auto b = bob.leaseNextTask(ask("bob", kT0 + 1000));
  ASSERT_TRUE(b && *b);
  EXPECT_EQ((*b)->videoId, "v2") << "v1 is alice's while her lease runs";

  // Asking again while holding a lease hands back the same task, renewed.
  auto again = alice.leaseNextTask(ask("alice", kT0 + 5 * kMinute));
  ASSERT_TRUE(again && *again);
  EXPECT_EQ((*again)->videoId, "v1");
  EXPECT_EQ((*again)->expiresAtMs, kT0 + 25 * kMinute);

  auto held = bob.activeLeases(kT0 + 6 * kMinute);
  ASSERT_TRUE(held);
  ASSERT_EQ(held->size(), 2u) << "the queue shows who holds what";
  EXPECT_EQ((*held)[0].holder, "bob");
  EXPECT_EQ((*held)[1].holder, "alice");

  // Alice walks away; once her lease has expired carol is handed v1.
  auto carolEarly = bob.leaseNextTask(ask("carol", kT0 + 15 * kMinute));
  ASSERT_TRUE(carolEarly && *carolEarly);
  EXPECT_EQ((*carolEarly)->videoId, "v3");
  ASSERT_TRUE(bob.releaseLease("v3", Stage::Audio, "carol"));
  auto carol = bob.leaseNextTask(ask("carol", kT0 + 26 * kMinute));
  ASSERT_TRUE(carol && *carol);
  EXPECT_EQ((*carol)->videoId, "v1") << "alice's lease expired at +25 min (and bob's of v2 at +20)";
  auto lost = alice.renewLease("v1", Stage::Audio, "alice", 20 * kMinute, kT0 + 27 * kMinute);
  ASSERT_FALSE(lost) << "a lease taken over by someone else cannot be renewed";
  EXPECT_EQ(lost.error().code, ErrorCode::Conflict);
  // Bob's lease ran out too, but nobody took v2: he may still renew it.
  auto renewed = bob.renewLease("v2", Stage::Audio, "bob", 20 * kMinute, kT0 + 27 * kMinute);
  ASSERT_TRUE(renewed) << renewed.error().describe();
  EXPECT_EQ(renewed->expiresAtMs, kT0 + 47 * kMinute);
}

TEST_P(LeasesOnEachBackend, SubmittingReleasesTheLeaseAndNobodyReviewsTheirOwnWork) {
  Project project = open();
  auto lease = project.leaseNextTask(ask("alice", kT0));
  ASSERT_TRUE(lease && *lease);
  SaveRevisionRequest save;
  save.videoId = (*lease)->videoId;
  save.stage = Stage::Audio;
  save.audio = annotation::AudioFields{};
  save.caption = "a man speaks";
  save.author = "alice";
  save.event = annotation::WorkflowEvent{save.videoId, Stage::Audio, WorkflowAction::Start, TaskState::NotStarted,
                                         TaskState::InProgress, "alice", Role::Annotator, "", kT0};
  ASSERT_TRUE(project.saveRevision(save));
  ASSERT_TRUE(project.recordEvent({save.videoId, Stage::Audio, WorkflowAction::Submit, TaskState::InProgress,
                                   TaskState::Submitted, "alice", Role::Annotator, "", kT0 + 1}));
  EXPECT_TRUE(project.activeLeases(kT0 + 2)->empty()) << "a submitted stage is no longer held";

  auto own = project.leaseNextTask(ask("alice", kT0 + 3, LeaseKind::Review));
  ASSERT_TRUE(own);
  EXPECT_FALSE(*own) << "alice may not review her own caption";
  auto rita = project.leaseNextTask(ask("rita", kT0 + 3, LeaseKind::Review));
  ASSERT_TRUE(rita && *rita);
  EXPECT_EQ((*rita)->videoId, save.videoId);
  EXPECT_EQ((*rita)->kind, LeaseKind::Review);
  auto sam = project.leaseNextTask(ask("sam", kT0 + 4, LeaseKind::Review));
  ASSERT_TRUE(sam);
  EXPECT_FALSE(*sam) << "rita holds the only review";
  auto annotator = project.leaseNextTask(ask("bob", kT0 + 5));
  ASSERT_TRUE(annotator && *annotator);
  EXPECT_NE((*annotator)->videoId, save.videoId) << "a submitted stage is not annotation work";
}

TEST_P(LeasesOnEachBackend, TwentyConcurrentCallersEachGetDifferentTasks) {
  {
    Project project = open();
    for (int i = 6; i <= 60; ++i) {
      NewVideo video;
      video.id = "v" + std::to_string(i);
      video.annotationOnly = true;
      video.origin = "test";
      ASSERT_TRUE(project.addVideo(video));
    }
  }
  std::mutex mutex;
  std::multiset<std::string> handed;
  std::vector<std::string> errors;
  std::vector<std::thread> people;
  for (int person = 0; person < 20; ++person) {
    people.emplace_back([&, person] {
      auto project = Project::open(*location_);
      if (!project) {
        std::lock_guard lock(mutex);
        errors.push_back(project.error().describe());
        return;
      }
      // Each person takes three tasks in turn, giving each back as if submitted elsewhere.
      for (int round = 0; round < 3; ++round) {
        auto lease = project->leaseNextTask(ask("p" + std::to_string(person) + "-" + std::to_string(round), 0));
        std::lock_guard lock(mutex);
        if (!lease) {
          errors.push_back(lease.error().describe());
        } else if (*lease) {
          handed.insert((*lease)->videoId);
        }
      }
    });
  }
  for (auto& thread : people) thread.join();
  ASSERT_TRUE(errors.empty()) << errors.front();
  EXPECT_EQ(handed.size(), 60u) << "60 tasks for 60 requests";
  EXPECT_EQ(std::set<std::string>(handed.begin(), handed.end()).size(), handed.size()) << "no task handed twice";
}

}  // namespace
}  // namespace ugc::db
