#include "demo/demo_script.h"

namespace ugc::demo {
namespace {

// A small deterministic generator: std::uniform_*_distribution differs between
// standard libraries, and the corpus must be the same everywhere for a seed.
class SplitMix {
 public:
  explicit SplitMix(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double uniform(double lo, double hi) { return lo + (hi - lo) * double(next() >> 11) / double(1ULL << 53); }

 private:
  uint64_t state_;
};

Scene scene(const char* shortName, uint32_t c0, uint32_t c1, double start) {
  return Scene{std::string("a ") + shortName + " backdrop", shortName, c0, c1, start};
}

}  // namespace

const char* musicStyleName(MusicStyle style) {
  switch (style) {
    case MusicStyle::None: return "";
    case MusicStyle::Soothing: return "Soothing";
    case MusicStyle::Exciting: return "Exciting";
    case MusicStyle::Sad: return "Sad";
    case MusicStyle::Cheerful: return "Cheerful";
  }
  return "";
}

const char* voiceGender(Voice voice) { return voice == Voice::Male ? "male" : "female"; }

std::vector<ClipScript> demoScripts(uint32_t seed) {
  SplitMix rng(seed);
  auto jitter = [&rng](double value, double spread) { return value + rng.uniform(-spread, spread); };
  const auto M = Voice::Male;
  const auto F = Voice::Female;
  std::vector<ClipScript> clips;

  clips.push_back({"demo-01-city-tips", "a quick travel guide with tips for exploring a city", 8,
                   {scene("blue and purple gradient", 0x1e3a8a, 0x7c3aed, 0),
                    scene("orange and yellow gradient", 0xea580c, 0xfacc15, 4.0)},
                   {{"square", "red", 0xdc2626, 70, 70, Motion::LeftToRight, 0.2, jitter(0.5, 0.05)}},
                   {{"TOP 3 CITY TIPS", 0.3, 3.8, Placement::Top, 34}, {"WALK EVERYWHERE", 4.2, 7.8, Placement::Bottom, 32}},
                   {{F, "Here are my three favourite tips for exploring a new city.", 0.4},
                    {F, "First, walk everywhere you can.", 4.3}},
                   MusicStyle::Cheerful, false, true, "Positive", "Narration"});

  clips.push_back({"demo-02-pasta-recipe", "a short cooking tutorial for a simple pasta dish", 8,
                   {scene("green and teal gradient", 0x166534, 0x0d9488, 0)},
                   {{"rectangle", "yellow", 0xfacc15, 140, 50, Motion::Static, 0.5, jitter(0.55, 0.05)}},
                   {{"EASY PASTA RECIPE", 0.5, 7.5, Placement::Top, 32}},
                   {{M, "Boil the pasta for ten minutes, then add the tomato sauce.", 0.6},
                    {M, "Stir it well and serve it warm.", 4.6}},
                   MusicStyle::None, false, true, "Neutral", "Narration"});

  clips.push_back({"demo-03-weekend-chat", "two friends chatting about their weekend plans", 10,
                   {scene("pink and red gradient", 0xdb2777, 0xb91c1c, 0)},
                   {{"square", "white", 0xf8fafc, 60, 60, Motion::Static, 0.3, 0.6},
                    {"square", "black", 0x111827, 60, 60, Motion::Static, 0.7, 0.6}},
                   {{"WEEKEND PLANS", 0.3, 9.7, Placement::Top, 34}},
                   {{F, "What are you doing this weekend?", 0.4},
                    {M, "I am going hiking in the mountains. Do you want to come?", 2.6},
                    {F, "Yes, that sounds wonderful!", 6.6}},
                   MusicStyle::None, false, true, "Positive", "In-Video Voice"});

  clips.push_back({"demo-04-relax-loop", "a calming ambient loop meant for relaxation", 9,
                   {scene("teal and blue gradient", 0x0f766e, 0x1d4ed8, 0),
                    scene("purple and pink gradient", 0x6d28d9, 0xdb2777, 3.0),
                    scene("dark blue gradient", 0x0f172a, 0x1e40af, 6.0)},
                   {{"bar", "white", 0xf1f5f9, 200, 24, Motion::UpDown, 0.5, 0.3}},
                   {{"RELAX", 0.5, 8.5, Placement::Center, 44}},
                   {},
                   MusicStyle::Soothing, false, true, "Neutral", ""});

  clips.push_back({"demo-05-silent-boxes", "a silent animation of moving shapes", 7,
                   {scene("grey and blue gradient", 0x475569, 0x1e3a8a, 0)},
                   {{"square", "green", 0x16a34a, 70, 70, Motion::LeftToRight, 0.2, jitter(0.35, 0.05)},
                    {"square", "orange", 0xf97316, 70, 70, Motion::RightToLeft, 0.8, jitter(0.65, 0.05)}},
                   {{"NO SOUND", 0.5, 6.5, Placement::Bottom, 34}},
                   {},
                   MusicStyle::None, false, true, "Neutral", ""});

  clips.push_back({"demo-06-no-audio", "a short animated title card without sound", 6,
                   {scene("yellow and green gradient", 0xca8a04, 0x15803d, 0)},
                   {{"rectangle", "blue", 0x2563eb, 120, 60, Motion::UpDown, 0.5, 0.4}},
                   {{"SUMMER SALE", 0.3, 5.7, Placement::Top, 36}},
                   {},
                   MusicStyle::None, false, false, "Neutral", ""});

  clips.push_back({"demo-07-lost-dog", "a sad personal story about a lost pet", 9,
                   {scene("dark grey gradient", 0x1f2937, 0x374151, 0)},
                   {{"rectangle", "brown", 0x92400e, 100, 70, Motion::Static, 0.5, jitter(0.55, 0.04)}},
                   {{"I LOST MY DOG", 0.5, 8.5, Placement::Top, 34}},
                   {{F, "Yesterday my dog ran away and I cannot find him anywhere.", 0.6},
                    {F, "I miss him so much.", 5.2}},
                   MusicStyle::Sad, false, true, "Negative", "Narration"});

  clips.push_back({"demo-08-game-day", "a hype video for a basketball game", 8,
                   {scene("red and orange gradient", 0xb91c1c, 0xf97316, 0),
                    scene("black and red gradient", 0x0a0a0a, 0x991b1b, 4.5)},
                   {{"square", "orange", 0xfb923c, 60, 60, Motion::UpDown, 0.5, 0.5}},
                   {{"GAME DAY", 0.2, 4.3, Placement::Center, 44}, {"LETS GO", 4.7, 7.8, Placement::Center, 44}},
                   {{M, "It is game day! Get ready for the biggest match of the season!", 0.5}},
                   MusicStyle::Exciting, true, true, "Positive", "Narration"});

  clips.push_back({"demo-09-phone-review", "a plain product review of a phone", 8,
                   {scene("light grey gradient", 0x9ca3af, 0xe5e7eb, 0)},
                   {{"rectangle", "black", 0x111111, 90, 160, Motion::Static, 0.5, 0.55},
                    {"square", "blue", 0x1d4ed8, 50, 50, Motion::Static, jitter(0.2, 0.03), 0.8}},
                   {},
                   {{F, "This phone has a bright screen and the battery lasts all day.", 0.5},
                    {F, "The camera is average for the price.", 4.6}},
                   MusicStyle::None, false, true, "Neutral", "Narration"});

  clips.push_back({"demo-10-desk-setup", "a tutorial on tidying a desk setup", 10,
                   {scene("beige and brown gradient", 0xd6d3d1, 0x78716c, 0),
                    scene("white and grey gradient", 0xf5f5f4, 0x6b7280, 5.0)},
                   {{"rectangle", "grey", 0x4b5563, 160, 40, Motion::Static, 0.5, 0.7}},
                   {{"STEP ONE", 0.5, 3.0, Placement::Top, 34},
                    {"STEP TWO", 3.5, 6.5, Placement::Top, 34},
                    {"DONE", 7.0, 9.5, Placement::Top, 40}},
                   {{M, "Step one, clear everything off the desk.", 0.6},
                    {M, "Step two, put back only what you use every day.", 3.7}},
                   MusicStyle::Soothing, false, true, "Neutral", "Narration"});

  clips.push_back({"demo-11-store-opening", "an announcement of a new store opening", 8,
                   {scene("purple and blue gradient", 0x7e22ce, 0x2563eb, 0)},
                   {{"square", "gold", 0xeab308, 80, 80, Motion::RightToLeft, 0.8, jitter(0.5, 0.05)}},
                   {{"GRAND OPENING", 0.4, 7.6, Placement::Bottom, 34}},
                   {{F, "Our new store opens this Saturday. Everyone gets a free gift!", 0.5}},
                   MusicStyle::None, true, true, "Positive", "Narration"});

  clips.push_back({"demo-12-bad-service", "a customer complaining about poor service", 8,
                   {scene("dark red gradient", 0x450a0a, 0x7f1d1d, 0)},
                   {{"rectangle", "white", 0xf8fafc, 80, 120, Motion::Static, 0.5, 0.5}},
                   {},
                   {{M, "I waited two hours and nobody helped me. This is terrible service.", 0.5}},
                   MusicStyle::None, false, true, "Negative", "In-Video Voice"});

  clips.push_back({"demo-13-birthday", "two people sending birthday wishes", 9,
                   {scene("pink and yellow gradient", 0xf472b6, 0xfde047, 0),
                    scene("sky blue gradient", 0x38bdf8, 0x0ea5e9, 4.5)},
                   {{"square", "pink", 0xec4899, 60, 60, Motion::LeftToRight, 0.2, 0.3},
                    {"square", "green", 0x22c55e, 60, 60, Motion::LeftToRight, 0.2, 0.75}},
                   {{"HAPPY BIRTHDAY", 0.3, 8.7, Placement::Center, 34}},
                   {{M, "Happy birthday, Anna!", 0.5}, {F, "We hope you have a wonderful day!", 2.6}},
                   MusicStyle::Cheerful, false, true, "Positive", "Out-Video Voice"});

  clips.push_back({"demo-14-countdown", "a countdown animation with beeps", 7,
                   {scene("black and grey gradient", 0x000000, 0x374151, 0)},
                   {{"bar", "red", 0xef4444, 220, 20, Motion::LeftToRight, 0.3, 0.8}},
                   {{"THREE", 0.5, 2.3, Placement::Center, 48},
                    {"TWO", 2.5, 4.3, Placement::Center, 48},
                    {"ONE", 4.5, 6.5, Placement::Center, 48}},
                   {},
                   MusicStyle::None, true, true, "Neutral", ""});
  return clips;
}

}  // namespace ugc::demo
