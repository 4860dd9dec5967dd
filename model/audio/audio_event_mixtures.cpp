// Mixtures of real packaged recordings for the audio-event classifier (see the header).
#include "model/audio/audio_event_mixtures.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "core/audio_decoder.h"
#include "core/feature_files.h"
#include "core/log_mel.h"
#include "core/sha256.h"
#include "core/subprocess.h"

namespace ugc::model {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int kRate = 16000;
constexpr int kClipSamples = int(kAudioEventPieceSeconds) * kRate;
constexpr int kBlockSamples = int(kAudioEventHopSeconds * kRate);
constexpr int kBlocks = kClipSamples / kBlockSamples;
constexpr int kFrame = 160;  // 10 ms

bool heldOutByName(const std::string& name, double share) { return isHeldOutAudioSource(name, share); }

double rmsDb(const float* x, size_t n) {
  double sum = 0;
  for (size_t i = 0; i < n; ++i) sum += double(x[i]) * x[i];
  return 10 * std::log10(sum / double(std::max<size_t>(n, 1)) + 1e-12);
}

// Frame levels (10 ms) of a stem.
std::vector<double> frameLevels(const std::vector<float>& x) {
  std::vector<double> out(x.size() / kFrame);
  for (size_t f = 0; f < out.size(); ++f) out[f] = rmsDb(&x[f * kFrame], kFrame);
  return out;
}

// RMS over the frames within 30 dB of the loudest: the level of the active part.
double activeLevelDb(const std::vector<float>& x) {
  const auto levels = frameLevels(x);
  if (levels.empty()) return -120;
  const double peak = *std::max_element(levels.begin(), levels.end());
  double sum = 0;
  int n = 0;
  for (double l : levels)
    if (l > peak - 30 && l > -90) sum += std::pow(10.0, l / 10), ++n;
  return n ? 10 * std::log10(sum / n) : -120;
}

void scaleTo(std::vector<float>& x, double targetDb) {
  const double now = activeLevelDb(x);
  if (now < -100) return;
  const float g = float(std::pow(10.0, (targetDb - now) / 20));
  for (auto& v : x) v *= g;
}

// Frames where a stem is active (above -50 dBFS and within 35 dB of its loudest frame).
std::vector<uint8_t> activeFrames(const std::vector<float>& x, double floorDb) {
  const auto levels = frameLevels(x);
  std::vector<uint8_t> out(levels.size(), 0);
  if (levels.empty()) return out;
  const double peak = *std::max_element(levels.begin(), levels.end());
  for (size_t f = 0; f < levels.size(); ++f) out[f] = levels[f] > std::max(floorDb, peak - 35) ? 1 : 0;
  return out;
}

Result<std::vector<float>> decodeMono(const fs::path& path, double maxSeconds) {
  media::AudioDecodeParams params;
  params.maxSeconds = maxSeconds;
  auto decoded = media::decodeAudio(path, params);
  if (!decoded) return tl::unexpected(decoded.error());
  if (!decoded->hasAudio()) return makeError(ErrorCode::InvalidInput, path.string() + ": no audio");
  return std::move(decoded->samples);
}

struct RenderedSpeech {
  std::vector<float> samples;
  std::string voice, sentence;
  bool heldOut = false;
};

Result<RenderedSpeech> speak(const SpeechVoice& voice, const SpokenSentence& sentence, std::mt19937_64& rng,
                             const fs::path& tmp) {
  std::uniform_int_distribution<int> speed(135, 185), pitch(25, 75);
  const auto wav = tmp / "speech.wav";
  auto run = runProcess({"espeak-ng", "-v", voice.espeakVoice, "-s", std::to_string(speed(rng)), "-p",
                         std::to_string(pitch(rng)), "-w", wav.string(), sentence.text});
  if (!run) return tl::unexpected(run.error());
  if (run->exitCode != 0) return makeError(ErrorCode::Internal, "espeak-ng failed: " + run->standardError);
  auto samples = decodeMono(wav, 30);
  if (!samples) return tl::unexpected(samples.error());
  return RenderedSpeech{std::move(*samples), voice.espeakVoice, sentence.text, false};
}

// One-pole low- or high-pass: a cheap stand-in for phone microphones and small speakers.
void applyEq(std::vector<float>& x, bool lowPass, double cutoffHz) {
  const float a = float(std::exp(-2 * M_PI * cutoffHz / kRate));
  float state = 0;
  for (auto& v : x) {
    state = (1 - a) * v + a * state;
    v = lowPass ? state : v - state;
  }
}

Result<std::vector<float>> codecRoundTrip(const std::vector<float>& x, const std::string& codec, const fs::path& tmp) {
  const auto in = tmp / "pre.wav";
  {
    auto writer = media::WavWriter::create(in, kRate);
    if (!writer) return tl::unexpected(writer.error());
    if (auto s = writer->append(x.data(), x.size()); !s) return tl::unexpected(s.error());
    if (auto s = writer->finish(); !s) return tl::unexpected(s.error());
  }
  const bool aac = codec.rfind("aac", 0) == 0;
  const std::string rate = codec.substr(codec.find('-') + 1);
  const auto out = tmp / (aac ? "coded.m4a" : "coded.ogg");
  auto run = runProcess({"ffmpeg", "-y", "-loglevel", "error", "-i", in.string(), "-c:a", aac ? "aac" : "libopus",
                         "-b:a", rate, out.string()});
  if (!run) return tl::unexpected(run.error());
  if (run->exitCode != 0) return makeError(ErrorCode::Internal, "ffmpeg " + codec + " failed: " + run->standardError);
  auto decoded = decodeMono(out, 0);
  if (!decoded) return decoded;
  // Encoders add priming delay; keep the clip's length (labels are 0.5 s blocks, delay < 30 ms).
  decoded->resize(x.size(), 0.0f);
  return decoded;
}

json clipJson(const MixtureClip& c) {
  json labels = json::array();
  for (const auto& l : c.labels) labels.push_back(std::vector<int>(l.begin(), l.end()));
  return {{"file", c.file},       {"held_out", c.heldOut}, {"music", c.music},
          {"effect", c.effect},   {"voice", c.voice},      {"sentence", c.sentence},
          {"codec", c.codec},     {"labels", labels},      {"music_and_speech", c.hasMusicAndSpeech},
          {"music_to_speech_db", c.musicToSpeechDb}};
}

// Places `src` into `dst` at `at`, with 20 ms fades at both ends.
void place(std::vector<float>& dst, const float* src, size_t n, size_t at) {
  const size_t fade = 320;
  for (size_t i = 0; i < n && at + i < dst.size(); ++i) {
    float g = 1;
    if (i < fade) g = float(i) / fade;
    if (n - i < fade) g = std::min(g, float(n - i) / fade);
    dst[at + i] += src[i] * g;
  }
}

}  // namespace

