#include "gui/queue/video_queue_model.h"

#include <QColor>
#include <QJsonDocument>
#include <QJsonObject>

#include "db/project.h"

namespace ugc::gui {
namespace {

double durationFromProbe(const std::string& probeJson) {
  if (probeJson.empty()) return -1;
  const QJsonObject probe = QJsonDocument::fromJson(QByteArray::fromStdString(probeJson)).object();
  for (const char* key : {"duration", "duration_seconds", "durationSeconds"}) {
    if (probe.contains(key)) return probe.value(key).toDouble(-1);
  }
  return -1;
}

}  // namespace

QString taskStateLabel(int state) {
  QString name = QString::fromUtf8(annotation::taskStateName(annotation::TaskState(state)).data());
  return name.replace('_', ' ');
}

QColor taskStateColor(int state) {
  switch (annotation::TaskState(state)) {
    case annotation::TaskState::NotStarted: return QColor("#e5e7eb");
    case annotation::TaskState::Drafted: return QColor("#dbeafe");
    case annotation::TaskState::InProgress: return QColor("#fef3c7");
    case annotation::TaskState::Submitted: return QColor("#e9d5ff");
    case annotation::TaskState::Approved: return QColor("#bbf7d0");
    case annotation::TaskState::Rejected: return QColor("#fecaca");
  }
  return QColor("#e5e7eb");
}

VideoQueueModel::VideoQueueModel(db::Project& project, QObject* parent) : QAbstractTableModel(parent), project_(project) {
  reload();
}

void VideoQueueModel::setFilter(const db::VideoListFilter& filter) {
  filter_ = filter;
  reload();
}

void VideoQueueModel::reload() {
  beginResetModel();
  rows_.clear();
  durations_.clear();
  lastError_.clear();
  holders_.clear();
  if (auto leases = project_.activeLeases()) {
    for (const auto& lease : *leases) {
      std::string& text = holders_[lease.videoId];
      if (!text.empty()) text += ", ";
      text += lease.holder + " (" + std::string(annotation::stageName(lease.stage)) +
              (lease.kind == db::LeaseKind::Review ? ", review)" : ")");
    }
  }
  auto count = db::countVideos(project_, filter_);
  total_ = count ? *count : 0;
  if (!count) lastError_ = QString::fromStdString(count.error().describe());
  endResetModel();
  if (canFetchMore({})) fetchMore({});
}

QString VideoQueueModel::videoIdAt(int row) const {
  return row >= 0 && size_t(row) < rows_.size() ? QString::fromStdString(rows_[size_t(row)].videoId) : QString();
}

int VideoQueueModel::rowOf(const QString& videoId) const {
  const std::string id = videoId.toStdString();
  for (size_t i = 0; i < rows_.size(); ++i) {
    if (rows_[i].videoId == id) return int(i);
  }
  return -1;
}

int VideoQueueModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }
int VideoQueueModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : kColumnCount; }

bool VideoQueueModel::canFetchMore(const QModelIndex& parent) const {
  return !parent.isValid() && qint64(rows_.size()) < total_;
}

void VideoQueueModel::fetchMore(const QModelIndex& parent) {
  if (parent.isValid()) return;
  auto page = db::listVideos(project_, filter_, qint64(rows_.size()), kPageSize);
  if (!page) {
    lastError_ = QString::fromStdString(page.error().describe());
    total_ = qint64(rows_.size());
    return;
  }
  if (page->empty()) {
    total_ = qint64(rows_.size());
    return;
  }
  beginInsertRows({}, int(rows_.size()), int(rows_.size() + page->size()) - 1);
  for (auto& row : *page) {
    durations_.push_back(durationFromProbe(row.probeJson));
    rows_.push_back(std::move(row));
  }
  endInsertRows();
}

QVariant VideoQueueModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || size_t(index.row()) >= rows_.size()) return {};
  const auto& row = rows_[size_t(index.row())];
  const int column = index.column();
  if (column >= kAudio && column <= kJoint) {
    const auto& cell = row.stages[size_t(column - kAudio)];
    switch (role) {
      case Qt::DisplayRole: return taskStateLabel(int(cell.state));
      case Qt::BackgroundRole: return taskStateColor(int(cell.state));
      case kStateRole: return int(cell.state);
      default: return {};
    }
  }
  if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
  switch (column) {
    case kId: return QString::fromStdString(row.videoId);
    case kDuration: {
      const double seconds = durations_[size_t(index.row())];
      if (seconds < 0) return row.annotationOnly ? tr("no media") : QString("?");
      return QString("%1:%2").arg(int(seconds) / 60).arg(int(seconds) % 60, 2, 10, QChar('0'));
    }
    case kAssignee: {
      QStringList names;
      for (const auto& cell : row.stages) {
        if (!cell.assignee.empty() && !names.contains(QString::fromStdString(cell.assignee))) {
          names << QString::fromStdString(cell.assignee);
        }
      }
      return names.join(", ");
    }
    case kHeldBy: {
      auto found = holders_.find(row.videoId);
      return found == holders_.end() ? QString() : QString::fromStdString(found->second);
    }
    default: return {};
  }
}

QVariant VideoQueueModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  static const char* kHeaders[] = {"Video", "Duration", "Audio", "Visual", "Joint", "Assignee", "Held by"};
  return section >= 0 && section < kColumnCount ? tr(kHeaders[section]) : QVariant();
}

}  // namespace ugc::gui
