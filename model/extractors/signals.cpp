// extractSignals: one decode, then OCR on one thread while the audio extractors and the cut
// detector run on the calling thread (the target machine has two cores).
#include "model/extractors/signals.h"

#include <chrono>
#include <cmath>
#include <future>
#include <map>
#include <mutex>
#include <optional>

#include "core/scene_detector.h"
#include "model/audio/learned_audio_events.h"
#include "model/audio/transcriber.h"
#include "model/audio/voice_activity.h"
#include "model/extractors/audio_signals.h"
#include "model/extractors/frame_change.h"
#include "model/extractors/media_input.h"
#include "model/extractors/objects_signal.h"
#include "model/extractors/ocr.h"
#include "model/perception/faces.h"
#include "model/perception/objects.h"
#include "model/perception/ppocr.h"
#include "model/pretrained_models.h"

namespace ugc::model {
namespace {

class Stopwatch {
 public:
  double seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// One PP-OCRv4 engine per models folder for the process: loading it (three networks, sha256
// checks) costs more than reading a short clip. read/detect/recognise are const.
Result<std::shared_ptr<const PpOcrEngine>> sharedPpOcrEngine(const std::filesystem::path& modelsDir) {
  static std::mutex mutex;
  static std::map<std::filesystem::path, std::shared_ptr<const PpOcrEngine>> engines;
  const std::lock_guard lock(mutex);
  if (auto it = engines.find(modelsDir); it != engines.end()) return it->second;
  auto loaded = PpOcrEngine::load(modelsDir);
  if (!loaded) return tl::unexpected(loaded.error());
  std::shared_ptr<const PpOcrEngine> engine(std::move(*loaded));
  engines[modelsDir] = engine;
  return engine;
}

Result<std::shared_ptr<const ObjectDetector>> sharedObjectDetector(const std::filesystem::path& modelsDir) {
  static std::mutex mutex;
  static std::map<std::filesystem::path, std::shared_ptr<const ObjectDetector>> detectors;
  const std::lock_guard lock(mutex);
  if (auto it = detectors.find(modelsDir); it != detectors.end()) return it->second;
  auto loaded = ObjectDetector::load(modelsDir);
  if (!loaded) return tl::unexpected(loaded.error());
  std::shared_ptr<const ObjectDetector> detector(std::move(*loaded));
  detectors[modelsDir] = detector;
  return detector;
}

Result<std::shared_ptr<const FaceDetector>> sharedFaceDetector(const std::filesystem::path& modelsDir) {
  static std::mutex mutex;
  static std::map<std::filesystem::path, std::shared_ptr<const FaceDetector>> detectors;
  const std::lock_guard lock(mutex);
  if (auto it = detectors.find(modelsDir); it != detectors.end()) return it->second;
  auto loaded = FaceDetector::load(modelsDir);
  if (!loaded) return tl::unexpected(loaded.error());
  std::shared_ptr<const FaceDetector> detector(std::move(*loaded));
  detectors[modelsDir] = detector;
  return detector;
}

// The OCR engine the options ask for. Auto falls back to Tesseract when PP-OCRv4's models are
// missing or damaged, and says so (with the install command) in the OCR signal's note.
struct OcrEngines {
  std::shared_ptr<const PpOcrEngine> ppocr;
  std::unique_ptr<TextRecognizer> tesseract;
  std::string note;
};

Result<OcrEngines> prepareOcrEngines(const ExtractOptions& options) {
  OcrEngines engines;
  if (options.ocrEngine != OcrEngineChoice::Tesseract) {
    auto loaded = sharedPpOcrEngine(options.modelsDir.empty() ? modelsCacheDir() : options.modelsDir);
    if (loaded) return OcrEngines{std::move(*loaded), nullptr, ""};
    if (options.ocrEngine == OcrEngineChoice::PpOcr) return tl::unexpected(loaded.error());
    engines.note = "Tesseract 5 ran: PP-OCRv4 (the default OCR) is not available (" + loaded.error().message +
                   "); install it with scripts/fetch-models ppocr-v4";
  }
  auto created = TextRecognizer::create(options.tessdataDir, options.ocrLanguage);
  if (!created) return tl::unexpected(created.error());
  engines.tesseract = std::move(*created);
  return engines;
}

}  // namespace

const char* ocrEngineChoiceName(OcrEngineChoice choice) {
  switch (choice) {
    case OcrEngineChoice::PpOcr:
      return "ppocr";
    case OcrEngineChoice::Tesseract:
      return "tesseract";
    case OcrEngineChoice::Auto:
      return "auto";
  }
  return "auto";
}

std::optional<OcrEngineChoice> ocrEngineChoiceFromName(const std::string& name) {
  for (auto choice : {OcrEngineChoice::Auto, OcrEngineChoice::PpOcr, OcrEngineChoice::Tesseract})
    if (name == ocrEngineChoiceName(choice)) return choice;
  return std::nullopt;
}

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

