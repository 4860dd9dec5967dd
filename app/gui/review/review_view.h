#pragma once
// The reviewer's desk: submitted stages waiting for a decision, and the QA pairs of the
// selected video. Keyboard-driven: A approve, R reject (asks for a reason), J/K next and
// previous item in the focused list. Nothing here fires while a text field has focus.

#include <QWidget>
#include <functional>
#include <optional>
#include <vector>

#include "annotation/qa_review.h"
#include "annotation/workflow.h"
#include "db/project_types.h"

class QLabel;
class QListWidget;
class QTableWidget;
class QTextBrowser;

namespace ugc::db {
class Project;
}

namespace ugc::gui {

class ReviewView : public QWidget {
  Q_OBJECT

 public:
  enum class Focus { Captions, QaPairs };

  ReviewView(db::Project& project, const annotation::User& user, QWidget* parent = nullptr);

  // Asked when rejecting; nullopt cancels. Tests replace the dialog.
  void setReasonPrompt(std::function<std::optional<QString>()> prompt) { reasonPrompt_ = std::move(prompt); }

  void refresh();
  void setFocusList(Focus focus);
  Focus focusList() const { return focus_; }
  bool approveCurrent();
  bool rejectCurrent();
  // The selected video's pending QA pairs at once (one reason for all on a reject); the number
  // changed, -1 on an error (the pairs changed before it stay changed).
  int approvePendingQa();
  int rejectPendingQa();
  // Reject reasons offered in the prompt (free text is always allowed).
  static QStringList rejectReasonPresets();
  void next();
  void previous();
  bool editQa(int row, const annotation::QaEdit& edit);
  bool addQa(annotation::QaType type, const annotation::QaEdit& content);

  int captionCount() const;
  int qaCount() const;
  int currentCaption() const;
  int currentQa() const;
  const std::vector<db::StoredQaPair>& qaPairs() const { return qa_; }
  QString selectedVideo() const { return selectedVideo_; }
  QString statusMessage() const;

 signals:
  void openStageRequested(const QString& videoId, annotation::Stage stage);
  void reviewed();

 private:
  void showCaption(int row);
  void loadQa(const QString& videoId);
  void setStatus(const QString& text, bool error = false);
  bool storeQa(const Result<annotation::QaPair>& updated, int64_t version, const QString& done);

  db::Project& project_;
  annotation::User user_;
  std::function<std::optional<QString>()> reasonPrompt_;
  Focus focus_ = Focus::Captions;
  std::vector<db::StageStatus> pending_;
  std::vector<db::StoredQaPair> qa_;
  QString selectedVideo_;

  QListWidget* captions_ = nullptr;
  QTextBrowser* captionText_ = nullptr;
  QTableWidget* qaTable_ = nullptr;
  QLabel* status_ = nullptr;
};

}  // namespace ugc::gui
