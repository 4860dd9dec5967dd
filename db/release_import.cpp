// The UGC-VideoCap release → a project (annotation/release_fields.h parses; this stores).
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "annotation/release_fields.h"
#include "core/probe.h"
#include "db/import_common.h"
#include "db/store_internal.h"
#include "db/store_writes.h"

namespace fs = std::filesystem;

namespace ugc::db {

using annotation::QaType;
using annotation::Stage;

namespace {

Stage stageOfCaption(QaType type) {
  return type == QaType::AudioCaption ? Stage::Audio : type == QaType::VisualCaption ? Stage::Visual : Stage::Joint;
}

bool isCaption(QaType type) {
  return type == QaType::AudioCaption || type == QaType::VisualCaption || type == QaType::FinalCaption;
}

// Which stage's fields a QA file describes (the stage revision exists when any of them does).
Stage stageOfType(QaType type) {
  switch (type) {
    case QaType::Tone:
    case QaType::VoiceSource:
    case QaType::BackgroundMusic:
    case QaType::AudioCaption: return Stage::Audio;
    case QaType::FinalCaption: return Stage::Joint;
    default: return Stage::Visual;
  }
}

// The line of a JSON syntax error (0 when the text is valid JSON and the problem is its content).
// ocr.jsonl: the first line that is not JSON; .json: where the parser stopped.
int64_t syntaxErrorLine(const std::string& text, bool jsonl) {
  size_t start = 0;
  int64_t line = 1;
  if (jsonl) {
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      if (nlohmann::json::accept(std::string_view(text).substr(start, end - start)) == false && end > start) return line;
      start = end + 1;
      ++line;
    }
    return 0;
  }
  try {
    (void)nlohmann::json::parse(text).is_null();
  } catch (const nlohmann::json::parse_error& error) {
    return detail::lineOfOffset(text, error.byte);
  } catch (const nlohmann::json::exception&) {
    return 0;  // well-formed but unreadable, e.g. a number too large for a double (1e67757)
  }
  return 0;
}

struct VideoRows {
  std::map<Stage, int64_t> revision;
  std::map<QaType, int64_t> qa;
};

}  // namespace

