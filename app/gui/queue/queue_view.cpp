#include "gui/queue/queue_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "db/project.h"
#include "gui/queue/video_queue_model.h"

namespace ugc::gui {

QueueView::QueueView(db::Project& project, const QString& userName, QWidget* parent)
    : QWidget(parent), project_(project), userName_(userName) {
  setObjectName("queueView");
  model_ = new VideoQueueModel(project, this);
  table_ = new QTableView(this);
  table_->setObjectName("queueTable");
  table_->setModel(model_);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setColumnWidth(VideoQueueModel::kId, 320);

  search_ = new QLineEdit(this);
  search_->setObjectName("queueSearch");
  search_->setPlaceholderText(tr("Search by video id"));
  search_->setClearButtonEnabled(true);
  stage_ = new QComboBox(this);
  stage_->setObjectName("queueStage");
  for (auto stage : annotation::kAllStages) stage_->addItem(QString::fromUtf8(annotation::stageName(stage).data()));
  state_ = new QComboBox(this);
  state_->setObjectName("queueState");
  state_->addItem(tr("any state"), -1);
  for (auto state : annotation::kAllTaskStates) state_->addItem(taskStateLabel(int(state)), int(state));
  assignee_ = new QComboBox(this);
  assignee_->setObjectName("queueAssignee");
  assignee_->addItem(tr("anyone"));
  assignee_->addItem(tr("me"));
  assignee_->addItem(tr("unassigned"));
  auto* next = new QPushButton(tr("Next task for me"), this);
  next->setObjectName("nextTaskButton");
  count_ = new QLabel(this);
  count_->setObjectName("queueCount");

  auto* filters = new QHBoxLayout;
  filters->addWidget(search_, 2);
  filters->addWidget(new QLabel(tr("Stage"), this));
  filters->addWidget(stage_);
  filters->addWidget(state_);
  filters->addWidget(assignee_);
  filters->addWidget(next);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(filters);
  layout->addWidget(table_, 1);
  layout->addWidget(count_);

  connect(search_, &QLineEdit::textChanged, this, &QueueView::applyFilter);
  connect(stage_, &QComboBox::currentIndexChanged, this, &QueueView::applyFilter);
  connect(state_, &QComboBox::currentIndexChanged, this, &QueueView::applyFilter);
  connect(assignee_, &QComboBox::currentIndexChanged, this, &QueueView::applyFilter);
  connect(table_, &QTableView::activated, this, [this](const QModelIndex& index) {
    // Opening from a stage column opens that stage; elsewhere the stage of the filter.
    annotation::Stage stage = annotation::Stage(stage_->currentIndex());
    if (index.column() >= VideoQueueModel::kAudio && index.column() <= VideoQueueModel::kJoint) {
      stage = annotation::Stage(index.column() - VideoQueueModel::kAudio);
    }
    emit openRequested(model_->videoIdAt(index.row()), stage);
  });
  connect(next, &QPushButton::clicked, this, [this] {
    const auto stage = annotation::Stage(stage_->currentIndex());
    const QString id = nextTaskFor(stage);
    if (id.isEmpty()) {
      count_->setText(tr("Nothing left for you in the %1 stage.").arg(stage_->currentText()));
      return;
    }
    emit openRequested(id, stage);
  });
  applyFilter();

  // Live updates: another studio's save, submit, review or lease shows up within a second
  // (PostgreSQL notifications, SQLite's data version), keeping the selection.
  (void)project_.pollChanges();
  liveTimer_ = new QTimer(this);
  liveTimer_->setInterval(kLivePollMs);
  connect(liveTimer_, &QTimer::timeout, this, [this] {
    auto changed = project_.pollChanges();
    if (changed && *changed) {
      refresh();
      emit projectChanged();
    }
  });
  liveTimer_->start();
}

void QueueView::refresh() {
  const QModelIndex current = table_->currentIndex();
  const QString selected = current.isValid() ? model_->videoIdAt(current.row()) : QString();
  applyFilter();
  if (selected.isEmpty()) return;
  if (const int row = model_->rowOf(selected); row >= 0) table_->setCurrentIndex(model_->index(row, current.column()));
}

void QueueView::applyFilter() {
  db::VideoListFilter filter;
  filter.idContains = search_->text().trimmed().toStdString();
  filter.stage = annotation::Stage(stage_->currentIndex());
  const int state = state_->currentData().toInt();
  if (state >= 0) filter.state = annotation::TaskState(state);
  if (assignee_->currentIndex() == 1) filter.assignee = userName_.toStdString();
  if (assignee_->currentIndex() == 2) filter.assignee = std::string();
  model_->setFilter(filter);
  count_->setText(model_->lastError().isEmpty() ? tr("%n video(s)", "", int(model_->totalCount())) : model_->lastError());
}

QString QueueView::nextTaskFor(annotation::Stage stage) {
  // A lease: nobody else is handed this stage while the annotator works on it (team mode; on a
  // file project the same rule, with one writer at a time).
  db::LeaseRequest request;
  request.person = userName_.toStdString();
  request.stage = stage;
  auto next = project_.leaseNextTask(request);
  if (!next) {
    count_->setText(QString::fromStdString(next.error().describe()));
    return {};
  }
  if (!*next) return {};
  refresh();
  return QString::fromStdString((*next)->videoId);
}

}  // namespace ugc::gui