bool isHeldOutAudioSource(const std::string& name, double share) {
  // A stable split: the first 8 hex digits of the name's SHA-256.
  const auto digest = sha256Hex(name);
  return double(std::stoul(digest.substr(0, 8), nullptr, 16)) / 4294967296.0 < share;
}

Result<MixtureSet> buildAudioEventMixtures(const AudioEventSources& sources, const MixtureParams& params,
                                           const fs::path& outDir, const ProgressSink& progress,
                                           const CancelToken& cancel) {
  if (sources.music.empty() || sources.voices.empty() || sources.sentences.empty())
    return makeError(ErrorCode::NotFound,
                     "no music recordings, voices or sentences (install wesnoth-1.16-music and supertux-data)");
  if (params.clips < 1) return makeError(ErrorCode::InvalidArgument, "clips must be positive");
  for (const char* program : {"espeak-ng", "ffmpeg"})
    if (!findExecutable(program)) return makeError(ErrorCode::NotFound, std::string(program) + " is not installed");
  std::error_code ec;
  fs::create_directories(outDir / "clips", ec);
  const fs::path tmp = outDir / "tmp";
  fs::create_directories(tmp, ec);
  if (ec) return makeError(ErrorCode::Io, "cannot create " + outDir.string() + ": " + ec.message());
  std::mt19937_64 rng(params.seed);
  std::uniform_real_distribution<double> u(0, 1);
  auto uniform = [&](double a, double b) { return a + (b - a) * u(rng); };

  // Splits by source name.
  std::vector<fs::path> music[2], effects[2];
  for (const auto& m : sources.music) music[heldOutByName(m.filename().string(), params.heldOutShare)].push_back(m);
  for (const auto& e : sources.effects)
    effects[heldOutByName(e.filename().string(), params.heldOutShare)].push_back(e);
  // Small source lists may hash to one side only: then the last file is held out.
  auto balance = [](std::vector<fs::path>* sides) {
    if (sides[1].empty() && sides[0].size() > 1) sides[1].push_back(sides[0].back()), sides[0].pop_back();
    if (sides[0].empty() && sides[1].size() > 1) sides[0].push_back(sides[1].back()), sides[1].pop_back();
  };
  balance(music);
  balance(effects);
  if (music[0].empty() || music[1].empty())
    return makeError(ErrorCode::InvalidInput, "too few music files for a held-out split");

  // Speech: every sentence in two voices of its language (or any voice when none matches).
  report(progress, "synthesising speech", 0, params.clips);
  std::vector<RenderedSpeech> speech[2];
  for (const auto& sentence : sources.sentences) {
    if (cancel.isCancelled()) return cancelledError();
    std::vector<const SpeechVoice*> matching;
    for (const auto& v : sources.voices)
      if (v.language == sentence.language) matching.push_back(&v);
    if (matching.empty())
      for (const auto& v : sources.voices) matching.push_back(&v);
    std::shuffle(matching.begin(), matching.end(), rng);
    // Every fifth sentence at least is held out, whatever the hash says, so small lists split too.
    const size_t index = size_t(&sentence - sources.sentences.data());
    const bool held = sources.sentences.size() < 20 ? index % 5 == 4 : heldOutByName(sentence.text, params.heldOutShare);
    for (size_t k = 0; k < std::min<size_t>(2, matching.size()); ++k) {
      auto rendered = speak(*matching[k], sentence, rng, tmp);
      if (!rendered) return tl::unexpected(rendered.error());
      rendered->heldOut = held;
      speech[held].push_back(std::move(*rendered));
    }
  }
  if (speech[0].empty() || speech[1].empty())
    return makeError(ErrorCode::InvalidInput, "too few sentences for a held-out split");
  std::vector<std::vector<float>> effectAudio[2];
  for (int split = 0; split < 2; ++split)
    for (const auto& e : effects[split]) {
      auto a = decodeMono(e, 4);
      if (a && a->size() > 800) effectAudio[split].push_back(std::move(*a));
      else effectAudio[split].emplace_back();  // keeps indices aligned with effects[split]
    }

  // Plan: which clips use which music file, so each file is decoded once.
  struct Plan {
    int index = 0;
    bool heldOut = false;
    int musicFile = -1;  // index into music[heldOut]
  };
  std::vector<Plan> plans;
  for (int i = 0; i < params.clips; ++i) {
    Plan p;
    p.index = i;
    p.heldOut = u(rng) < params.heldOutShare;
    if (u(rng) < 0.6) p.musicFile = int(rng() % music[p.heldOut].size());
    plans.push_back(p);
  }
  std::stable_sort(plans.begin(), plans.end(), [](const Plan& a, const Plan& b) {
    return std::pair(a.heldOut, a.musicFile) < std::pair(b.heldOut, b.musicFile);
  });

  MixtureSet set;
  set.clips.resize(size_t(params.clips));
  std::vector<float> musicAudio;
  std::pair<int, int> loaded{-1, -1};
  int done = 0;
  for (const auto& plan : plans) {
    if (cancel.isCancelled()) return cancelledError();
    const int split = plan.heldOut ? 1 : 0;
    MixtureClip clip;
    clip.heldOut = plan.heldOut;
    clip.file = "clips/mix" + std::to_string(plan.index) + ".wav";
    std::vector<float> musicStem(kClipSamples, 0), speechStem(kClipSamples, 0), effectStem(kClipSamples, 0);

    if (plan.musicFile >= 0) {
      if (loaded != std::pair(split, plan.musicFile)) {
        auto decoded = decodeMono(music[split][size_t(plan.musicFile)], 300);
        if (!decoded) return tl::unexpected(decoded.error());
        musicAudio = std::move(*decoded);
        loaded = {split, plan.musicFile};
      }
      if (musicAudio.size() > size_t(kClipSamples)) {
        const size_t offset = size_t(rng() % (musicAudio.size() - kClipSamples));
        size_t from = 0, to = kClipSamples;
        const double placement = u(rng);
        if (placement < 0.2) from = size_t(uniform(1, 8) * kRate);       // music starts in the clip
        else if (placement < 0.4) to = size_t(uniform(2, 9) * kRate);    // music stops in the clip
        place(musicStem, &musicAudio[offset + from], to - from, from);
        clip.music = music[split][size_t(plan.musicFile)].filename().string();
      }
    }
    if (u(rng) < 0.65) {
      double t = uniform(0, 3);
      const int utterances = 1 + int(rng() % 3);
      for (int k = 0; k < utterances && t < kAudioEventPieceSeconds - 0.5; ++k) {
        const auto& s = speech[split][rng() % speech[split].size()];
        place(speechStem, s.samples.data(), s.samples.size(), size_t(t * kRate));
        t += double(s.samples.size()) / kRate + uniform(0.2, 2.0);
        if (clip.voice.empty()) clip.voice = s.voice, clip.sentence = s.sentence;
      }
    }
    if (!effectAudio[split].empty() && u(rng) < 0.3) {
      const int count = 1 + int(rng() % 3);
      for (int k = 0; k < count; ++k) {
        const size_t e = rng() % effectAudio[split].size();
        const auto& a = effectAudio[split][e];
        if (a.empty()) continue;
        std::vector<float> one(kClipSamples, 0);
        place(one, a.data(), a.size(), size_t(uniform(0, 9) * kRate));
        scaleTo(one, uniform(-35, -12));
        for (size_t i = 0; i < one.size(); ++i) effectStem[i] += one[i];
        clip.effect = effects[split][e].filename().string();
      }
    }
    const bool hasSpeech = !clip.voice.empty(), hasMusic = !clip.music.empty();
    const double speechDb = uniform(-32, -12);
    if (hasSpeech) scaleTo(speechStem, speechDb);
    if (hasMusic) {
      if (hasSpeech) {
        clip.musicToSpeechDb = uniform(-15, 10);
        clip.hasMusicAndSpeech = true;
        scaleTo(musicStem, speechDb + clip.musicToSpeechDb);
      } else {
        scaleTo(musicStem, uniform(-40, -10));
      }
    }

    // Labels from the stems, before the mixture is degraded.
    const auto speechOn = activeFrames(speechStem, -50), musicOn = activeFrames(musicStem, -55),
               effectOn = activeFrames(effectStem, -50);
    std::vector<float> mix(kClipSamples, 0);
    for (int i = 0; i < kClipSamples; ++i) mix[size_t(i)] = musicStem[size_t(i)] + speechStem[size_t(i)] + effectStem[size_t(i)];
    if (u(rng) < 0.3) {
      std::normal_distribution<float> noise(0, 1);
      const float g = float(std::pow(10.0, uniform(-70, -48) / 20));
      for (auto& v : mix) v += g * noise(rng);
    }
    if (u(rng) < 0.3) {
      const bool low = u(rng) < 0.5;
      applyEq(mix, low, low ? uniform(1500, 4000) : uniform(150, 500));
    }
    const float gain = float(std::pow(10.0, (u(rng) < 0.08 ? uniform(12, 24) : uniform(-6, 6)) / 20));
    for (auto& v : mix) v = std::clamp(v * gain, -1.0f, 1.0f);
    for (int b = 0; b < kBlocks; ++b) {
      std::array<uint8_t, kAudioEventClasses> l{};
      int sp = 0, mu = 0, ef = 0;
      for (int f = b * 50; f < (b + 1) * 50; ++f) sp += speechOn[size_t(f)], mu += musicOn[size_t(f)], ef += effectOn[size_t(f)];
      const bool silent = rmsDb(&mix[size_t(b) * kBlockSamples], kBlockSamples) < -50;
      l[size_t(AudioEventClass::Speech)] = hasSpeech && sp >= 10 && !silent;
      l[size_t(AudioEventClass::Music)] = hasMusic && mu >= 25 && !silent;
      l[size_t(AudioEventClass::Other)] = ef >= 10 && !silent;
      l[size_t(AudioEventClass::Silence)] = silent;
      clip.labels.push_back(l);
    }
    if (u(rng) < params.codecShare) {
      static const char* kCodecs[] = {"aac-32k", "aac-64k", "opus-12k", "opus-16k", "opus-24k"};
      clip.codec = kCodecs[rng() % 5];
      auto coded = codecRoundTrip(mix, clip.codec, tmp);
      if (!coded) return tl::unexpected(coded.error());
      mix = std::move(*coded);
    }
    auto writer = media::WavWriter::create(outDir / clip.file, kRate);
    if (!writer) return tl::unexpected(writer.error());
    if (auto s = writer->append(mix.data(), mix.size()); !s) return tl::unexpected(s.error());
    if (auto s = writer->finish(); !s) return tl::unexpected(s.error());
    set.clips[size_t(plan.index)] = std::move(clip);
    report(progress, "mixing", ++done, params.clips);
  }
  fs::remove_all(tmp, ec);

  json clips = json::array();
  for (const auto& c : set.clips) clips.push_back(clipJson(c));
  json doc = {{"format", "ugc-audio-event-mixtures/1"},
              {"seed", params.seed},
              {"held_out_share", params.heldOutShare},
              {"codec_share", params.codecShare},
              {"clip_seconds", kAudioEventPieceSeconds},
              {"block_seconds", kAudioEventHopSeconds},
              {"classes", {"speech", "music", "other", "silence"}},
              {"clips", clips}};
  const std::string text = doc.dump(1);
  set.dataHash = sha256Hex(text);
  std::ofstream(outDir / "mixtures.json") << text << "\n";
  return set;
}

