#pragma once
// The player's poster: one real frame of the clip decoded at the size it is shown, so the
// still before playback is sharp (the filmstrip thumbnail it replaces is 72 px high).
// Slow work (probe + seek + decode): call it on a worker thread; it touches no widget.

#include <QImage>
#include <QSize>
#include <QString>

#include "core/error.h"
#include "core/progress.h"

namespace ugc::gui {

struct PosterParams {
  QSize box{640, 640};  // device pixels; the frame fits inside, aspect kept
  // The frame at the centre of the first of this many equal slices of the clip: the same
  // moment as the timeline's first filmstrip thumbnail (TimelineLoadParams::filmstripCount),
  // so the sharp poster replaces its placeholder without the picture jumping.
  int filmstripSlices = 10;
};

// Errors: as media::probeMedia and media::sampleFramesAt; NotFound for a file without video.
Result<QImage> loadPosterFrame(const QString& mediaPath, const PosterParams& params = {},
                               const CancelToken& cancel = {});

}  // namespace ugc::gui
