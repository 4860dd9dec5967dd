#include "annotation/template_caption.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

namespace ugc::annotation {
namespace {

std::string trim(std::string_view text) {
  const auto isSpace = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && isSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && isSpace(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool startsWithVowelSound(std::string_view word) {
  if (word.empty()) return false;
  const char c = char(std::tolower(static_cast<unsigned char>(word.front())));
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' ||
         (c == 'u' && !word.starts_with("uni") && !word.starts_with("use"));
}

// "Person" -> "person", but "TV" and "iPhone" stay: only a capital followed by a lower-case letter.
std::string lowerFirst(std::string text) {
  if (text.size() >= 2 && std::isupper(static_cast<unsigned char>(text[0])) &&
      std::islower(static_cast<unsigned char>(text[1])))
    text[0] = char(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

std::string upperFirst(std::string text) {
  if (!text.empty()) text[0] = char(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

// A sentence ends with exactly one terminal mark.
std::string asSentence(std::string text) {
  text = trim(text);
  if (text.empty()) return text;
  const char last = text.back();
  if (last != '.' && last != '!' && last != '?' && last != '"' && last != '\'') text += '.';
  return text;
}

// "a", "b" and "c".
std::string joinList(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::string numberWord(int n) {
  static const char* kWords[] = {"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
  return n >= 0 && n <= 10 ? kWords[n] : std::to_string(n);
}

std::string pluralOf(const std::string& noun) {
  static const std::pair<const char*, const char*> kIrregular[] = {
      {"person", "people"}, {"man", "men"},    {"woman", "women"}, {"child", "children"}, {"foot", "feet"},
      {"tooth", "teeth"},   {"mouse", "mice"}, {"leaf", "leaves"}, {"knife", "knives"},   {"shelf", "shelves"}};
  const std::string low = lower(noun);
  for (const auto& [singular, plural] : kIrregular) {
    if (low == singular) return plural;
    const std::string suffix = std::string(" ") + singular;
    if (low.size() > suffix.size() && low.ends_with(suffix))
      return noun.substr(0, noun.size() - std::string(singular).size()) + plural;
  }
  if (low.empty() || low.ends_with("s") || low.ends_with("people")) return noun;
  if (low.ends_with("x") || low.ends_with("z") || low.ends_with("ch") || low.ends_with("sh")) return noun + "es";
  if (low.size() >= 2 && low.back() == 'y' && !startsWithVowelSound(low.substr(low.size() - 2, 1)))
    return noun.substr(0, noun.size() - 1) + "ies";
  return noun + "s";
}

bool isUnknownValue(const std::string& value) {
  const std::string v = lower(trim(value));
  return v.empty() || v == "n/a" || v == "na" || v == "none" || v == "unknown" || v == "-";
}

// The count as the determiner of the noun phrase, and whether the noun is plural.
std::pair<std::string, bool> determiner(const std::string& count, const std::string& noun) {
  std::string c = trim(count);
  c.erase(std::remove(c.begin(), c.end(), '"'), c.end());
  if (isUnknownValue(c) || c == "1") return {startsWithVowelSound(noun) ? "an" : "a", false};
  const bool numeric = !c.empty() && std::all_of(c.begin(), c.end(),
                                                 [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); });
  if (numeric) {
    const int n = c.size() > 6 ? 1000000 : std::stoi(c);
    if (n == 0) return {"no", true};
    if (n == 1) return {startsWithVowelSound(noun) ? "an" : "a", false};
    return {numberWord(n), true};
  }
  const std::string l = lower(c);
  if (l.starts_with("mult") || l.starts_with("muit") || l == "many" || l == "numerous" || l == "several")
    return {"multiple", true};
  return {l, true};
}

bool startsWithPreposition(const std::string& phrase) {
  static const std::set<std::string> kPrepositions = {
      "on",      "in",     "at",    "behind", "under",   "above",   "below",      "beside", "near",    "inside",
      "next",    "to",     "along", "around", "across",  "between", "outside",    "over",   "worn",    "held",
      "against", "within", "by",    "from",   "through", "among",   "underneath", "atop",   "beneath", "throughout"};
  const auto space = phrase.find(' ');
  return kPrepositions.count(lower(phrase.substr(0, space))) > 0;
}

// "hanging on the wall", "placed on the desk": a participle already reads as a position.
bool startsWithParticiple(const std::string& phrase) {
  const std::string first = lower(phrase.substr(0, phrase.find(' ')));
  return first == "hang" || (first.size() > 4 && (first.ends_with("ing") || first.ends_with("ed")));
}

std::string positionPhrase(const std::string& position) {
  std::string p = lowerFirst(trim(position));
  if (isUnknownValue(p)) return "";
  const std::string low = lower(p);
  if (low == "outdoor" || low == "outdoors" || low == "outside") return "outdoors";
  if (low == "indoor" || low == "indoors" || low == "inside") return "indoors";
  if (startsWithPreposition(p) || startsWithParticiple(p)) return p;
  if (lower(p).starts_with("the ")) return "in " + p;
  if (lower(p).starts_with("front")) return "in " + p;
  return "in the " + p;
}

std::string objectPhrase(const ObjectEntry& object) {
  if (!object.raw.empty()) return trim(object.raw);
  std::string noun = lowerFirst(trim(object.category));
  if (noun.empty()) return "";
  std::string color;
  if (!isUnknownValue(object.color)) {  // "black,green" / "black/green" -> "black and green"
    std::vector<std::string> colors;
    std::string all = lower(trim(object.color));
    std::replace(all.begin(), all.end(), '/', ',');
    for (size_t start = 0; start <= all.size();) {
      const size_t comma = std::min(all.find(',', start), all.size());
      if (auto c = trim(std::string_view(all).substr(start, comma - start)); !c.empty()) colors.push_back(c);
      start = comma + 1;
    }
    color = joinList(colors);
  }
  auto [det, plural] = determiner(object.count, color.empty() ? noun : color);
  std::string phrase = det + " " + (color.empty() ? "" : color + " ") + (plural ? pluralOf(noun) : noun);
  if (const std::string where = positionPhrase(object.position); !where.empty()) phrase += " " + where;
  return phrase;
}

std::string genderWord(const std::string& gender) {
  const std::string g = lower(trim(gender));
  if (g == "male" || g == "man" || g == "m") return "male";
  if (g == "female" || g == "woman" || g == "f") return "female";
  return g;
}

// "a male speaker", "two speakers, a male and a female", "three male speakers"; empty when the fields
// say nothing about who talks.
std::string speakersPhrase(const AudioFields& fields) {
  std::vector<std::string> genders;
  for (const auto& g : fields.speakerGenders)
    if (auto w = genderWord(g); !w.empty() && w != "unknown") genders.push_back(w);
  int count = fields.speakerCount.value_or(int(genders.size()));
  if (count == 0 && !fields.speakerCount && !trim(fields.voiceSource).empty()) count = 1;
  if (count <= 0) return "";
  if (count == 1) {
    const std::string gender = genders.empty() ? "" : genders.front() + " ";
    return "a " + gender + "speaker";
  }
  const bool allSame = !genders.empty() && int(genders.size()) == count &&
                       std::all_of(genders.begin(), genders.end(), [&](const auto& g) { return g == genders.front(); });
  if (allSame) return numberWord(count) + " " + genders.front() + " speakers";
  std::string phrase = numberWord(count) + " speakers";
  if (!genders.empty()) {
    std::vector<std::string> each;
    for (const auto& g : genders) each.push_back((startsWithVowelSound(g) ? "an " : "a ") + g);
    phrase += ", " + joinList(each);
  }
  return phrase;
}

std::string toneWord(const std::string& tone) { return isUnknownValue(tone) ? "" : lower(trim(tone)); }

std::string atmosphereFor(const std::string& tone) {
  if (tone == "positive") return "The overall atmosphere is lively and positive.";
  if (tone == "negative") return "The overall atmosphere is tense and negative.";
  if (tone == "neutral") return "The overall atmosphere is calm and neutral.";
  return "";
}

void append(std::string& out, const std::string& sentence) {
  if (sentence.empty()) return;
  if (!out.empty()) out += ' ';
  out += sentence;
}

}  // namespace

std::string audioTemplateCaption(const AudioFields& fields) {
  std::string out;
  const std::string tone = toneWord(fields.tone);
  const std::string language = trim(fields.language);
  const std::string speakers = speakersPhrase(fields);
  const std::string music = lower(trim(fields.backgroundMusic));
  const bool hasMusic = music == "yes" || music == "true";
  const bool noMusic = music == "no" || music == "false";
  std::string style = lower(trim(fields.musicStyle));
  if (style == "other" || isUnknownValue(style)) style.clear();

  if (!speakers.empty()) {
    std::string first = "The audio features " + speakers;
    if (!tone.empty()) first += " with a " + tone + " tone";
    if (!language.empty()) first += ", speaking in " + language;
    append(out, first + ".");
  } else if (fields.speakerCount && *fields.speakerCount == 0) {
    append(out, hasMusic ? "The audio consists of " + (style.empty() ? std::string() : style + " ") +
                               "background music without any human speech."
                         : "There is no human speech in the audio.");
  } else if (!tone.empty()) {
    append(out, "The audio has a " + tone + " tone" + (language.empty() ? "" : ", in " + language) + ".");
  } else if (!language.empty()) {
    append(out, "The audio is in " + language + ".");
  }

  const std::string source = lower(trim(fields.voiceSource));
  if (source == "narration")
    append(out, "The voice is a narration over the video.");
  else if (source == "in-video voice")
    append(out, "The voice comes from a person speaking in the video.");
  else if (source == "out-video voice")
    append(out, "The voice comes from someone who is not in the video.");

  const bool musicOnly = fields.speakerCount && *fields.speakerCount == 0;
  if (hasMusic && !musicOnly)
    append(out, "There is " + (style.empty() ? std::string() : style + " ") +
                    "background music playing throughout the audio.");
  else if (noMusic)
    append(out, "There is no background music present.");

  append(out, atmosphereFor(tone));
  return out;
}

std::string visualTemplateCaption(const VisualFields& fields) {
  std::string out;
  if (std::string background = trim(fields.background); !isUnknownValue(background)) {
    while (!background.empty() && background.back() == '.') background.pop_back();
    const std::string low = lower(background);
    const bool hasPreposition = startsWithPreposition(background);
    const bool hasArticle = low.starts_with("a ") || low.starts_with("an ") || low.starts_with("the ");
    append(out,
           "The video takes place " +
               (hasPreposition ? lowerFirst(background)
                               : "in " + (hasArticle ? lowerFirst(background)
                                                     : std::string(startsWithVowelSound(background) ? "an " : "a ") +
                                                           lowerFirst(background))) +
               ".");
  }

  std::vector<std::string> objects;
  for (const auto& object : fields.objects)
    if (auto phrase = objectPhrase(object); !phrase.empty()) objects.push_back(phrase);
  if (!objects.empty()) append(out, "The video features " + joinList(objects) + ".");

  if (std::string motion = trim(fields.motion); !isUnknownValue(motion)) {
    if (motion.find(' ') != std::string::npos)
      append(out, asSentence("In the video, " + lowerFirst(motion)));
    else
      append(out, "The main motion in the video is " + lower(motion) + ".");
  }

  if (fields.backgroundChanges == true) {
    const std::string change = trim(fields.backgroundChange);
    append(out, isUnknownValue(change) ? "The background changes during the video." : upperFirst(asSentence(change)));
  } else if (fields.backgroundChanges == false) {
    append(out, "The background remains the same throughout the video.");
  }

  std::vector<std::string> lines;
  std::set<std::string> seen;
  for (const auto& raw : fields.ocrLines) {
    std::string line = raw;
    std::replace(line.begin(), line.end(), '\n', ' ');
    line = trim(line);
    if (line.empty() || !seen.insert(line).second) continue;
    lines.push_back("\"" + line + "\"");
  }
  if (!lines.empty()) append(out, "The text on the screen reads " + joinList(lines) + ".");
  return out;
}

std::string concatenateCaptions(std::string_view audioCaption, std::string_view visualCaption) {
  std::string out = trim(visualCaption);
  append(out, trim(audioCaption));
  return out;
}

std::string jointTemplateCaption(const AudioFields& audio, const VisualFields& visual) {
  return concatenateCaptions(audioTemplateCaption(audio), visualTemplateCaption(visual));
}

}  // namespace ugc::annotation
