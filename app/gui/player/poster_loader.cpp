#include "gui/player/poster_loader.h"

#include "core/frame_sampler.h"
#include "core/probe.h"

namespace ugc::gui {

Result<QImage> loadPosterFrame(const QString& mediaPath, const PosterParams& params, const CancelToken& cancel) {
  if (params.box.isEmpty()) return makeError(ErrorCode::InvalidInput, "poster box is empty");
  const std::filesystem::path path = mediaPath.toStdString();
  media::ProbeParams probeParams;
  probeParams.computeFingerprint = false;
  auto probed = media::probeMedia(path, probeParams, cancel);
  if (!probed) return tl::unexpected(probed.error());
  if (!probed->video) return makeError(ErrorCode::NotFound, "no video stream in " + path.string());

  media::FrameSamplerParams sampler;
  sampler.width = params.box.width();
  sampler.height = params.box.height();
  sampler.fit = media::FitMode::Contain;
  sampler.workers = 1;  // one frame: a second decoder would only cost another open
  const auto times = media::uniformSampleTimes(probed->duration, std::max(1, params.filmstripSlices));
  auto frames = media::sampleFramesAt(path, {times.front()}, sampler, {}, cancel);
  if (!frames) return tl::unexpected(frames.error());
  if (frames->empty() || frames->front().image.empty()) {
    return makeError(ErrorCode::InvalidInput, "no frame decoded from " + path.string());
  }
  const media::RgbImage& rgb = frames->front().image;
  const QImage view(rgb.pixels.data(), rgb.width, rgb.height, rgb.width * 3, QImage::Format_RGB888);
  return view.copy();  // own the pixels: rgb goes away with frames
}

}  // namespace ugc::gui
