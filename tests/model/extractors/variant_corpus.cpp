#include "variant_corpus.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/subprocess.h"
#include "support/test_support.h"

namespace ugc::test {
namespace {

struct Caption {
  std::string text, font, colour, style;  // style: extra drawtext options (outline, box, shadow)
  int size;
  std::string x, y;
  double start, end;
};

struct Spec {
  std::string id;
  int width, height;
  double seconds;
  std::vector<std::pair<std::string, double>> backgrounds;  // lavfi colour source, start
  std::vector<Caption> captions;
  std::string voice;  // espeak-ng voice, empty: no speech
  std::string pitch;
  std::string line;
  std::string gender;
  std::string bed;                   // "music", "noise", "" (none)
  std::string background = "color";  // "color": flat colours with cuts; "life": a busy moving pattern
  double speechGain = 1.0;
  // An optional second speaker, starting at secondStart seconds.
  std::string voice2 = "", pitch2 = "", line2 = "", gender2 = "";
  double secondStart = 0;
};

const std::string kFonts = "/usr/share/fonts/truetype/";

// A melody of held notes (pentatonic steps every 0.35 s) with a fifth above, plus pink noise.
std::string musicSource(double seconds) {
  return "aevalsrc=exprs='0.12*sin(2*PI*t*196*pow(2,(floor(mod(t/0.35,5))*2+floor(mod(t/1.75,3))*3)/12))"
         "+0.06*sin(2*PI*t*294*pow(2,(floor(mod(t/0.35,5))*2+floor(mod(t/1.75,3))*3)/12))':s=44100:d=" +
         std::to_string(seconds);
}

void generate(const Spec& spec, const std::filesystem::path& dir) {
  const auto out = dir / (spec.id + ".mp4");
  if (std::filesystem::exists(out)) return;
  std::vector<std::string> args;
  const std::string size = std::to_string(spec.width) + "x" + std::to_string(spec.height);
  for (const auto& [colour, start] : spec.backgrounds)
    args.insert(args.end(), {"-f", "lavfi", "-i",
                             spec.background == "life"
                                 ? "life=s=" + size + ":r=30:mold=10:ratio=0.1:seed=13:death_color=" + colour +
                                       ":life_color=#8090a0,trim=duration=" + std::to_string(spec.seconds)
                                 : "color=c=" + colour + ":s=" + size + ":r=30:d=" + std::to_string(spec.seconds)});
  const size_t bgCount = spec.backgrounds.size();
  size_t input = bgCount;
  std::string graph = "[0:v]format=yuv420p[b0];";
  for (size_t i = 1; i < bgCount; ++i)
    graph += "[b" + std::to_string(i - 1) + "][" + std::to_string(i) + ":v]overlay=enable='gte(t," +
             std::to_string(spec.backgrounds[i].second) + ")'[b" + std::to_string(i) + "];";
  // A moving box (clear of the captions) so the picture is never static.
  std::string last = "b" + std::to_string(bgCount - 1);
  graph += "[" + last + "]drawbox=x='mod(t*60,iw-80)':y=ih*2/3:w=80:h=80:color=white@0.8:t=fill[m0];";
  last = "m0";
  for (size_t i = 0; i < spec.captions.size(); ++i) {
    const Caption& c = spec.captions[i];
    std::ofstream(dir / (spec.id + "-t" + std::to_string(i) + ".txt")) << c.text;
    graph += "[" + last + "]drawtext=fontfile=" + kFonts + c.font +
             ":textfile=" + (dir / (spec.id + "-t" + std::to_string(i) + ".txt")).string() +
             ":fontsize=" + std::to_string(c.size) + ":fontcolor=" + c.colour + ":x=" + c.x + ":y=" + c.y +
             (c.style.empty() ? "" : ":" + c.style) + ":enable='between(t," + std::to_string(c.start) + "," +
             std::to_string(c.end) + ")'[m" + std::to_string(i + 1) + "];";
    last = "m" + std::to_string(i + 1);
  }
  graph += "[" + last + "]null[vout];";
  std::vector<std::string> audioInputs;
  if (!spec.voice.empty()) {
    const auto wav = dir / (spec.id + "-speech.wav");
    auto run =
        runProcess({"espeak-ng", "-v", spec.voice, "-p", spec.pitch, "-s", "150", "-w", wav.string(), spec.line});
    ASSERT_TRUE(run && run->exitCode == 0);
    args.insert(args.end(), {"-i", wav.string()});
    graph += "[" + std::to_string(input++) +
             ":a]adelay=600|600,aresample=44100,volume=" + std::to_string(spec.speechGain) + ",apad[sp];";
    audioInputs.push_back("[sp]");
  }
  if (!spec.voice2.empty()) {
    const auto wav = dir / (spec.id + "-speech2.wav");
    auto run =
        runProcess({"espeak-ng", "-v", spec.voice2, "-p", spec.pitch2, "-s", "165", "-w", wav.string(), spec.line2});
    ASSERT_TRUE(run && run->exitCode == 0);
    args.insert(args.end(), {"-i", wav.string()});
    const std::string delay = std::to_string(int(spec.secondStart * 1000));
    graph += "[" + std::to_string(input++) + ":a]adelay=" + delay + "|" + delay +
             ",aresample=44100,volume=" + std::to_string(spec.speechGain) + ",apad[sp2];";
    audioInputs.push_back("[sp2]");
  }
  if (spec.bed == "music") {
    args.insert(args.end(), {"-f", "lavfi", "-i", musicSource(spec.seconds)});
    args.insert(args.end(),
                {"-f", "lavfi", "-i",
                 "anoisesrc=seed=11:color=pink:amplitude=" + std::string(spec.background == "life" ? "0.08" : "0.03") +
                     ":r=44100:d=" + std::to_string(spec.seconds)});
    graph += "[" + std::to_string(input) + ":a][" + std::to_string(input + 1) + ":a]amix=inputs=2:normalize=0[bed];";
    input += 2;
    audioInputs.push_back("[bed]");
  } else if (spec.bed == "noise") {
    args.insert(args.end(), {"-f", "lavfi", "-i",
                             "anoisesrc=seed=12:color=pink:amplitude=0.05:r=44100:d=" + std::to_string(spec.seconds)});
    graph += "[" + std::to_string(input++) + ":a]anull[bed];";
    audioInputs.push_back("[bed]");
  }
  if (audioInputs.empty()) {
    args.insert(args.end(), {"-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono"});
    audioInputs.push_back("[" + std::to_string(input++) + ":a]");
  }
  for (const auto& a : audioInputs) graph += a;
  graph += "amix=inputs=" + std::to_string(audioInputs.size()) + ":normalize=0:duration=longest[aout]";
  args.insert(args.end(), {"-filter_complex", graph, "-map", "[vout]", "-map", "[aout]", "-t",
                           std::to_string(spec.seconds), "-c:v", "libx264", "-preset", "veryfast", "-g", "60", "-c:a",
                           "aac", "-b:a", "96k", (dir / (spec.id + ".tmp.mp4")).string()});
  runFfmpeg(args);
  std::filesystem::rename(dir / (spec.id + ".tmp.mp4"), out);
}

}  // namespace

std::vector<VariantClip> variantCorpus(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  const std::string outline = "borderw=2:bordercolor=black";
  const std::string box = "box=1:boxcolor=black@0.65:boxborderw=10";
  const std::string shadow = "shadowx=3:shadowy=3:shadowcolor=black";
  const std::vector<Spec> specs = {
      {"var-01-serif-yellow",
       720,
       1280,
       8,
       {{"0x203040", 0}, {"0x806020", 4.2}},
       {{"Fresh Bread Daily", "liberation/LiberationSerif-Bold.ttf", "yellow", outline, 56, "60", "180", 0.3, 7.7}},
       "en-gb+m1",
       "50",
       "We bake fresh bread every morning before the sun comes up.",
       "male",
       "music"},
      {"var-02-mono-box",
       360,
       640,
       7,
       {{"0xd0d0c0", 0}},
       {{"CODE REVIEW", "liberation/LiberationMono-Bold.ttf", "white", box, 30, "(w-text_w)/2", "h-120", 0.5, 6.5}},
       "en-us+f2",
       "60",
       "Today I will show you how to review a pull request quickly.",
       "female",
       ""},
      {"var-03-cyan-music",
       540,
       960,
       8,
       {{"0x101010", 0}, {"0x3050a0", 3.0}, {"0x905030", 5.6}},
       {{"CHILL BEATS", "dejavu/DejaVuSerif-Bold.ttf", "cyan", shadow, 40, "(w-text_w)/2", "(h-text_h)/2", 0.5, 7.5}},
       "",
       "",
       "",
       "",
       "music"},
      {"var-04-noise-bed",
       360,
       640,
       7,
       {{"0x405060", 0}},
       {},
       "en+f3",
       "55",
       "The wind is very strong today, so hold on to your hat.",
       "female",
       "noise"},
      {"var-05-two-lines",
       720,
       1280,
       8,
       {{"0x602040", 0}, {"0x206040", 4.0}},
       {{"Morning Run", "liberation/LiberationSans-Bold.ttf", "white", outline, 64, "80", "300", 0.4, 3.8},
        {"5 km done", "liberation/LiberationSans-Regular.ttf", "orange", outline, 60, "120", "h-300", 4.2, 7.6}},
       "en-us+m7",
       "45",
       "I just finished my morning run. Five kilometres before breakfast.",
       "male",
       "music"},
      {"var-06-plain-female",
       480,
       854,
       6,
       {{"0xf0e0d0", 0}},
       {{"Quick Tip", "dejavu/DejaVuSans.ttf", "black", "", 36, "30", "60", 0.3, 5.7}},
       "en-us+f4",
       "65",
       "Drink a glass of water as soon as you wake up.",
       "female",
       ""},
      // A busy moving pattern behind plain text with a shadow; two speakers over music with more noise.
      {"var-07-busy-duet",
       720,
       1280,
       9,
       {{"#101030", 0}},
       {{"Road Trip Day 2", "dejavu/DejaVuSansCondensed-Bold.ttf", "white", shadow + ":box=1:boxcolor=black@0.35", 48,
         "(w-text_w)/2", "140", 0.3, 8.7}},
       "en-gb+m2",
       "40",
       "We drove for six hours today.",
       "male",
       "music",
       "life",
       1.0,
       "en-us+f1",
       "70",
       "And tomorrow we reach the coast!",
       "female",
       4.6},
      // Quiet speech (about -20 dB), small condensed text near the top edge, no music.
      {"var-08-quiet-voice",
       480,
       854,
       7,
       {{"0x2a2a2a", 0}, {"0x4a2a5a", 3.5}},
       {{"how i study", "liberation/LiberationSansNarrow-Bold.ttf", "0xffe0a0", outline, 30, "24", "24", 0.3, 6.7}},
       "en-us+m4",
       "45",
       "I study for fifty minutes and then I take a short break.",
       "male",
       "",
       "color",
       0.12},
  };
  std::vector<VariantClip> clips;
  for (const auto& spec : specs) {
    generate(spec, dir);
    VariantClip clip;
    clip.id = spec.id;
    clip.media = dir / (spec.id + ".mp4");
    for (const auto& c : spec.captions) clip.ocr.push_back(c.text);
    clip.music = spec.bed == "music";
    if (!spec.gender.empty()) clip.genders.push_back(spec.gender);
    if (!spec.gender2.empty()) clip.genders.push_back(spec.gender2);
    for (size_t i = 1; i < spec.backgrounds.size(); ++i) clip.sceneChanges.push_back(spec.backgrounds[i].second);
    clips.push_back(clip);
  }
  return clips;
}

}  // namespace ugc::test
