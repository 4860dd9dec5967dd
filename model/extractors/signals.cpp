// extractSignals: one decode, then OCR on one thread while the audio extractors and the cut
// detector run on the calling thread (the target machine has two cores).
#include "model/extractors/signals.h"

#include <chrono>
#include <future>

#include "core/scene_detector.h"
#include "model/audio/learned_audio_events.h"
#include "model/audio/transcriber.h"
#include "model/audio/voice_activity.h"
#include "model/extractors/audio_signals.h"
#include "model/extractors/media_input.h"
#include "model/extractors/ocr.h"

namespace ugc::model {
namespace {

class Stopwatch {
 public:
  double seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace

namespace {

Result<Signals> extractSignalsUnguarded(const std::filesystem::path& videoPath, const ExtractOptions& options,
                                        const ProgressSink& progress, const CancelToken& cancel) {
  if (options.ocrFramesPerSecond <= 0 || options.ocrFramesPerSecond > 30 || options.segmentSeconds < 0.1 ||
      options.maxAudioSeconds < 0)
    return makeError(ErrorCode::InvalidArgument,
                     "ocrFramesPerSecond must be in (0, 30], segmentSeconds >= 0.1 and maxAudioSeconds >= 0");
  Signals signals;
  signals.file = videoPath.string();
  constexpr int kSteps = 3;

  // Tesseract starts first: a missing language pack is an error before any decoding.
  std::unique_ptr<TextRecognizer> recognizer;
  if (options.ocr) {
    auto created = TextRecognizer::create(options.tessdataDir, options.ocrLanguage);
    if (!created) return tl::unexpected(created.error());
    recognizer = std::move(*created);
  }

  report(progress, "decoding", 0, kSteps);
  Stopwatch decodeClock;
  DecodeRequest request;
  request.ocrFramesPerSecond = options.ocr ? options.ocrFramesPerSecond : 0;
  const bool wantsVad = !options.voiceActivityModel.empty();
  request.audio = options.audioEvents || options.voice || options.loudness || wantsVad;
  request.maxAudioSeconds = options.maxAudioSeconds;
  auto decoded = openMediaForSignals(videoPath, request, cancel);
  if (!decoded) return tl::unexpected(decoded.error());
  DecodedMedia& media = *decoded;
  signals.duration = media.duration;
  signals.hasVideo = media.hasVideo;
  signals.hasAudio = media.hasAudio;
  signals.audioAnalysedSeconds = double(media.audio.size()) / kAnalysisRate;
  if (!wantsVad) signals.voiceActivity.method = "not run: no Silero VAD model (scripts/fetch-models silero-vad)";
  signals.timings.push_back({"decode_audio", decodeClock.seconds()});
  report(progress, "analysing", 1, kSteps);

  // OCR on its own thread (its own Tesseract instance).
  std::future<Result<OcrSignal>> ocrDone;
  double ocrSeconds = 0;
  if (recognizer && media.hasVideo) {
    ocrDone = std::async(std::launch::async, [&]() -> Result<OcrSignal> {
      Stopwatch clock;
      OcrParams params;
      params.frameInterval = media.ocrFrameInterval;
      params.minConfidence = options.ocrMinConfidence;
      params.merge = {media.ocrFrameInterval, options.ocrMergeDistance, options.ocrMinFrames};
      auto result = recogniseOnScreenText(
          *recognizer, [&](GrayImage& frame, double& time) { return media.nextOcrFrame(frame, time, cancel); }, params,
          cancel);
      ocrSeconds = clock.seconds();
      if (result && media.error()) return tl::unexpected(*media.error());
      return result;
    });
  }

  if (media.hasAudio && request.audio) {
    Stopwatch clock;
    AudioAnalysisParams analysis;
    analysis.silenceDbfs = options.silenceDbfs;
    const AudioFrameFeatures features = analyseAudio(media.audio, analysis, cancel);
    const double featureSeconds = clock.seconds();
    if (!cancel.isCancelled()) {
      if (options.audioEvents || options.voice) {
        Stopwatch events;
        if (options.audioEventsModel.empty()) {
          signals.audio = detectAudioEvents(features, options);
        } else {
          auto learned = detectAudioEventsLearned(media.audio, options, cancel);
          if (!learned) {
            if (ocrDone.valid()) ocrDone.wait();
            return tl::unexpected(learned.error());
          }
          signals.audio = std::move(*learned);
        }
        signals.timings.push_back({"audio_events", featureSeconds + events.seconds()});
      }
      if (wantsVad) {
        Stopwatch clock;
        auto vad = detectVoiceActivity(media.audio, options.voiceActivityModel, cancel);
        if (!vad) {
          if (ocrDone.valid()) ocrDone.wait();
          return tl::unexpected(vad.error());
        }
        signals.voiceActivity = std::move(*vad);
        signals.timings.push_back({"voice_activity", clock.seconds()});
      }
      // Speech as the VAD heard it when it ran (it is trained for exactly that), else the events'.
      std::vector<TimeRange> speech = signals.audio.speech;
      if (signals.voiceActivity.ran) {
        speech.clear();
        for (const auto& segment : signals.voiceActivity.segments) speech.push_back(segment.range);
      }
      if (options.voice) {
        Stopwatch voice;
        AudioEventsSignal heard = signals.audio;
        heard.speech = speech;
        signals.voice = analyseVoice(features, heard, options);
        signals.timings.push_back({"voice", voice.seconds()});
      }
      if (options.transcribe && !speech.empty()) {
        Stopwatch clock;
        auto transcript = transcribeSpeech(media.audio, speech, cancel);
        if (!transcript) {
          if (ocrDone.valid()) ocrDone.wait();
          return tl::unexpected(transcript.error());
        }
        signals.transcript = std::move(*transcript);
        signals.timings.push_back({"transcript", clock.seconds()});
      }
      if (!options.audioEvents) signals.audio = AudioEventsSignal{};
      if (options.loudness) {
        Stopwatch loud;
        signals.loudness = measureLoudness(media.audio, kAnalysisRate);
        signals.timings.push_back({"loudness", loud.seconds()});
      }
    }
  }
  if (options.scenes && media.hasVideo && !cancel.isCancelled()) {
    Stopwatch clock;
    media::SceneDetectorParams params;
    params.threshold = options.sceneCutThreshold;
    auto changes = media::detectSceneChanges(videoPath, params, {}, cancel);
    if (!changes) {
      if (ocrDone.valid()) ocrDone.wait();
      return tl::unexpected(changes.error());
    }
    signals.scenes.ran = true;
    signals.scenes.method = "core scene detector (colour histogram + pixel difference, refined to the frame)";
    for (const auto& change : *changes) signals.scenes.changeTimes.push_back(change.time);
    signals.scenes.backgroundChanges = !signals.scenes.changeTimes.empty();
    signals.timings.push_back({"scenes", clock.seconds()});
  }
  report(progress, "reading on-screen text", 2, kSteps);
  if (ocrDone.valid()) {
    auto ocr = ocrDone.get();
    if (!ocr) return tl::unexpected(ocr.error());
    signals.ocr = std::move(*ocr);
    signals.timings.push_back({"ocr", ocrSeconds});
  }
  if (cancel.isCancelled()) return cancelledError();
  report(progress, "done", kSteps, kSteps);
  return signals;
}

}  // namespace

Result<Signals> extractSignals(const std::filesystem::path& videoPath, const ExtractOptions& options,
                               const ProgressSink& progress, const CancelToken& cancel) {
  // No exception crosses the library boundary (Tesseract and the standard library may throw).
  try {
    return extractSignalsUnguarded(videoPath, options, progress, cancel);
  } catch (const std::exception& e) {
    return makeError(ErrorCode::Internal, std::string("signal extraction failed: ") + e.what());
  }
}

}  // namespace ugc::model