  // The OCR engine starts first: missing models or language data are an error before any decoding.
  OcrEngines ocrEngines;
  if (options.ocr) {
    auto prepared = prepareOcrEngines(options);
    if (!prepared) return tl::unexpected(prepared.error());
    ocrEngines = std::move(*prepared);
  }

  // The object detector likewise; a missing model is a note (objects are on by default).
  std::shared_ptr<const ObjectDetector> objectDetector;
  std::string objectsNote;
  if (options.objects) {
    auto loaded = sharedObjectDetector(options.modelsDir.empty() ? modelsCacheDir() : options.modelsDir);
    if (loaded)
      objectDetector = std::move(*loaded);
    else
      objectsNote = "objects not detected: " + loaded.error().message;
  }
  std::shared_ptr<const FaceDetector> faceDetector;
  std::string facesNote;
  if (options.faces) {
    auto loaded = sharedFaceDetector(options.modelsDir.empty() ? modelsCacheDir() : options.modelsDir);
    if (loaded)
      faceDetector = std::move(*loaded);
    else
      facesNote = "faces not detected: " + loaded.error().message;
  }

  report(progress, "decoding", 0, kSteps);
  Stopwatch decodeClock;
  DecodeRequest request;
  const bool perception = options.ocr || objectDetector || faceDetector;
  request.ocrFramesPerSecond = perception ? options.ocrFramesPerSecond : 0;
  const bool wantsVad = !options.voiceActivityModel.empty();
  request.audio = options.audioEvents || options.voice || options.loudness || wantsVad;
  request.maxAudioSeconds = options.maxAudioSeconds;
  // The scene detector's samples come from the same decoding pass as the perception frames; on
  // its own (no OCR, objects or faces) it decodes small frames itself, which is cheaper.
  media::SceneDetectorParams sceneParams;
  sceneParams.threshold = options.sceneCutThreshold;
  std::optional<media::SceneChangeFinder> sceneFinder;
  if (options.scenes && perception) {
    sceneFinder.emplace(sceneParams);
    request.sceneFinder = &*sceneFinder;
  }
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

