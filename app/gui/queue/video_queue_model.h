#pragma once
// The project's videos as a table for the queue view, loaded a page at a time
// (canFetchMore/fetchMore), so a 100,000-video project opens at once.

#include <QAbstractTableModel>
#include <map>
#include <string>
#include <vector>

#include "db/video_listing.h"

namespace ugc::db {
class Project;
}

namespace ugc::gui {

class VideoQueueModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { kId, kDuration, kAudio, kVisual, kJoint, kAssignee, kHeldBy, kColumnCount };
  static constexpr int kPageSize = 256;
  // Qt::UserRole on a stage column: the TaskState as int.
  static constexpr int kStateRole = Qt::UserRole + 1;

  explicit VideoQueueModel(db::Project& project, QObject* parent = nullptr);

  void setFilter(const db::VideoListFilter& filter);
  const db::VideoListFilter& filter() const { return filter_; }
  void reload();
  qint64 totalCount() const { return total_; }
  QString videoIdAt(int row) const;
  int rowOf(const QString& videoId) const;  // -1 when not loaded
  QString lastError() const { return lastError_; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
  bool canFetchMore(const QModelIndex& parent) const override;
  void fetchMore(const QModelIndex& parent) override;

 private:
  db::Project& project_;
  db::VideoListFilter filter_;
  std::vector<db::VideoListRow> rows_;
  std::vector<double> durations_;  // seconds, from the stored probe; -1 when unknown
  // Who holds a live lease of a video's stages (team mode): "alice (audio)".
  std::map<std::string, std::string> holders_;
  qint64 total_ = 0;
  QString lastError_;
};

QString taskStateLabel(int state);  // "approved", "in progress", ...
QColor taskStateColor(int state);

}  // namespace ugc::gui
