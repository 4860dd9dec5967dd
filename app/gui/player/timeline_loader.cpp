#include "gui/player/timeline_loader.h"

#include <QCache>
#include <QDateTime>
#include <QFileInfo>
#include <QMutex>

#include "core/audio_decoder.h"
#include "core/log_mel.h"
#include "core/scene_detector.h"
#include "core/spectrogram_image.h"
#include "core/thumbnails.h"
#include "core/waveform_peaks.h"

namespace ugc::gui {
namespace {

QImage toImage(const media::RgbImage& rgb) {
  if (rgb.empty()) return {};
  QImage image(rgb.pixels.data(), rgb.width, rgb.height, rgb.width * 3, QImage::Format_RGB888);
  return image.copy();  // own the pixels: rgb goes away
}

}  // namespace

Result<TimelineData> loadTimeline(const QString& mediaPath, const TimelineLoadParams& params,
                                  const CancelToken& cancel) {
  const std::filesystem::path path = mediaPath.toStdString();
  TimelineData data;

  auto audio = media::decodeAudio(path, media::defaultAudioDecodeParams(), {}, cancel);
  if (!audio) return tl::unexpected(audio.error());
  data.hasAudio = audio->hasAudio();
  if (data.hasAudio && !audio->samples.empty()) {
    data.durationMs = qint64(audio->summary.seconds() * 1000.0);
    const media::LogMel mel = media::computeLogMel(audio->samples);
    data.spectrogram = toImage(media::renderSpectrogram(mel, {params.spectrogramWidth, 0, 2.0f}));
    const media::WaveformPeaks peaks(std::move(audio->samples), audio->summary.sampleRate);
    for (const auto& column : peaks.columns(0, peaks.sampleCount(), params.waveformColumns)) {
      data.peakMin.push_back(column.min);
      data.peakMax.push_back(column.max);
    }
  }
  if (cancel.isCancelled()) return cancelledError();

  media::FilmstripParams strip;
  strip.count = params.filmstripCount;
  strip.height = params.filmstripHeight;
  auto filmstrip = media::makeFilmstrip(path, strip, {}, cancel);
  if (filmstrip) {
    for (const auto& frame : filmstrip->thumbnails) data.filmstrip.append(toImage(frame.image));
    if (!filmstrip->thumbnails.empty()) {
      // The last thumbnail sits at the centre of the last slice: the clip ends half a slice later.
      const double slice = filmstrip->thumbnails.size() > 1
                               ? filmstrip->thumbnails[1].requestedTime - filmstrip->thumbnails[0].requestedTime
                               : 2 * filmstrip->thumbnails[0].requestedTime;
      data.durationMs = std::max(data.durationMs, qint64((filmstrip->thumbnails.back().requestedTime + slice / 2) * 1000));
    }
    auto scenes = media::detectSceneChanges(path, media::defaultSceneDetectorParams(), {}, cancel);
    if (scenes) {
      for (const auto& change : *scenes) data.sceneChangesMs.append(qint64(change.time * 1000.0));
    } else if (scenes.error().isCancelled()) {
      return cancelledError();
    }
  } else if (filmstrip.error().isCancelled()) {
    return cancelledError();
  }
  return data;
}

Result<TimelineData> cachedTimeline(const QString& mediaPath, const TimelineLoadParams& params,
                                    const CancelToken& cancel) {
  static QMutex mutex;
  static QCache<QString, TimelineData> cache(32);
  const QString key = mediaPath + "|" + QFileInfo(mediaPath).lastModified().toString(Qt::ISODateWithMs);
  {
    QMutexLocker lock(&mutex);
    if (const TimelineData* hit = cache.object(key)) return *hit;
  }
  auto loaded = loadTimeline(mediaPath, params, cancel);
  if (loaded) {
    QMutexLocker lock(&mutex);
    cache.insert(key, new TimelineData(*loaded));
  }
  return loaded;
}

}  // namespace ugc::gui
