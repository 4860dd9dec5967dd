#pragma once
// The project dashboard: per-stage status, QA pairs against the target, caption lengths
// (Qt Charts) and a per-annotator table. A thin view over DashboardModel: it redraws when
// the model has loaded and shows a "loading" page meanwhile.

#include <QList>
#include <QStringList>
#include <QWidget>
#include <memory>

class QLabel;
class QStackedWidget;
class QTableWidget;

namespace ugc::gui {

class DashboardModel;
class DashboardCharts;

enum class DashboardChart { StageStatus, QaPairs, CaptionLengths };

// What one chart currently draws, read back from its series (for tests and the user guide).
struct ChartSnapshot {
  QString title;
  QStringList categories;
  QStringList setLabels;
  QList<QList<double>> values;  // values[set][category]
  double total() const;
};

class DashboardWidget : public QWidget {
  Q_OBJECT

 public:
  explicit DashboardWidget(DashboardModel* model, QWidget* parent = nullptr);
  ~DashboardWidget() override;

  DashboardModel* model() const { return model_; }
  bool showsLoading() const;
  bool showsFigures() const;
  // The status line shown while loading or after a failure.
  QString statusText() const;
  // "Videos ... captions approved ... QA pairs approved ..." above the charts.
  QString summaryText() const;
  ChartSnapshot chartSnapshot(DashboardChart chart) const;
  QTableWidget* annotatorTable() const { return annotators_; }

  static constexpr int kCaptionBins = 10;

 private:
  void showState();
  void showFigures();
  void fillAnnotatorTable();

  DashboardModel* model_;
  QStackedWidget* pages_ = nullptr;
  QLabel* status_ = nullptr;
  QLabel* summary_ = nullptr;
  QTableWidget* annotators_ = nullptr;
  std::unique_ptr<DashboardCharts> charts_;  // the chart views (Qt Charts stays out of this header)
};

}  // namespace ugc::gui
