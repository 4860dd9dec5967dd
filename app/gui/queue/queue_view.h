#pragma once
// The video queue: every video with its per-stage status chips, filters (stage, state,
// assignee), search by id, "next task for me" (a lease: nobody else gets the same stage), who
// holds what, and live updates when anyone else changes the project.

#include <QWidget>

#include "annotation/stage.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace ugc::db {
class Project;
}

namespace ugc::gui {

class VideoQueueModel;

class QueueView : public QWidget {
  Q_OBJECT

 public:
  QueueView(db::Project& project, const QString& userName, QWidget* parent = nullptr);

  VideoQueueModel* model() const { return model_; }
  QTableView* table() const { return table_; }
  void refresh();
  // Leases the next video the user should work on in the chosen stage; empty when none.
  QString nextTaskFor(annotation::Stage stage);
  static constexpr int kLivePollMs = 400;

 signals:
  void openRequested(const QString& videoId, annotation::Stage stage);
  // Someone (anyone) committed a change to the project; the queue has refreshed itself.
  void projectChanged();

 private:
  void applyFilter();

  db::Project& project_;
  QString userName_;
  VideoQueueModel* model_ = nullptr;
  QTableView* table_ = nullptr;
  QLineEdit* search_ = nullptr;
  QComboBox* stage_ = nullptr;
  QComboBox* state_ = nullptr;
  QComboBox* assignee_ = nullptr;
  QLabel* count_ = nullptr;
  QTimer* liveTimer_ = nullptr;
};

}  // namespace ugc::gui