Result<MixtureSet> loadAudioEventMixtures(const fs::path& dir) {
  std::ifstream in(dir / "mixtures.json", std::ios::binary);
  if (!in) return makeError(ErrorCode::NotFound, (dir / "mixtures.json").string() + " not found (build it with `ugccap build-audio-events-data`)");
  std::ostringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  if (!text.empty() && text.back() == '\n') text.pop_back();
  try {
    const auto doc = json::parse(text);
    if (doc.value("format", "") != "ugc-audio-event-mixtures/1")
      return makeError(ErrorCode::InvalidInput, "not an audio-event mixture set");
    MixtureSet set;
    set.dataHash = sha256Hex(text);
    for (const auto& c : doc.at("clips")) {
      MixtureClip clip;
      clip.file = c.at("file").get<std::string>();
      clip.heldOut = c.at("held_out").get<bool>();
      clip.music = c.value("music", "");
      clip.effect = c.value("effect", "");
      clip.voice = c.value("voice", "");
      clip.sentence = c.value("sentence", "");
      clip.codec = c.value("codec", "");
      clip.hasMusicAndSpeech = c.value("music_and_speech", false);
      clip.musicToSpeechDb = c.value("music_to_speech_db", 0.0);
      for (const auto& l : c.at("labels")) {
        std::array<uint8_t, kAudioEventClasses> row{};
        for (int k = 0; k < kAudioEventClasses; ++k) row[size_t(k)] = uint8_t(l.at(size_t(k)).get<int>());
        clip.labels.push_back(row);
      }
      set.clips.push_back(std::move(clip));
    }
    return set;
  } catch (const std::exception& e) {
    return makeError(ErrorCode::InvalidInput, std::string("mixtures.json: ") + e.what());
  }
}

