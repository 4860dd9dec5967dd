#include "gui/dashboard/dashboard_widget.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QStackedBarSeries>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "gui/dashboard/dashboard_model.h"

namespace ugc::gui {

using annotation::QaStatus;
using annotation::QaType;
using annotation::Stage;
using annotation::TaskState;

struct DashboardCharts {
  QChartView* stages = nullptr;
  QChartView* qa = nullptr;
  QChartView* lengths = nullptr;

  QChartView* view(DashboardChart chart) const {
    switch (chart) {
      case DashboardChart::StageStatus:
        return stages;
      case DashboardChart::QaPairs:
        return qa;
      case DashboardChart::CaptionLengths:
        return lengths;
    }
    return stages;
  }
};

namespace {

QString stageLabel(Stage stage) {
  switch (stage) {
    case Stage::Audio:
      return QObject::tr("Audio");
    case Stage::Visual:
      return QObject::tr("Visual");
    case Stage::Joint:
      return QObject::tr("Joint");
  }
  return {};
}

QString stateLabel(TaskState state) {
  switch (state) {
    case TaskState::NotStarted:
      return QObject::tr("Not started");
    case TaskState::Drafted:
      return QObject::tr("Drafted");
    case TaskState::InProgress:
      return QObject::tr("In progress");
    case TaskState::Submitted:
      return QObject::tr("Submitted");
    case TaskState::Approved:
      return QObject::tr("Approved");
    case TaskState::Rejected:
      return QObject::tr("Rejected");
  }
  return {};
}

QColor stateColor(TaskState state) {
  switch (state) {
    case TaskState::NotStarted:
      return QColor("#cbd5e1");
    case TaskState::Drafted:
      return QColor("#93c5fd");
    case TaskState::InProgress:
      return QColor("#fbbf24");
    case TaskState::Submitted:
      return QColor("#a78bfa");
    case TaskState::Approved:
      return QColor("#22c55e");
    case TaskState::Rejected:
      return QColor("#ef4444");
  }
  return {};
}

QString qaTypeLabel(QaType type) {
  switch (type) {
    // Short: six category labels share half a window.
    case QaType::Tone:
      return QObject::tr("Tone");
    case QaType::VoiceSource:
      return QObject::tr("Voice");
    case QaType::Ocr:
      return QObject::tr("OCR");
    case QaType::BackgroundChange:
      return QObject::tr("Bg change");
    case QaType::Objects:
      return QObject::tr("Objects");
    case QaType::BackgroundMusic:
      return QObject::tr("BGM");
    default:
      return QString::fromUtf8(annotation::qaTypeName(type).data());
  }
}

QColor stageColor(Stage stage) {
  switch (stage) {
    case Stage::Audio:
      return QColor("#0ea5e9");
    case Stage::Visual:
      return QColor("#f97316");
    case Stage::Joint:
      return QColor("#8b5cf6");
  }
  return {};
}

QChartView* makeChartView(QWidget* parent) {
  auto* chart = new QChart();
  chart->setAnimationOptions(QChart::NoAnimation);
  chart->legend()->setAlignment(Qt::AlignBottom);
  chart->setMargins(QMargins(4, 4, 4, 4));
  auto* view = new QChartView(chart, parent);
  view->setRenderHint(QPainter::Antialiasing);
  view->setMinimumSize(360, 260);
  return view;
}

// Replaces the chart's series and axes with `series` over `categories`.
void setBars(QChart* chart, QAbstractBarSeries* series, const QStringList& categories, const QString& valueTitle,
             double axisAtLeast = 0) {
  chart->removeAllSeries();
  for (auto* axis : chart->axes()) {
    chart->removeAxis(axis);
    delete axis;
  }
  chart->addSeries(series);
  auto* categoryAxis = new QBarCategoryAxis();
  categoryAxis->append(categories);
  chart->addAxis(categoryAxis, Qt::AlignBottom);
  series->attachAxis(categoryAxis);
  double top = 0;
  for (int i = 0; i < categories.size(); ++i) {
    double column = 0;
    double highest = 0;
    for (auto* set : series->barSets()) {
      column += set->at(i);
      highest = std::max(highest, set->at(i));
    }
    top = std::max(top, series->type() == QAbstractSeries::SeriesTypeStackedBar ? column : highest);
  }
  auto* valueAxis = new QValueAxis();
  valueAxis->setRange(0, std::max({1.0, top * 1.05, axisAtLeast}));
  valueAxis->setLabelFormat("%d");
  valueAxis->setTitleText(valueTitle);
  valueAxis->applyNiceNumbers();
  chart->addAxis(valueAxis, Qt::AlignLeft);
  series->attachAxis(valueAxis);
}

QString percent(double fraction) { return QLocale().toString(fraction * 100.0, 'f', 1) + "%"; }

}  // namespace

double ChartSnapshot::total() const {
  double sum = 0;
  for (const auto& set : values) {
    for (double value : set) sum += value;
  }
  return sum;
}

DashboardWidget::DashboardWidget(DashboardModel* model, QWidget* parent)
    : QWidget(parent), model_(model), charts_(std::make_unique<DashboardCharts>()) {
  pages_ = new QStackedWidget(this);
  status_ = new QLabel(pages_);
  status_->setAlignment(Qt::AlignCenter);
  status_->setWordWrap(true);
  pages_->addWidget(status_);

  auto* content = new QWidget(pages_);
  auto* grid = new QGridLayout(content);
  summary_ = new QLabel(content);
  summary_->setWordWrap(true);
  summary_->setTextFormat(Qt::PlainText);
  QFont summaryFont = summary_->font();
  summaryFont.setPointSizeF(summaryFont.pointSizeF() * 1.15);
  summaryFont.setBold(true);
  summary_->setFont(summaryFont);
  grid->addWidget(summary_, 0, 0, 1, 2);
  charts_->stages = makeChartView(content);
  charts_->qa = makeChartView(content);
  charts_->lengths = makeChartView(content);
  annotators_ = new QTableWidget(content);
  annotators_->setColumnCount(8);
  annotators_->setHorizontalHeaderLabels({tr("Annotator"), tr("Revisions"), tr("Editing time"), tr("Submissions"),
                                          tr("Min / submission"), tr("Approved"), tr("Rejected"),
                                          tr("Rejection rate")});
  annotators_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  annotators_->verticalHeader()->setVisible(false);
  annotators_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  annotators_->setMinimumSize(360, 200);
  grid->addWidget(charts_->stages, 1, 0);
  grid->addWidget(charts_->qa, 1, 1);
  grid->addWidget(charts_->lengths, 2, 0);
  grid->addWidget(annotators_, 2, 1);
  pages_->addWidget(content);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(pages_);

  connect(model_, &DashboardModel::stateChanged, this, &DashboardWidget::showState);
  connect(model_, &DashboardModel::loaded, this, &DashboardWidget::showFigures);
  if (model_->state() == DashboardModel::State::Ready) showFigures();
  showState();
}

DashboardWidget::~DashboardWidget() = default;

bool DashboardWidget::showsLoading() const { return model_->isLoading() && pages_->currentIndex() == 0; }
bool DashboardWidget::showsFigures() const { return pages_->currentIndex() == 1; }
QString DashboardWidget::statusText() const { return status_->text(); }
QString DashboardWidget::summaryText() const { return summary_->text(); }

void DashboardWidget::showState() {
  switch (model_->state()) {
    case DashboardModel::State::Empty:
      status_->setText(tr("Open a project to see its progress."));
      pages_->setCurrentIndex(0);
      break;
    case DashboardModel::State::Loading:
      status_->setText(tr("Loading project statistics…"));
      pages_->setCurrentIndex(0);
      break;
    case DashboardModel::State::Failed:
      status_->setText(model_->errorText());
      pages_->setCurrentIndex(0);
      break;
    case DashboardModel::State::Ready:
      pages_->setCurrentIndex(1);
      break;
  }
}

void DashboardWidget::showFigures() {
  const DashboardFigures& figures = model_->figures();
  const auto& progress = figures.progress;
  const QLocale locale;
  summary_->setText(tr("Videos: %1 (%2 annotation-only) · captions approved: %3 of %4 (%5) · "
                       "QA pairs approved: %6 of %7 (%8) · overall %9")
                        .arg(locale.toString(qlonglong(figures.videos)))
                        .arg(locale.toString(qlonglong(figures.annotationOnlyVideos)))
                        .arg(locale.toString(progress.captionsApproved))
                        .arg(locale.toString(progress.captionsTarget))
                        .arg(percent(progress.captionFraction))
                        .arg(locale.toString(progress.qa.approved))
                        .arg(locale.toString(progress.qa.target))
                        .arg(percent(progress.qa.fraction))
                        .arg(percent(progress.overallFraction)));

  // Stage status: one stacked column per stage, one segment per state.
  QStringList stages;
  for (const auto stage : annotation::kAllStages) stages << stageLabel(stage);
  auto* stageSeries = new QStackedBarSeries();
  for (const auto state : annotation::kAllTaskStates) {
    auto* set = new QBarSet(stateLabel(state));
    set->setColor(stateColor(state));
    set->setBorderColor(stateColor(state));
    for (const auto stage : annotation::kAllStages) *set << double(figures.stageStates.at(stage).at(state));
    stageSeries->append(set);
  }
  QChart* stageChart = charts_->stages->chart();
  stageChart->setTitle(
      tr("Caption stages (target %1 videos per stage)").arg(locale.toString(progress.stages[0].target)));
  // The axis reaches the target so the columns read as progress toward it.
  setBars(stageChart, stageSeries, stages, tr("videos"), progress.stages[0].target);

  // QA pairs by type and status.
  QStringList types;
  for (const auto type : annotation::kTemplateQaTypes) types << qaTypeLabel(type);
  auto* qaSeries = new QStackedBarSeries();
  const std::pair<QaStatus, QColor> statuses[] = {{QaStatus::Approved, QColor("#22c55e")},
                                                  {QaStatus::Pending, QColor("#cbd5e1")},
                                                  {QaStatus::Rejected, QColor("#ef4444")}};
  for (const auto& [status, color] : statuses) {
    auto* set = new QBarSet(status == QaStatus::Approved  ? tr("Approved")
                            : status == QaStatus::Pending ? tr("Pending")
                                                          : tr("Rejected"));
    set->setColor(color);
    set->setBorderColor(color);
    for (const auto type : annotation::kTemplateQaTypes) *set << double(figures.qa.at(type).at(status));
    qaSeries->append(set);
  }
  QChart* qaChart = charts_->qa->chart();
  qaChart->setTitle(tr("QA pairs: %1 approved of %2 target (%3)")
                        .arg(locale.toString(progress.qa.approved))
                        .arg(locale.toString(progress.qa.target))
                        .arg(percent(progress.qa.fraction)));
  setBars(qaChart, qaSeries, types, tr("pairs"));

  // Caption lengths: word counts of each stage's latest revision, binned.
  const int width = model_->captionBinWidth(kCaptionBins);
  QStringList bins;
  for (int i = 0; i < kCaptionBins; ++i) {
    // Each column is labelled with its bin's first word count: ranges do not fit.
    bins << (i + 1 < kCaptionBins ? QString::number(i * width) : QString("%1+").arg(i * width));
  }
  auto* lengthSeries = new QBarSeries();
  for (const auto stage : annotation::kAllStages) {
    auto* set = new QBarSet(stageLabel(stage));
    set->setColor(stageColor(stage));
    set->setBorderColor(stageColor(stage));
    const auto found = figures.captionWords.find(stage);
    const std::vector<int> none;
    for (int count :
         wordCountHistogram(found == figures.captionWords.end() ? none : found->second, width, kCaptionBins)) {
      *set << double(count);
    }
    lengthSeries->append(set);
  }
  QChart* lengthChart = charts_->lengths->chart();
  lengthChart->setTitle(tr("Caption length: words in the latest revision, bins of %1").arg(width));
  setBars(lengthChart, lengthSeries, bins, tr("captions"));

  fillAnnotatorTable();
  showState();
}

void DashboardWidget::fillAnnotatorTable() {
  const auto& annotators = model_->figures().annotators;
  const QLocale locale;
  annotators_->clearSpans();
  if (annotators.empty()) {
    annotators_->setRowCount(1);
    annotators_->setSpan(0, 0, 1, annotators_->columnCount());
    annotators_->setItem(0, 0, new QTableWidgetItem(tr("No annotator has saved or submitted work yet.")));
    return;
  }
  annotators_->setRowCount(int(annotators.size()));
  int row = 0;
  for (const auto& annotator : annotators) {
    const int minutes = int(std::lround(annotator.secondsSpent / 60.0));
    const QStringList cells = {
        QString::fromStdString(annotator.name),
        locale.toString(qlonglong(annotator.revisions)),
        minutes >= 60 ? tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60, 2, 10, QChar('0'))
                      : tr("%1 min").arg(minutes),
        locale.toString(annotator.submissions),
        locale.toString(annotator.meanMinutesPerSubmission(), 'f', 1),
        locale.toString(annotator.approved),
        locale.toString(annotator.rejected),
        percent(annotator.rejectionRate),
    };
    for (int column = 0; column < cells.size(); ++column) {
      auto* item = new QTableWidgetItem(cells[column]);
      if (column > 0) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      annotators_->setItem(row, column, item);
    }
    ++row;
  }
}

ChartSnapshot DashboardWidget::chartSnapshot(DashboardChart which) const {
  ChartSnapshot snapshot;
  QChart* chart = charts_->view(which)->chart();
  snapshot.title = chart->title();
  for (auto* axis : chart->axes(Qt::Horizontal)) {
    if (auto* categories = qobject_cast<QBarCategoryAxis*>(axis)) snapshot.categories = categories->categories();
  }
  for (auto* series : chart->series()) {
    auto* bars = qobject_cast<QAbstractBarSeries*>(series);
    if (!bars) continue;
    for (auto* set : bars->barSets()) {
      snapshot.setLabels << set->label();
      QList<double> values;
      for (int i = 0; i < set->count(); ++i) values << set->at(i);
      snapshot.values << values;
    }
  }
  return snapshot;
}

}  // namespace ugc::gui
