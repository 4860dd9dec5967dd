#pragma once
// The parameters of each demo clip: what is seen, heard and written on screen.
// The ground truth and the media are both derived from these, so they agree.

#include <cstdint>
#include <string>
#include <vector>

namespace ugc::demo {

enum class Voice { Male, Female };
enum class MusicStyle { None, Soothing, Exciting, Sad, Cheerful };
enum class Motion { Static, LeftToRight, RightToLeft, UpDown };
enum class Placement { Top, Center, Bottom };

struct Scene {
  std::string description;  // "a blue and purple gradient backdrop"
  std::string shortName;    // "blue and purple gradient"
  uint32_t color0 = 0;
  uint32_t color1 = 0;
  double start = 0;         // seconds; ends where the next scene starts
};

struct Shape {
  std::string category;  // "square", "rectangle", "bar"
  std::string colorName;
  uint32_t color = 0;
  int width = 60;
  int height = 60;
  Motion motion = Motion::Static;
  double x = 0.5;  // centre, as a fraction of the frame (start position when moving)
  double y = 0.5;
};

struct TextOverlay {
  std::string text;
  double start = 0;
  double end = 0;
  Placement placement = Placement::Top;
  int fontSize = 32;
};

struct Utterance {
  Voice voice = Voice::Female;
  std::string text;
  double start = 0;  // earliest start; pushed later if the previous line is still speaking
};

struct ClipScript {
  std::string id;
  std::string topic;  // the theme, as the final caption states it
  double duration = 8;
  std::vector<Scene> scenes;
  std::vector<Shape> shapes;
  std::vector<TextOverlay> texts;
  std::vector<Utterance> lines;
  MusicStyle music = MusicStyle::None;
  bool beeps = false;        // short sound effects
  bool audioStream = true;   // false: the file has no audio stream at all
  std::string tone = "Neutral";         // Positive / Negative / Neutral (of the speakers)
  std::string voiceSource = "Narration";  // Narration / In-Video Voice / Out-Video Voice
};

// The demo clips; the seed varies object placement and melodies, not the content.
std::vector<ClipScript> demoScripts(uint32_t seed);

const char* musicStyleName(MusicStyle style);  // "Soothing", ..., "" for None
const char* voiceGender(Voice voice);          // "male" / "female"

}  // namespace ugc::demo
