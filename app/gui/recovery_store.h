#pragma once
// Unsaved caption text, kept beside the project so a crash never loses a word.
// The editor writes here every few seconds and on focus change; a normal save clears the
// entry; after a crash the studio offers what it finds here.
//
// Layout: <project file>.recovery/<video id>.<stage>.json, each written atomically.

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace ugc::gui {

struct RecoveredText {
  QString videoId;
  QString stage;         // "audio", "visual", "joint"
  QString text;
  QString fieldsJson;    // the structured fields being edited, as JSON
  int baseRevision = 0;  // the stored revision the edit started from
  QDateTime savedAt;
};

class RecoveryStore {
 public:
  explicit RecoveryStore(const QString& projectPath);
  // "<file>.recovery" beside a project file; for a postgresql:// project a folder under the
  // user's data folder named after the URL (without its password).
  static QString directoryFor(const QString& projectPath);

  QString directory() const { return directory_; }
  bool save(const RecoveredText& entry);  // false when the disk refuses
  std::optional<RecoveredText> load(const QString& videoId, const QString& stage) const;
  QList<RecoveredText> all() const;
  void discard(const QString& videoId, const QString& stage);

 private:
  QString fileFor(const QString& videoId, const QString& stage) const;
  QString directory_;
};

}  // namespace ugc::gui