Result<std::vector<AudioEventExample>> mixtureExamples(const fs::path& dir, const MixtureSet& set, bool heldOut,
                                                       const CancelToken& cancel) {
  std::vector<AudioEventExample> out;
  for (const auto& clip : set.clips) {
    if (clip.heldOut != heldOut) continue;
    if (cancel.isCancelled()) return cancelledError();
    auto samples = decodeMono(dir / clip.file, 0);
    if (!samples) return tl::unexpected(samples.error());
    const auto mel = media::computeLogMel(*samples);
    auto windows = audioEventWindows(mel.values, mel.frames);
    for (size_t b = 0; b < windows.size() && b < clip.labels.size(); ++b)
      out.push_back({std::move(windows[b]), clip.labels[b]});
  }
  return out;
}

AudioEventSources debianAudioEventSources() {
  AudioEventSources s;
  auto collect = [](const fs::path& root, std::vector<fs::path>& into) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) return;
    std::vector<fs::path> found;
    for (auto it = fs::recursive_directory_iterator(root, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      const auto ext = it->path().extension().string();
      if (it->is_regular_file(ec) && (ext == ".ogg" || ext == ".wav" || ext == ".flac")) found.push_back(it->path());
    }
    std::sort(found.begin(), found.end());
    into.insert(into.end(), found.begin(), found.end());
  };
  collect("/usr/share/games/wesnoth/1.16/data/core/music", s.music);
  collect("/usr/share/games/supertux2/music", s.music);
  collect("/usr/share/games/supertux2/sounds", s.effects);
  s.voices = {{"en-us+f4", "en", true}, {"en-us+m3", "en", false}, {"en+f2", "en", true},  {"en+m1", "en", false},
              {"de+f3", "de", true},    {"de+m2", "de", false},    {"fr+f1", "fr", true},  {"fr+m4", "fr", false},
              {"es+f5", "es", true},    {"es+m6", "es", false},    {"it+f2", "it", true},  {"pt+m3", "pt", false},
              {"nl+f3", "nl", true},    {"ru+m2", "ru", false}};
  const std::vector<SpokenSentence> sentences = {
      {"en", "Yesterday we walked along the river and found a small cafe that sells fresh bread."},
      {"en", "Today I want to show you how I set up my desk for working from home."},
      {"en", "The weather changed so quickly that we had to run back to the car."},
      {"en", "This recipe takes about twenty minutes and you only need four ingredients."},
      {"en", "Let me know in the comments which colour you like best."},
      {"en", "We are finally here, and honestly the view is even better than the pictures."},
      {"en", "First cut the paper in half, then fold each corner towards the middle."},
      {"en", "My little brother scored his first goal this afternoon, we are so proud of him."},
      {"en", "If you have never tried this before, start slowly and keep your back straight."},
      {"en", "The train was late again, so I decided to explore the old town on foot."},
      {"en", "Here is a quick look at what I bought at the market this morning."},
      {"en", "Thank you all for watching, and see you in the next video."},
      {"en", "The battery lasts almost two days, which surprised me a lot."},
      {"en", "Can you hear the birds? It is so quiet up here in the mountains."},
      {"en", "Mix the flour and the sugar, then add the eggs one at a time."},
      {"en", "Nobody told me the museum closes at five on Sundays."},
      {"de", "Heute zeige ich euch, wie man in zehn Minuten ein leckeres Fruehstueck macht."},
      {"de", "Wir sind gerade am Bahnhof angekommen und es regnet schon wieder."},
      {"de", "Das ist mein Lieblingsplatz im Park, besonders im Herbst."},
      {"de", "Vielen Dank fuers Zuschauen und bis zum naechsten Mal."},
      {"de", "Zuerst schneiden wir das Gemuese in kleine Stuecke."},
      {"de", "Mein Hund liebt den Schnee mehr als alles andere."},
      {"fr", "Aujourd'hui je vais vous montrer mon nouvel appartement a Paris."},
      {"fr", "Nous avons marche pendant trois heures avant de trouver le lac."},
      {"fr", "Cette recette est tres simple et vraiment delicieuse."},
      {"fr", "Merci beaucoup de m'avoir regarde, a bientot."},
      {"fr", "Le marche du samedi matin est toujours plein de monde."},
      {"fr", "Mon chat dort toute la journee sur le canape."},
      {"es", "Hoy vamos a preparar una tortilla de patatas muy facil."},
      {"es", "Acabamos de llegar a la playa y el agua esta perfecta."},
      {"es", "Este es el regalo que me hicieron mis amigos por mi cumpleanos."},
      {"es", "Gracias por ver el video, nos vemos pronto."},
      {"es", "La ciudad es preciosa de noche, con todas las luces encendidas."},
      {"es", "Mi abuela me ensenio a cocinar este plato cuando era pequeno."},
      {"it", "Oggi vi porto con me a visitare il centro storico di Roma."},
      {"it", "Questa pasta si prepara in quindici minuti con pochi ingredienti."},
      {"it", "Grazie per aver guardato il video, ci vediamo presto."},
      {"it", "Il tramonto dal ponte e stato davvero bellissimo."},
      {"pt", "Hoje eu vou mostrar como organizo a minha cozinha."},
      {"pt", "Chegamos cedo ao mercado para comprar frutas frescas."},
      {"pt", "Obrigado por assistir e ate o proximo video."},
      {"nl", "Vandaag fietsen we langs de grachten naar het museum."},
      {"nl", "Dit is het lekkerste brood dat ik ooit heb gebakken."},
      {"nl", "Bedankt voor het kijken en tot de volgende keer."},
      {"ru", "Сегодня я покажу вам, как мы готовим ужин дома."},
      {"ru", "Мы приехали в горы, и здесь очень холодно."},
      {"ru", "Спасибо за просмотр, до встречи в следующем видео."},
  };
  s.sentences = sentences;
  return s;
}

}  // namespace ugc::model
