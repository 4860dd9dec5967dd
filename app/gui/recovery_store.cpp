#include "gui/recovery_store.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include "db/connection.h"

namespace ugc::gui {
namespace {

std::optional<RecoveredText> readEntry(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return std::nullopt;
  const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
  if (object.isEmpty()) return std::nullopt;
  RecoveredText entry;
  entry.videoId = object["video_id"].toString();
  entry.stage = object["stage"].toString();
  entry.text = object["text"].toString();
  entry.fieldsJson = object["fields"].toString();
  entry.baseRevision = object["base_revision"].toInt();
  entry.savedAt = QDateTime::fromString(object["saved_at"].toString(), Qt::ISODateWithMs);
  return entry;
}

// Video ids come from imports; keep only safe characters in file names.
QString safeName(QString name) {
  for (QChar& c : name) {
    if (!c.isLetterOrNumber() && c != '-' && c != '_') c = '_';
  }
  return name;
}

}  // namespace

QString RecoveryStore::directoryFor(const QString& projectPath) {
  if (!db::isPostgresUrl(projectPath.toStdString())) return projectPath + ".recovery";
  // A server project has no folder of its own on this machine: the recovery texts go under the
  // user's data folder, keyed by the URL without its password.
  const QString key = safeName(QString::fromStdString(db::redactedUrl(projectPath.toStdString())));
  return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/recovery/" + key;
}

RecoveryStore::RecoveryStore(const QString& projectPath) : directory_(directoryFor(projectPath)) {}

QString RecoveryStore::fileFor(const QString& videoId, const QString& stage) const {
  return directory_ + "/" + safeName(videoId) + "." + safeName(stage) + ".json";
}

bool RecoveryStore::save(const RecoveredText& entry) {
  if (!QDir().mkpath(directory_)) return false;
  QJsonObject object{{"video_id", entry.videoId},
                     {"stage", entry.stage},
                     {"text", entry.text},
                     {"fields", entry.fieldsJson},
                     {"base_revision", entry.baseRevision},
                     {"saved_at", (entry.savedAt.isValid() ? entry.savedAt : QDateTime::currentDateTimeUtc())
                                      .toString(Qt::ISODateWithMs)}};
  QSaveFile file(fileFor(entry.videoId, entry.stage));
  if (!file.open(QIODevice::WriteOnly)) return false;
  file.write(QJsonDocument(object).toJson(QJsonDocument::Compact));
  return file.commit();
}

std::optional<RecoveredText> RecoveryStore::load(const QString& videoId, const QString& stage) const {
  return readEntry(fileFor(videoId, stage));
}

QList<RecoveredText> RecoveryStore::all() const {
  QList<RecoveredText> entries;
  const QDir dir(directory_);
  for (const QString& name : dir.entryList({"*.json"}, QDir::Files, QDir::Name)) {
    if (auto entry = readEntry(dir.filePath(name))) entries.append(*entry);
  }
  return entries;
}

void RecoveryStore::discard(const QString& videoId, const QString& stage) {
  QFile::remove(fileFor(videoId, stage));
}

}  // namespace ugc::gui
