#pragma once
// Builds the timeline's lanes for one media file with core/: waveform peaks, the log-mel
// spectrogram picture, scene changes and a filmstrip. Slow work: call it on a worker thread
// (it touches no widget); the result is cached by path and file time.

#include <QString>

#include "core/error.h"
#include "core/progress.h"
#include "gui/player/timeline_widget.h"

namespace ugc::gui {

struct TimelineLoadParams {
  int waveformColumns = 1200;
  int spectrogramWidth = 1200;
  int filmstripCount = 10;
  int filmstripHeight = 72;
};

Result<TimelineData> loadTimeline(const QString& mediaPath, const TimelineLoadParams& params = {},
                                  const CancelToken& cancel = {});

// loadTimeline through a process-wide cache (thread-safe), keyed by path and modification time.
Result<TimelineData> cachedTimeline(const QString& mediaPath, const TimelineLoadParams& params = {},
                                    const CancelToken& cancel = {});

}  // namespace ugc::gui