Result<ImportReport> importRelease(Project& project, const fs::path& releaseDir, const ReleaseImportParams& params,
                                   const ProgressSink& progress, const CancelToken& cancel) {
  if (!fs::is_directory(releaseDir)) {
    return makeError(ErrorCode::NotFound, releaseDir.string() + " is not a folder");
  }
  ImportReport report;
  std::map<QaType, std::string> texts;
  for (QaType type : annotation::kAllQaTypes) {
    const fs::path file = releaseDir / std::string(annotation::releaseFileName(type));
    if (!fs::exists(file)) {
      report.skipped.push_back({file.filename().string(), 0, "absent from the release folder"});
      continue;
    }
    UGC_DB_ASSIGN(text, detail::readWholeFile(file));
    texts.emplace(type, std::move(text));
  }
  if (texts.empty()) {
    return makeError(ErrorCode::InvalidInput, releaseDir.string() + " holds none of the UGC-VideoCap release files");
  }
  std::vector<ImportIssue> errors;
  auto dataset = annotation::parseReleaseDataset(texts);
  if (!dataset) {
    // Parse the files one by one to say which one is broken.
    for (const auto& [type, text] : texts) {
      const std::string name(annotation::releaseFileName(type));
      auto parsed = type == QaType::Ocr ? annotation::parseReleaseOcrJsonl(text).map([](auto&&) { return 0; })
                                        : annotation::parseReleaseQaFile(text).map([](auto&&) { return 0; });
      if (!parsed) errors.push_back({name, syntaxErrorLine(text, type == QaType::Ocr), parsed.error().message});
    }
    if (errors.empty()) errors.push_back({releaseDir.filename().string(), 0, dataset.error().message});
    return detail::importFailure(errors);
  }
  for (const auto& [type, file] : dataset->files) {
    if (file.validCount != static_cast<long long>(file.samples.size())) {
      errors.push_back({std::string(annotation::releaseFileName(type)), 0,
                        "valid_count is " + std::to_string(file.validCount) + " but there are " +
                            std::to_string(file.samples.size()) + " samples"});
    }
  }
  for (const auto& video : dataset->videos) {
    if (auto ok = detail::validateVideoId(video.videoId); !ok) errors.push_back({"", 0, ok.error().message});
    UGC_DB_ASSIGN(exists, detail::videoExists(project.connection(), video.videoId));
    if (exists) errors.push_back({"", 0, "video " + video.videoId + " is already in the project"});
  }
  if (!errors.empty()) return detail::importFailure(errors);

  // Membership: which files mention which video (the fields imply no sample by themselves).
  std::map<std::string, std::set<QaType>> mentioned;
  for (const auto& [type, file] : dataset->files) {
    for (const auto& sample : file.samples) mentioned[sample.videoId].insert(type);
  }
  // The sample of each video in each file, for lookups by video.
  std::map<QaType, std::unordered_map<std::string, const annotation::ReleaseSample*>> sampleOf;
  for (const auto& [type, file] : dataset->files) {
    for (const auto& sample : file.samples) sampleOf[type].emplace(sample.videoId, &sample);
  }
  std::map<std::string, const annotation::ReleaseOcrRecord*> ocrOf;
  for (const auto& record : dataset->ocr) {
    ocrOf[record.videoId] = &record;
    mentioned[record.videoId].insert(QaType::Ocr);
  }

  const std::string source = params.sourceName.empty() ? releaseDir.filename().string() : params.sourceName;
  const std::string now = detail::nowIso();
  auto& connection = project.connection();
  const int64_t total = int64_t(dataset->videos.size());

  // Hashing the media is the slow part and reads only: done before any write lock is taken.
  std::vector<NewVideo> records(static_cast<size_t>(total));
  for (int64_t i = 0; i < total; ++i) {
    if (cancel.isCancelled()) return cancelledError();
    const auto& video = dataset->videos[size_t(i)];
    NewVideo& record = records[size_t(i)];
    record.id = video.videoId;
    record.origin = "release";
    for (const fs::path& folder : {params.mediaDir, releaseDir}) {
      if (folder.empty()) continue;
      const fs::path media = folder / (video.videoId + ".mp4");
      if (fs::exists(media)) {
        record.mediaPath = detail::storedMediaPath(project, media);
        if (auto fingerprint = media::contentFingerprint(media)) record.fingerprint = *fingerprint;
        break;
      }
    }
    record.annotationOnly = record.mediaPath.empty();
    if (i % 64 == 0) ugc::report(progress, "reading release media", i, total);
  }

  // The released files' order, paths and questions, so an unchanged project exports byte-exactly:
  // each sample's row is written with its video, in the chunk that stores the video.
  struct SampleRow {
    std::string file;
    int64_t position = 0;
    QaType type{};
    std::string path;
  };
  std::unordered_map<std::string, std::vector<SampleRow>> samplesOf;
  {
    UGC_DB_ASSIGN(positionBase, connection.queryInt("SELECT COALESCE(MAX(position), 0) FROM release_samples"));
    int64_t position = positionBase;
    for (QaType type : annotation::kAllQaTypes) {
      if (!texts.count(type)) continue;
      const std::string name(annotation::releaseFileName(type));
      if (type == QaType::Ocr) {
        for (const auto& record : dataset->ocr) samplesOf[record.videoId].push_back({name, ++position, type, ""});
      } else {
        for (const auto& sample : dataset->files.at(type).samples) {
          samplesOf[sample.videoId].push_back({name, ++position, type, sample.path});
        }
      }
    }
  }

  // Written in chunks of short transactions, so another writer (the annotators' saves in the
  // studio) waits one chunk at most, not the whole import. Cancellation is honoured up to the
  // first chunk; after it the import runs to the end (inserts only, well under a second per
  // hundred videos).
  if (cancel.isCancelled()) return cancelledError();
  const int64_t chunk = std::max<int64_t>(1, params.videosPerTransaction);
  UGC_DB_ASSIGN(firstPosition, [&]() -> Result<int64_t> {
    UGC_DB_ASSIGN(transaction, Transaction::begin(connection));
    UGC_DB_ASSIGN(next, detail::nextVideoPosition(connection));
    // Reserves the positions: the file rows, so the first chunk's transaction has written something.
    UGC_DB_ASSIGN(fileRow, connection.cached(
                               "INSERT INTO release_files (file_name, file_order, question) VALUES (?, ?, ?) "
                               "ON CONFLICT (file_name) DO UPDATE SET question = excluded.question"));
    int order = 0;
    for (QaType type : annotation::kAllQaTypes) {
      if (!texts.count(type)) continue;
      std::optional<std::string> question;
      if (type != QaType::Ocr) question = dataset->files.at(type).question;
      fileRow->bindAll(std::string(annotation::releaseFileName(type)), ++order, question);
      UGC_DB_TRY(fileRow->run());
    }
    UGC_DB_TRY(transaction.commit());
    return next;
  }());
  for (int64_t begin = 0; begin < total; begin += chunk) {
    const int64_t end = std::min(total, begin + chunk);
    UGC_DB_ASSIGN(transaction, Transaction::begin(connection));
    // Another writer may have added videos since the last chunk: positions continue after them.
    UGC_DB_ASSIGN(nextPosition, detail::nextVideoPosition(connection));
    const int64_t positionBase = std::max(nextPosition, firstPosition + begin) - begin;
    for (int64_t i = begin; i < end; ++i) {
      const auto& video = dataset->videos[size_t(i)];
      UGC_DB_TRY(detail::insertVideo(connection, records[size_t(i)], positionBase + i, now));
      ++report.videosAdded;
      const auto& types = mentioned[video.videoId];
      VideoRows videoRows;
      for (Stage stage : annotation::kAllStages) {
        bool present = false;
        for (QaType type : types) present = present || stageOfType(type) == stage;
        if (!present) continue;
        Revision revision;
        revision.videoId = video.videoId;
        revision.stage = stage;
        revision.origin = annotation::RevisionOrigin::ImportedRelease;
        revision.source = source;
        revision.author = kImportActor;
        revision.createdAt = now;
        if (stage == Stage::Audio) {
          revision.audio = video.audio;
          revision.caption = video.audioCaption;
        } else if (stage == Stage::Visual) {
          revision.visual = video.visual;
          revision.caption = video.visualCaption;
        } else {
          revision.caption = video.finalCaption;
        }
        UGC_DB_ASSIGN(id, detail::insertRevision(connection, revision));
        UGC_DB_TRY(detail::approveImported(connection, video.videoId, stage, id, source, now));
        videoRows.revision[stage] = id;
        ++report.revisionsAdded;
      }
      for (QaType type : types) {
        if (isCaption(type)) continue;
        annotation::QaPair pair;
        pair.videoId = video.videoId;
        pair.type = type;
        pair.origin = annotation::QaOrigin::Imported;
        pair.status = annotation::QaStatus::Approved;
        pair.reviewer = kImportActor;
        if (type == QaType::Ocr) {
          pair.answerLines = ocrOf.at(video.videoId)->lines;
        } else {
          pair.question = dataset->files.at(type).question;
          const auto* sample = sampleOf.at(type).at(video.videoId);
          pair.answer = sample->answer;
          pair.options = sample->options;
        }
        UGC_DB_ASSIGN(id, detail::insertQa(connection, pair, kImportActor, now));
        videoRows.qa[type] = id;
        ++report.qaPairsAdded;
      }
      UGC_DB_ASSIGN(sampleRow, connection.cached(
                                   "INSERT INTO release_samples (file_name, position, video_id, path, revision_id, qa_id) "
                                   "VALUES (?, ?, ?, ?, ?, ?)"));
      for (const auto& sample : samplesOf[video.videoId]) {
        std::optional<int64_t> revision, qa;
        if (isCaption(sample.type)) {
          revision = videoRows.revision.at(stageOfCaption(sample.type));
        } else {
          qa = videoRows.qa.at(sample.type);
        }
        sampleRow->bindAll(sample.file, sample.position, video.videoId, sample.path, revision, qa);
        UGC_DB_TRY(sampleRow->run());
      }
    }
    if (end == total) {
      UGC_DB_TRY(detail::appendAudit(connection, kImportActor, "project", releaseDir.filename().string(),
                                     "import release", "", "", report.summary()));
    }
    UGC_DB_TRY(transaction.commit());
    ugc::report(progress, "importing release", end, total);
  }
  UGC_DB_TRY(detail::refreshStatisticsAfterBulkLoad(connection));
  return report;
}

}  // namespace ugc::db
