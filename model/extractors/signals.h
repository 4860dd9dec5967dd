#pragma once
// Signals extracted from a video before anyone annotates it: on-screen text, audio events,
// voice (gender, speaker count), background changes and loudness. They pre-fill the
// annotation fields as suggestions (never as confirmed values) and feed the captioner.
// Everything runs offline on the CPU. PP-OCRv4, CenterNet and BlazeFace come from the models
// cache (scripts/fetch-models); without them OCR falls back to Tesseract and objects / faces are
// skipped, each with a note saying so.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/progress.h"

namespace ugc::model {

struct TimeRange {
  double start = 0;  // seconds from the start of the clip
  double end = 0;
};

// A box as fractions of the frame (0..1, origin top left), so it does not depend on the size
// the frames were decoded at.
struct FrameBox {
  double x = 0, y = 0, width = 0, height = 0;
  bool operator==(const FrameBox&) const = default;
};

// ---- On-screen text -------------------------------------------------------------------------

struct OcrLine {
  std::string text;               // the most frequent reading across the frames it was seen in
  double confidence = 0;          // mean line confidence, 0..100 (PP-OCRv4's 0..1 is scaled)
  std::vector<TimeRange> ranges;  // when it is on screen (ordered, disjoint)
  int frames = 0;                 // sampled frames it was read in
  FrameBox box{};                 // mean box over the frames (zero size: unknown)
  std::string position{};         // where it sits, in the release's words (frame_position.h)
};

enum class OcrEngineChoice { Auto, PpOcr, Tesseract };
const char* ocrEngineChoiceName(OcrEngineChoice choice);  // "auto", "ppocr", "tesseract"
std::optional<OcrEngineChoice> ocrEngineChoiceFromName(const std::string& name);

struct OcrSignal {
  bool ran = false;            // false: no video stream or disabled
  std::vector<OcrLine> lines;  // ordered by first appearance
  int framesSampled = 0;
  int recognitionCalls = 0;  // recogniser calls made (unchanged text regions are not re-read)
  int detectorCalls = 0;     // frames the text detector ran on (unchanged frames reuse boxes)
  std::string engine{};      // "PP-OCRv4" or "Tesseract 5"
  std::string note{};        // why the fallback ran and how to install the models; empty otherwise
};

// ---- Objects (COCO detector, model/perception/objects.h) ----------------------------------

struct ObjectDetection {
  std::string category;  // COCO name as the release writes it: "person", "car", "cup"
  double score = 0;      // 0..1
  FrameBox box{};
  std::string color{};   // named from the central half of the box
};

struct ObjectFrame {
  double time = 0;  // seconds
  std::vector<ObjectDetection> detections;
};

// One category over the clip: what the `objects` field suggests.
struct ObjectSummary {
  std::string category;
  int count = 0;          // most instances visible at once (in at least two frames when it was seen in two)
  std::string color;      // named from the box pixels (objects.h colour table)
  std::string position;   // the release's words (frame_position.h), area-weighted centre
  double confidence = 0;  // mean detector score
  int frames = 0;         // sampled frames it was seen in
};

struct ObjectsSignal {
  bool ran = false;  // false: disabled, no video, or the detector's model is missing (see note)
  std::string method;
  std::string note;  // why it did not run (missing model and its install command)
  int framesSampled = 0;
  int framesDetected = 0;                // frames the detector ran on (unchanged ones reuse the last)
  std::vector<ObjectFrame> frames;       // per sampled frame, boxes and scores
  std::vector<ObjectSummary> summary;    // per category, most frames first
};

// The release's objects answer: "category (count: N, color: C, position: P); ..." (empty: none).
std::string objectsAnswer(const ObjectsSignal& objects);

// ---- Faces (BlazeFace, model/perception/faces.h) ------------------------------------------

struct FaceFrame {
  double time = 0;
  std::vector<FrameBox> faces;
  std::vector<double> scores;
};

// Estimates for the visual stage only (how many faces are in view and where); never a speaker's
// gender or count, which come from the voice.
struct FacesSignal {
  bool ran = false;
  std::string method;
  std::string note;  // why it did not run
  int framesSampled = 0;
  int framesDetected = 0;  // frames the detector ran on (unchanged ones reuse the last)
  std::vector<FaceFrame> frames;
  int count = 0;                       // most faces visible at once (confirmed by a second frame)
  std::vector<std::string> positions;  // where they are, in a frame with that many faces
};

// ---- Audio events -------------------------------------------------------------------------

enum class AudioEventKind { Silence, Speech, Music, SpeechOverMusic, Other };
const char* audioEventKindName(AudioEventKind kind);
std::optional<AudioEventKind> audioEventKindFromName(const std::string& name);

struct AudioSegment {
  TimeRange range;
  AudioEventKind kind = AudioEventKind::Silence;
  double loudnessDb = -120;  // RMS level, dBFS
  double musicScore = 0;     // 0..1: share of frames inside steady tonal tracks
  double speechScore = 0;    // 0..1: share of frames voiced with a moving pitch
  double otherScore = 0;     // learned classifier only: probability of other sounds (0 for the heuristic)
  double silenceScore = 0;   // learned classifier only: probability of silence
};

struct AudioEventsSignal {
  bool ran = false;                    // false: no audio stream or disabled
  bool silentTrack = false;            // an audio stream that is silent throughout
  std::vector<AudioSegment> segments;  // consecutive, ExtractOptions::segmentSeconds long
  std::vector<TimeRange> speech;       // merged ranges with speech (with or without music)
  std::vector<TimeRange> music;        // merged ranges with music
  std::vector<TimeRange> otherSounds;
  bool musicPresent = false;   // suggestion for "background music present"
  double musicConfidence = 0;  // 0..1, confidence in musicPresent (whichever way it went)
  double speechSeconds = 0;
  // "heuristic" (held notes vs gliding pitch, audio_events.cpp) or "learned classifier (<model>@<sha>)";
  // for the learned one, musicScore / speechScore are the classifier's probabilities.
  std::string method = "heuristic";
};

// ---- Voice activity (Silero VAD; model/audio/voice_activity.h) ----------------------------

struct SpeechSegment {
  TimeRange range;
  double probability = 0;  // Silero's mean speech probability over the segment, 0..1
};

struct VoiceActivitySignal {
  bool ran = false;  // false: disabled, no audio, or no model given (ExtractOptions::voiceActivityModel)
  std::vector<SpeechSegment> segments;  // ordered, disjoint
  double speechSeconds = 0;
  std::string method;  // e.g. "silero-vad v5 16k (sha256 7ed98ddbad84)"
};

// ---- Voice --------------------------------------------------------------------------------

enum class Gender { Unknown, Male, Female };
const char* genderName(Gender gender);  // "unknown", "male", "female"
Gender genderFromName(const std::string& name);

struct VoiceTurn {
  TimeRange range;      // a stretch of speech between pauses
  double medianF0 = 0;  // Hz, over voiced frames
  int voicedFrames = 0;
  Gender gender = Gender::Unknown;
  double genderConfidence = 0;  // 0.5..1
  int speaker = -1;             // index into VoiceSignal::speakers
};

struct SpeakerEstimate {
  Gender gender = Gender::Unknown;
  double genderConfidence = 0;
  double medianF0 = 0;
  double speakingSeconds = 0;
};

struct VoiceSignal {
  bool ran = false;
  std::vector<VoiceTurn> turns;
  std::vector<SpeakerEstimate> speakers;  // in order of first speech
  int speakerCount = 0;                   // 0 when no speech was found
  double speakerCountConfidence = 0;
  // Pitch clustering cannot tell apart two speakers of similar pitch: the count is a lower bound.
  std::string limits;
};

// ---- Background / scene changes -----------------------------------------------------------

struct SceneSignal {
  bool ran = false;
  std::vector<double> changeTimes;  // hard cuts, seconds
  bool backgroundChanges = false;
  std::string method;  // which detector produced the times
};

// ---- Loudness -----------------------------------------------------------------------------

struct LoudnessSignal {
  bool ran = false;
  std::optional<double> integratedLufs;  // empty when everything is below the absolute gate
  double samplePeakDbfs = -120;
  double clippingRatio = 0;  // share of samples at or beyond full scale
  std::string method;
};

// ---- Transcript (English, PocketSphinx; model/audio/transcriber.h) ------------------------

struct TranscriptWord {
  std::string text;
  TimeRange range;
  double confidence = 0;  // posterior 0..1
  bool quotable = false;  // at or above TranscriptSignal::quotableThreshold
};

struct TranscriptSignal {
  bool ran = false;  // false: disabled, no audio or no speech
  std::vector<TranscriptWord> words;
  std::string text;
  double meanConfidence = 0;
  double quotableThreshold = 0;
  // Spoken-language suggestion: "en" when PocketSphinx's English fit is good, else "unknown"
  // (the decoder only knows English; a poor fit may be another language or bad audio).
  std::string language = "unknown";
  double languageConfidence = 0;
  std::string method;
};

// ---- All of them --------------------------------------------------------------------------

struct ExtractorTiming {
  std::string name;  // "decode_audio", "ocr", "audio_events", "voice", "scenes", "loudness"
  double seconds = 0;
};

struct Signals {
  std::string file;  // as given
  double duration = 0;
  bool hasVideo = false;
  bool hasAudio = false;
  // Audio decoded and analysed: all of it, or the first ExtractOptions::maxAudioSeconds.
  double audioAnalysedSeconds = 0;
  OcrSignal ocr;
  ObjectsSignal objects;
  FacesSignal faces;
  AudioEventsSignal audio;
  VoiceSignal voice;
  SceneSignal scenes;
  LoudnessSignal loudness;
  TranscriptSignal transcript;
  VoiceActivitySignal voiceActivity;
  std::vector<ExtractorTiming> timings;
};

struct ExtractOptions {
  bool ocr = true;
  bool objects = true;  // COCO objects on the OCR frames; skipped with a note when the model is missing
  double objectFramesPerSecond = 1.0;  // also the faces' rate
  bool faces = true;  // BlazeFace on the object frames; skipped with a note when the model is missing
  // PP-OCRv4's text detector and the object and face detectors run only on frames that changed
  // (model/extractors/frame_change.h) and reuse their last result on the others.
  bool reuseOnUnchangedFrames = true;
  bool audioEvents = true;
  bool voice = true;  // needs audio events (it reads their speech ranges)
  bool scenes = true;
  bool loudness = true;
  // OCR
  double ocrFramesPerSecond = 2.0;
  double ocrMinConfidence = 55.0;  // lines below this Tesseract confidence are dropped
  double ocrMergeDistance = 0.34;  // normalised edit distance under which two readings are one line
  int ocrMinFrames = 2;            // a line read in fewer sampled frames is dropped (flicker, noise)
  std::filesystem::path tessdataDir = "/usr/share/tesseract-ocr/5/tessdata";
  std::string ocrLanguage = "eng";
  // Auto: PP-OCRv4 when its models are in the cache, else Tesseract with OcrSignal::note saying
  // so. PpOcr: missing models are an error naming scripts/fetch-models ppocr-v4.
  OcrEngineChoice ocrEngine = OcrEngineChoice::Auto;
  std::filesystem::path modelsDir;  // pretrained models cache; empty: modelsCacheDir()
  // Audio
  // Only the first this many seconds of audio are decoded and analysed (0: all): UGC clips run
  // minutes, and a 3-hour file must not take 700 MB of samples and minutes of work.
  double maxAudioSeconds = 600;
  double segmentSeconds = 0.5;
  double silenceDbfs = -50.0;          // segments quieter than this are silence
  double maleFemaleF0Hz = 165.0;       // boundary between typical adult male and female pitch
  double speakerSplitSemitones = 5.0;  // turns whose median pitch differ more are different speakers
  // The learned audio-event classifier's folder (model/audio); empty: the hand-tuned heuristic.
  std::filesystem::path audioEventsModel;
  // Silero VAD's ONNX file (model/audio/voice_activity.h); empty: no VAD. When it runs, its
  // segments are the speech that voice turns, speaking time and the transcript read.
  std::filesystem::path voiceActivityModel;
  // English transcription of the speech ranges with PocketSphinx (about 0.3-0.6x real time).
  bool transcribe = false;
  // Scenes
  double sceneCutThreshold = 0.30;  // core scene detector: combined distance (0..1) that is a cut
};

inline ExtractOptions defaultExtractOptions() { return {}; }

// Decodes the file once and runs the enabled extractors. A video without audio, text, speech
// or cuts yields "absent" results, not errors. Errors: NotFound, InvalidInput (not media),
// Unsupported, Cancelled, Internal (Tesseract could not start).
Result<Signals> extractSignals(const std::filesystem::path& videoPath, const ExtractOptions& options = {},
                               const ProgressSink& progress = {}, const CancelToken& cancel = {});

// JSON text for caching and for `ugccap extract --json`; fromJson reads what toJson wrote.
std::string toJson(const Signals& extracted, int indent = 2);
Result<Signals> signalsFromJson(const std::string& json);

}  // namespace ugc::model