  // OCR, objects and faces on their own thread, over the frames the decoding thread hands over
  // (the objects and faces at every objectStride-th OCR frame). Each detector skips frames the
  // change gate finds unchanged since the one it last ran on, and reuses that frame's result.
  std::future<Result<OcrSignal>> ocrDone;
  double ocrSeconds = 0, objectSeconds = 0;
  std::optional<ObjectTracker> tracker;
  if (objectDetector) tracker.emplace(*objectDetector);
  std::optional<FaceTracker> faceTracker;
  if (faceDetector) faceTracker.emplace(*faceDetector);
  Status objectStatus;
  double faceSeconds = 0, waitSeconds = 0;
  if ((ocrEngines.ppocr || ocrEngines.tesseract || tracker || faceTracker) && media.hasVideo) {
    ocrDone = std::async(std::launch::async, [&]() -> Result<OcrSignal> {
      Stopwatch clock;
      const int objectStride =
          std::max(1, int(std::lround(options.ocrFramesPerSecond / std::max(0.01, options.objectFramesPerSecond))));
      int frameIndex = 0;
      // Objects: the detector runs on a changed frame and the next one, so a count is confirmed
      // by a second frame that was really detected, not copied.
      FrameChangeGateParams objectGateParams;
      objectGateParams.detectionsAfterChange = 2;
      FrameChangeGate objectGate(objectGateParams);
      auto nextRgb = [&](media::RgbImage& frame, double& time) {
        Stopwatch wait;
        const bool got = media.nextOcrRgbFrame(frame, time, cancel);
        waitSeconds += wait.seconds();
        if (!got) return false;
        if (frameIndex++ % objectStride != 0 || !objectStatus || (!tracker && !faceTracker)) return true;
        const bool detect = !options.reuseOnUnchangedFrames || objectGate.mustDetect(frame);
        if (tracker && (!options.reuseOnUnchangedFrames || objectGate.lastStartedStretch())) tracker->beginStretch();
        if (tracker) {
          Stopwatch objectClock;
          if (detect || !tracker->repeatLast(time)) objectStatus = tracker->observe(frame, time);
          objectSeconds += objectClock.seconds();
        }
        if (faceTracker && objectStatus) {
          Stopwatch faceClock;
          if (detect || !faceTracker->repeatLast(time)) objectStatus = faceTracker->observe(frame, time);
          faceSeconds += faceClock.seconds();
        }
        return true;
      };
      OcrParams params;
      params.frameInterval = media.ocrFrameInterval;
      params.minConfidence = options.ocrMinConfidence;
      params.merge = {media.ocrFrameInterval, options.ocrMergeDistance, options.ocrMinFrames};
      params.reuseBoxesOnUnchangedFrames = options.reuseOnUnchangedFrames;
      Result<OcrSignal> result = OcrSignal{};
      if (ocrEngines.ppocr) {
        params.minConfidence = 0;  // PP-OCRv4 drops its own unconfident lines (PpOcrParams)
        result = recogniseOnScreenTextPpOcr(*ocrEngines.ppocr, nextRgb, params, cancel);
      } else if (ocrEngines.tesseract) {
        media::RgbImage rgb;
        result = recogniseOnScreenText(
            *ocrEngines.tesseract,
            [&](GrayImage& frame, double& time) {
              if (!nextRgb(rgb, time)) return false;
              frame = toGrayImage(rgb);
              return true;
            },
            params, cancel);
      } else {
        media::RgbImage rgb;
        double time = 0;
        while (!cancel.isCancelled() && nextRgb(rgb, time)) {
        }
      }
      // Whatever stopped the reading, the decoding pass must be able to finish for the scenes.
      media.releaseOcrFrames();
      ocrSeconds = clock.seconds() - objectSeconds - faceSeconds - waitSeconds;
      if (result) result->note = ocrEngines.note;
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
    Result<std::vector<media::SceneChange>> changes = std::vector<media::SceneChange>{};
    if (sceneFinder) {
      // The samples arrive with the perception frames; the cuts are picked (and refined to the
      // frame, decoding a few frames around each) once the pass is over.
      if (!ocrDone.valid()) media.releaseOcrFrames();  // no reader for them
      if (auto done = media.finishVideo(cancel); !done) {
        changes = tl::unexpected(done.error());
      } else {
        clock = Stopwatch();  // the wait above is the perception's time, not the scenes'
        changes = sceneFinder->finish(videoPath, media.frameSeconds, cancel);
      }
    } else {
      changes = media::detectSceneChanges(videoPath, sceneParams, {}, cancel);
    }
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
    if (options.ocr) {
      signals.ocr = std::move(*ocr);
      signals.timings.push_back({"ocr", ocrSeconds});
    }
    if (!objectStatus) return tl::unexpected(objectStatus.error());
    signals.timings.push_back({"decode_video", media.videoDecodeSeconds()});
    if (tracker) {
      signals.objects = tracker->finish();
      signals.timings.push_back({"objects", objectSeconds});
    }
    if (faceTracker) {
      signals.faces = faceTracker->finish();
      signals.timings.push_back({"faces", faceSeconds});
    }
  }
  if (options.objects && !signals.objects.ran) signals.objects.note = objectsNote;
  if (options.faces && !signals.faces.ran) signals.faces.note = facesNote;
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
