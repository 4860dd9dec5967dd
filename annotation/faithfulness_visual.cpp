// The faithfulness checker's visual rules: objects and counts, colours, people and genders,
// scene words and cuts (docs/workflow.md, "Faithfulness checker").

#include <algorithm>
#include <optional>

#include "annotation/faithfulness_rules.h"

namespace ugc::annotation::faithfulness_rules {
namespace {

using faithfulness_text::asciiLower;
using faithfulness_text::singular;

// Concrete things a caption names and an object list or detector can confirm (singular). The
// COCO classes a detector knows and the frequent categories of release-dev's object.json; words
// that are mostly not things in captions ("light", "glass", "screen", "stage", "ring", "fan",
// "orange", "board", "card") are left out.
constexpr std::string_view kObjectWords[] = {
    "bicycle", "bike", "car", "motorcycle", "motorbike", "airplane", "plane", "bus", "train", "truck", "boat",
    "traffic light", "fire hydrant", "stop sign", "bench", "bird", "cat", "dog", "horse", "sheep", "cow",
    "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella", "handbag", "suitcase", "frisbee", "ball",
    "kite", "baseball bat", "skateboard", "surfboard", "tennis racket", "bottle", "wine glass", "cup", "mug",
    "fork", "knife", "spoon", "bowl", "banana", "apple", "sandwich", "broccoli", "carrot", "hot dog", "pizza",
    "donut", "cake", "chair", "couch", "sofa", "potted plant", "plant", "bed", "dining table", "table", "toilet",
    "tv", "television", "laptop", "keyboard", "cell phone", "mobile phone", "smartphone", "phone", "microwave",
    "oven", "toaster", "sink", "refrigerator", "fridge", "book", "clock", "vase", "scissors", "teddy bear",
    "toothbrush", "wall", "door", "lamp", "desk", "cabinet", "floor", "tree", "window", "house", "microphone",
    "pillow", "carpet", "rug", "shelf", "curtain", "building", "computer", "monitor", "mirror", "hat", "cap",
    "glasses", "sunglasses", "blanket", "seat", "hoodie", "plate", "quilt", "ceiling", "mural", "basketball",
    "football", "soccer ball", "necklace", "staircase", "stairs", "doll", "headphones", "headphone", "bag",
    "podium", "shirt", "t-shirt", "guardrail", "railing", "storage rack", "rack", "gloves", "glove", "painting",
    "picture", "photo", "photograph", "poster", "flower", "photo frame", "chandelier", "shoe", "air conditioner",
    "christmas tree", "pillar", "box", "fence", "trash can", "stool", "trophy", "piano", "guitar", "drum",
    "cushion", "trolley", "cart", "basketball hoop", "balloon", "statue", "basket", "blackboard", "whiteboard",
    "counter", "steering wheel", "earring", "rope", "jewelry", "nameplate", "charger", "fishing rod", "roof",
    "toy", "candle", "camera", "jacket", "dress", "sweater", "helmet", "bracelet", "pot", "pan", "jar",
    "tablet", "pen", "notebook", "bucket", "towel", "bathtub", "stove", "kettle", "flag", "tent", "wheel"};
// Same thing, one name.
constexpr std::pair<std::string_view, std::string_view> kObjectSynonyms[] = {
    {"couch", "sofa"},       {"television", "tv"},     {"fridge", "refrigerator"}, {"cell phone", "phone"},
    {"mobile phone", "phone"}, {"smartphone", "phone"}, {"motorbike", "motorcycle"}, {"airplane", "plane"},
    {"rug", "carpet"},       {"photograph", "photo"},  {"t-shirt", "shirt"},       {"bike", "bicycle"},
    {"mug", "cup"},          {"headphone", "headphones"}, {"glove", "gloves"},     {"potted plant", "plant"},
    {"dining table", "table"}, {"stairs", "staircase"}, {"trolley", "cart"}};

constexpr std::string_view kColourWords[] = {"red", "blue", "green", "yellow", "orange", "purple", "pink", "brown",
                                             "black", "white", "gray", "grey", "beige", "turquoise", "violet",
                                             "maroon", "navy", "silver", "gold", "golden", "cyan", "teal",
                                             "colorful", "colourful", "multicolored", "multicoloured", "khaki"};
// Fact colours that fit any colour word ("colorful" objects are red and blue).
constexpr std::string_view kAnyColour[] = {"colorful", "multicolored", "various", "multiple", "mixed"};

constexpr std::string_view kStopWords[] = {"the", "a", "an", "this", "that", "these", "those", "his", "her",
                                           "their", "its", "on", "in", "at", "with", "and", "or", "is", "are",
                                           "was", "were", "to", "from", "by", "of", "as", "while", "who", "which"};
// Words between a colour and its noun that are not the noun ("white on-screen text").
constexpr std::string_view kNounPhraseAdjectives[] = {
    "on-screen", "onscreen", "bold", "large", "small", "big", "little", "bright", "pale", "deep", "tall",
    "long", "short", "round", "wooden", "plastic", "metal", "metallic", "striped", "plain", "solid", "thick",
    "thin", "shiny", "old", "new", "dark", "light", "soft"};
constexpr std::string_view kCopulas[] = {"is", "are", "was", "were", "appears", "appear", "looks", "look"};

constexpr std::string_view kMaleWords[] = {"man", "boy", "guy", "gentleman", "male", "father", "dad", "husband",
                                           "son", "brother", "grandfather", "boyfriend", "he"};
constexpr std::string_view kFemaleWords[] = {"woman", "girl", "lady", "female", "mother", "mom", "mum", "wife",
                                             "daughter", "sister", "grandmother", "girlfriend", "she"};
constexpr std::string_view kPersonWords[] = {"person", "individual", "child", "kid", "baby", "toddler", "teenager",
                                             "adult", "crowd", "audience"};
constexpr std::string_view kVoiceNouns[] = {"speaker", "voice", "vocalist", "singer", "narrator", "narration",
                                            "vocals", "speaking", "talking", "says", "sings", "singing",
                                            "speaks", "talks", "voiceover", "voice-over"};

struct SceneWord {
  std::string_view word;
  char place;  // 'i' indoors, 'o' outdoors, '-' either
};
constexpr SceneWord kSceneWords[] = {
    {"room", 'i'},     {"living room", 'i'}, {"bedroom", 'i'},   {"kitchen", 'i'},    {"bathroom", 'i'},
    {"office", 'i'},   {"classroom", 'i'},   {"studio", 'i'},    {"gym", 'i'},        {"restaurant", 'i'},
    {"cafe", 'i'},     {"store", 'i'},       {"shop", 'i'},      {"supermarket", 'i'}, {"mall", 'i'},
    {"hallway", 'i'},  {"corridor", 'i'},    {"garage", 'i'},    {"hospital", 'i'},   {"church", 'i'},
    {"library", 'i'},  {"indoors", 'i'},     {"indoor", 'i'},    {"apartment", 'i'},  {"warehouse", 'i'},
    {"salon", 'i'},    {"elevator", 'i'},    {"lobby", 'i'},     {"basement", 'i'},   {"street", 'o'},
    {"road", 'o'},     {"park", 'o'},        {"beach", 'o'},     {"garden", 'o'},     {"yard", 'o'},
    {"backyard", 'o'}, {"forest", 'o'},      {"woods", 'o'},     {"mountain", 'o'},   {"lake", 'o'},
    {"river", 'o'},    {"sea", 'o'},         {"ocean", 'o'},     {"city", 'o'},       {"parking lot", 'o'},
    {"sidewalk", 'o'}, {"playground", 'o'},  {"farm", 'o'},      {"desert", 'o'},     {"outdoors", 'o'},
    {"outdoor", 'o'},  {"highway", 'o'},     {"countryside", 'o'}, {"village", 'o'},  {"alley", 'o'},
    {"stadium", '-'},  {"arena", '-'},       {"court", '-'},     {"pool", '-'},       {"market", '-'}};
constexpr std::pair<std::string_view, std::string_view> kSceneSynonyms[] = {
    {"shop", "store"}, {"ocean", "sea"}, {"woods", "forest"}, {"indoor", "indoors"}, {"outdoor", "outdoors"},
    {"backyard", "yard"}, {"road", "street"}, {"living room", "room"}, {"bedroom", "room"}};

constexpr std::string_view kCutPhrases[] = {
    "cuts to",        "cut to",          "transitions to",    "transition to",   "switches to",
    "shifts to",      "scene changes",   "scene shifts",      "scene transitions", "scene switches",
    "setting changes", "background changes", "background switches", "location changes", "changes scenes"};
constexpr std::string_view kNoCutPhrases[] = {
    "remains the same", "remains consistent", "remains unchanged", "remains constant", "stays the same",
    "stays consistent", "does not change",    "doesn't change",    "never changes",    "unchanged"};
constexpr std::string_view kNoCutStandalone[] = {"no cuts", "single shot", "one continuous shot", "continuous shot",
                                                 "no scene changes", "no scene change"};
constexpr std::string_view kSceneNouns[] = {"background", "scene", "setting", "location", "environment",
                                            "backdrop", "shot", "room", "surroundings"};

std::string canonical(std::string_view phrase, std::span<const std::pair<std::string_view, std::string_view>> synonyms) {
  for (const auto& [word, canon] : synonyms) {
    if (phrase == word) return std::string(canon);
  }
  return std::string(phrase);
}
std::string canonicalObject(std::string_view phrase) { return canonical(phrase, kObjectSynonyms); }

// "storage racks" -> "storage rack"; its head is "rack".
std::string singularPhrase(std::string_view lowerPhrase) {
  const std::size_t space = lowerPhrase.rfind(' ');
  if (space == std::string_view::npos) return singular(lowerPhrase);
  return std::string(lowerPhrase.substr(0, space + 1)) + singular(lowerPhrase.substr(space + 1));
}
std::string headOf(std::string_view phrase) {
  const std::size_t space = phrase.rfind(' ');
  return std::string(space == std::string_view::npos ? phrase : phrase.substr(space + 1));
}

bool sameObject(std::string_view claimed, std::string_view factCategory) {
  const std::string fact = canonicalObject(singularPhrase(asciiLower(factCategory)));
  const std::string claim = canonicalObject(claimed);
  return claim == fact || claim == canonicalObject(headOf(fact)) || canonicalObject(headOf(claim)) == fact;
}

struct ObjectFact {
  std::string label;  // "object list: sofa (count: 1, color: grey)"
  std::string category;
  std::optional<int> count;  // -1 = "many"
  std::string colour;        // lower-case, empty = unknown
};

std::optional<int> parseFactCount(std::string_view text) {
  const std::string lower = asciiLower(text);
  if (auto n = faithfulness_text::numberWord(lower)) return n;
  static constexpr std::string_view kMany[] = {"many", "multiple", "several", "some", "numerous", "countless",
                                               "lots", "a lot", "a few", "few", "dozens", "more than one"};
  if (isOneOf(lower, kMany)) return -1;
  return std::nullopt;
}

std::string knownColour(std::string_view colour) {
  std::string lower = asciiLower(colour);
  if (lower.empty() || lower == "n/a" || lower == "none" || lower == "unknown") return {};
  return lower;
}

std::vector<ObjectFact> objectFacts(const FaithfulnessFacts& facts) {
  std::vector<ObjectFact> objects;
  if (facts.visual) {
    for (const ObjectEntry& entry : facts.visual->objects) {
      if (entry.category.empty()) continue;
      objects.push_back({"object list: " + entry.category + " (count: " + entry.count + ", color: " + entry.color + ")",
                         entry.category, parseFactCount(entry.count), knownColour(entry.color)});
    }
  }
  if (facts.objects) {
    for (const DetectedObjectFact& detected : *facts.objects) {
      if (detected.confidence < 0.5 || detected.category.empty()) continue;
      std::optional<int> count;
      if (detected.count > 0) count = detected.count;
      objects.push_back({"detected: " + detected.category + (count ? " x" + std::to_string(*count) : std::string()) +
                             (detected.color.empty() ? std::string() : " (" + detected.color + ")"),
                         detected.category, count, knownColour(detected.color)});
    }
  }
  return objects;
}

bool hasObjectFacts(const FaithfulnessFacts& facts) {
  return facts.objects.has_value() || (facts.visual && (!facts.visual->objects.empty() ||
                                                        !facts.visual->background.empty()));
}

// The count a caption gives a noun at word `at`: a number, "several"/"a few" (-1), "a pair of"
// (2), or nothing. Adjectives may stand between ("two small black cups").
std::optional<int> claimedCount(const CheckContext& context, std::size_t at) {
  const auto& words = context.words;
  for (std::size_t back = 1; back <= 3 && back <= at; ++back) {
    const Word& word = words[at - back];
    if (word.inQuote) return std::nullopt;
    if (auto n = faithfulness_text::numberWord(word.lower)) return n;
    static constexpr std::string_view kMany[] = {"several", "multiple", "many", "numerous", "few", "various"};
    if (isOneOf(word.lower, kMany)) return -1;
    if (word.lower == "both") return 2;
    if (word.lower == "of" && back < at) {
      const std::string& before = words[at - back - 1].lower;
      if (before == "pair" || before == "couple") return 2;
      if (before == "group" || before == "lot" || before == "lots" || before == "bunch" || before == "row") return -1;
      return std::nullopt;
    }
    if (isOneOf(word.lower, kStopWords) || word.sentenceStart) return std::nullopt;
  }
  return std::nullopt;
}

std::string countText(int count) { return count < 0 ? "several" : std::to_string(count); }

void judgeObject(const CheckContext& context, const std::string& phrase, std::optional<int> count, Claim& claim) {
  std::vector<const ObjectFact*> matches;
  const std::vector<ObjectFact> objects = objectFacts(context.facts);
  for (const ObjectFact& object : objects) {
    if (sameObject(phrase, object.category)) matches.push_back(&object);
  }
  if (!matches.empty()) {
    claim.reason = matches.front()->label;
    if (!count) {
      claim.verdict = ClaimVerdict::Supported;
      return;
    }
    // The count agrees with one entry of that category, or with all of them together (a list
    // may give "computer" twice: one black, two green).
    std::vector<int> knownCounts;
    int sum = 0;
    bool summable = true;
    for (const ObjectFact* match : matches) {
      if (!match->count) continue;
      knownCounts.push_back(*match->count);
      if (*match->count < 0) summable = false;
      sum += *match->count;
    }
    if (knownCounts.empty()) {
      claim.reason += "; its count is not given";
      return;
    }
    if (summable && knownCounts.size() > 1) knownCounts.push_back(sum);
    const auto agreesWith = [&](int known) {
      return *count < 0 ? (known < 0 || known >= 2) : (known >= 0 ? known == *count : *count >= 2);
    };
    claim.verdict = std::any_of(knownCounts.begin(), knownCounts.end(), agreesWith) ? ClaimVerdict::Supported
                                                                                     : ClaimVerdict::Contradicted;
    return;
  }
  if (context.facts.visual && textHasWord(visualFreeText(context.facts), canonicalObject(phrase))) {
    claim.verdict = count ? ClaimVerdict::Unsupported : ClaimVerdict::Supported;
    claim.reason = count ? "named in the visual fields' text, without a count" : "named in the visual fields' text";
    return;
  }
  claim.reason = hasObjectFacts(context.facts) ? "not among the " + std::to_string(objects.size()) + " listed objects"
                                               : "no object facts";
}

bool isColourWord(std::string_view word) { return isOneOf(word, kColourWords); }

std::string canonicalColour(std::string_view colour) {
  if (colour == "gray") return "grey";
  if (colour == "golden") return "gold";
  if (colour == "sliver" || colour == "slivery" || colour == "silvery") return "silver";
  if (colour == "colourful" || colour == "multicolored" || colour == "multicoloured") return "colorful";
  if (colour == "gray") return "grey";
  return std::string(colour);
}

bool colourFits(std::string_view claimed, std::string_view factColour) {
  const std::string canon = canonicalColour(claimed);
  for (const Word& word : faithfulness_text::splitWords(factColour)) {
    for (std::string_view part : {std::string_view(word.lower)}) {
      std::size_t start = 0;
      while (start <= part.size()) {
        const std::size_t dash = part.find('-', start);
        const std::string_view piece = part.substr(start, dash == std::string_view::npos ? part.size() - start : dash - start);
        if (canonicalColour(piece) == canon || isOneOf(piece, kAnyColour)) return true;
        // Silver and grey are told apart inconsistently ("a silver car", color: grey).
        const std::string other = canonicalColour(piece);
        if ((canon == "silver" && other == "grey") || (canon == "grey" && other == "silver")) return true;
        if (dash == std::string_view::npos) break;
        start = dash + 1;
      }
    }
  }
  return false;
}

// The colour word of `word`, also inside "light-blue" / "blue-and-white"; empty when none.
std::string colourIn(const Word& word) {
  if (isColourWord(word.lower)) return word.lower;
  if (word.lower.find('-') == std::string::npos) return {};
  const std::size_t dash = word.lower.rfind('-');
  const std::string last = word.lower.substr(dash + 1);
  if (isColourWord(last)) return last;
  return {};
}

// The noun a colour word at `at` describes: the next noun after more colours and "and"/"or",
// else for "the sofa is grey" the word before the copula.
std::optional<std::size_t> colouredNoun(const CheckContext& context, std::size_t at) {
  const auto& words = context.words;
  std::size_t next = at + 1;
  while (next < words.size() && !words[next].sentenceStart && !words[next].inQuote &&
         (!colourIn(words[next]).empty() || words[next].lower == "and" || words[next].lower == "or" ||
          words[next].lower == "dark" || words[next].lower == "light")) {
    ++next;
  }
  // The noun phrase after the colours: up to three words with only spaces or hyphens between;
  // its first known object word ("a yellow round pillow"), else its first word ("a white tie").
  std::optional<std::size_t> first;
  for (std::size_t k = next; k < words.size() && k < next + 3 && k <= at + 6; ++k) {
    if (words[k].sentenceStart || words[k].inQuote || isOneOf(words[k].lower, kStopWords)) break;
    const std::string_view gap = context.caption.substr(words[k - 1].end, words[k].begin - words[k - 1].end);
    if (gap.find_first_not_of(" -") != std::string_view::npos) break;
    if (isOneOf(singular(words[k].lower), kObjectWords)) return k;
    if (!first && !isOneOf(words[k].lower, kNounPhraseAdjectives)) first = k;
  }
  if (first) return first;
  if (at >= 2 && isOneOf(words[at - 1].lower, kCopulas) && !isOneOf(words[at - 2].lower, kStopWords)) return at - 2;
  return std::nullopt;
}

void judgeColour(const CheckContext& context, const std::string& colour, const std::string& noun, Claim& claim) {
  const std::vector<ObjectFact> objects = objectFacts(context.facts);
  if (!noun.empty()) {
    bool anyKnown = false;
    for (const ObjectFact& object : objects) {
      if (!sameObject(noun, object.category) || object.colour.empty()) continue;
      anyKnown = true;
      if (colourFits(colour, object.colour)) {
        claim.verdict = ClaimVerdict::Supported;
        claim.reason = object.label;
        return;
      }
      claim.reason = object.label;
    }
    if (anyKnown) {
      claim.verdict = ClaimVerdict::Contradicted;
      return;
    }
  }
  // The fields' text naming the colour near the noun ("a grey sofa" in the main background).
  const std::string freeText = visualFreeText(context.facts);
  const std::vector<Word> textWords = faithfulness_text::splitWords(freeText);
  for (std::size_t i = 0; i < textWords.size(); ++i) {
    if (canonicalColour(textWords[i].lower) != canonicalColour(colour)) continue;
    bool nearNoun = noun.empty();
    for (std::size_t j = i > 3 ? i - 3 : 0; !nearNoun && j < textWords.size() && j <= i + 3; ++j) {
      nearNoun = sameObject(noun, singular(textWords[j].lower)) || singular(textWords[j].lower) == noun;
    }
    if (nearNoun) {
      claim.verdict = ClaimVerdict::Supported;
      claim.reason = "the visual fields' text says \"" + faithfulness_text::shorten(freeText) + "\"";
      return;
    }
  }
  if (noun.empty()) {
    for (const ObjectFact& object : objects) {
      if (!object.colour.empty() && colourFits(colour, object.colour)) {
        claim.verdict = ClaimVerdict::Supported;
        claim.reason = object.label;
        return;
      }
    }
  }
  claim.reason = noun.empty() ? "no fact names the colour " + colour : "no fact gives the colour of the " + noun;
}

// male / female / person, or empty when the word names nobody.
std::string genderOf(const Word& word) {
  std::string lower = word.lower;
  if (lower.starts_with("male-")) return "male";
  if (lower.starts_with("female-")) return "female";
  lower = singular(lower);
  if (lower == "he" || lower == "she") return {};  // pronouns refer back; the noun they refer to is the claim
  if (isOneOf(lower, kMaleWords)) return "male";
  if (isOneOf(lower, kFemaleWords)) return "female";
  if (isOneOf(lower, kPersonWords)) return "person";
  return {};
}

std::string genderOfText(std::string_view text, std::string_view wanted) {
  for (const Word& word : faithfulness_text::splitWords(text)) {
    const std::string gender = genderOf(word);
    if (!gender.empty() && (wanted == "person" || gender == wanted)) return gender;
  }
  return {};
}

void judgeVoicePerson(const CheckContext& context, const std::string& gender, bool voiceLinked, Claim& claim) {
  const auto& audio = context.facts.audio;
  if (!audio) {
    claim.reason = "no audio fields";
    return;
  }
  if (!audio->speakerGenders.empty()) {
    std::string listed;
    bool found = gender == "person";
    for (const std::string& listedGender : audio->speakerGenders) {
      listed += (listed.empty() ? "" : ", ") + listedGender;
      if (genderOfText(listedGender, gender) == gender) found = true;
    }
    claim.verdict = found ? ClaimVerdict::Supported : ClaimVerdict::Contradicted;
    claim.reason = "speaker genders field: " + listed;
    return;
  }
  if (audio->speakerCount == 0 && voiceLinked) {
    claim.verdict = ClaimVerdict::Contradicted;
    claim.reason = "speaker count field: 0";
    return;
  }
  const bool voiceKnown = audio->speakerCount.value_or(0) > 0 || !audio->voiceSource.empty();
  if (gender == "person" && voiceKnown) {
    claim.verdict = ClaimVerdict::Supported;
    claim.reason = audio->voiceSource.empty() ? "speaker count field: " + std::to_string(*audio->speakerCount)
                                              : "voice source field: " + audio->voiceSource;
    return;
  }
  claim.reason = "speaker gender not given";
}

void judgeSeenPerson(const CheckContext& context, const std::string& gender, Claim& claim) {
  const auto& facts = context.facts;
  std::string facesSeen;
  bool allFacesOther = facts.faces && !facts.faces->empty();
  if (facts.faces) {
    for (const FaceFact& face : *facts.faces) {
      if (face.confidence < 0.5) continue;
      if (gender == "person" || face.gender == gender) {
        claim.verdict = ClaimVerdict::Supported;
        claim.reason = "a face was detected" + (face.gender.empty() ? std::string() : " (" + face.gender + ")");
        return;
      }
      if (face.gender.empty()) allFacesOther = false;
      facesSeen += (facesSeen.empty() ? "" : ", ") + face.gender;
    }
  }
  for (const ObjectFact& object : objectFacts(facts)) {
    const std::string found = genderOfText(object.category, gender);
    if (!found.empty()) {
      claim.verdict = ClaimVerdict::Supported;
      claim.reason = object.label;
      return;
    }
  }
  if (!genderOfText(visualFreeText(facts), gender).empty()) {
    claim.verdict = ClaimVerdict::Supported;
    claim.reason = "the visual fields' text names one";
    return;
  }
  if (allFacesOther && gender != "person" && !facesSeen.empty()) {
    claim.verdict = ClaimVerdict::Contradicted;
    claim.reason = "faces detected: " + facesSeen;
    return;
  }
  claim.reason = gender == "person" ? "no fact shows a person" : "no fact shows a " + gender + " person";
}

std::optional<char> placeOf(std::string_view text, std::string* named) {
  std::optional<char> place;
  for (const SceneWord& scene : kSceneWords) {
    if (scene.place == '-' || !textHasWord(text, scene.word)) continue;
    if (place && *place != scene.place) return '-';
    place = scene.place;
    if (named) *named = std::string(scene.word);
  }
  return place;
}

}  // namespace

void addObjectClaims(const CheckContext& context, std::vector<Claim>& claims) {
  std::vector<std::string> vocabulary(std::begin(kObjectWords), std::end(kObjectWords));
  for (const ObjectFact& object : objectFacts(context.facts)) {
    // People are Person claims, not objects.
    const std::string category = singularPhrase(asciiLower(object.category));
    const std::vector<Word> categoryWords = faithfulness_text::splitWords(category);
    if (!categoryWords.empty() && genderOf(categoryWords.back()).empty()) vocabulary.push_back(category);
  }
  const auto& words = context.words;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].inQuote) continue;
    for (std::size_t length = 3; length >= 1; --length) {
      const std::size_t last = i + length - 1;
      if (last >= words.size()) continue;
      std::string phrase;
      bool usable = true;
      for (std::size_t k = i; k <= last; ++k) {
        if (words[k].inQuote || (k > i && words[k].sentenceStart)) usable = false;
        phrase += (k > i ? " " : "") + (k == last ? singular(words[k].lower) : words[k].lower);
      }
      if (!usable || std::find(vocabulary.begin(), vocabulary.end(), phrase) == vocabulary.end()) continue;
      // A brand or name mid-sentence ("Apple", "Bear Grylls") is not an object.
      if (length == 1 && words[i].capitalised && !words[i].sentenceStart && !words[i].allCaps) break;
      if (length == 1 && words[i].allCaps) break;
      const std::optional<int> count = claimedCount(context, i);
      Claim claim = makeClaim(context, ClaimKind::Object, i, last, count ? countText(*count) + " " + phrase : phrase);
      judgeObject(context, phrase, count, claim);
      claims.push_back(std::move(claim));
      i = last;
      break;
    }
  }
}

void addColourClaims(const CheckContext& context, std::vector<Claim>& claims) {
  const auto& words = context.words;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].inQuote) continue;
    const std::string colour = colourIn(words[i]);
    if (colour.empty()) continue;
    // "Black Pink", "the White House": names, not colours.
    if (words[i].capitalised && !words[i].sentenceStart) continue;
    const std::optional<std::size_t> nounAt = colouredNoun(context, i);
    std::string noun;
    if (nounAt) {
      noun = singular(words[*nounAt].lower);
      if (*nounAt + 1 < words.size() && !words[*nounAt + 1].sentenceStart) {
        // A two-word thing the vocabulary or the facts know ("trash can", "computer chassis").
        const std::string two = noun + " " + singular(words[*nounAt + 1].lower);
        bool known = std::find(std::begin(kObjectWords), std::end(kObjectWords), two) != std::end(kObjectWords);
        for (const ObjectFact& object : objectFacts(context.facts)) {
          known = known || singularPhrase(asciiLower(object.category)) == two;
        }
        if (known) noun = two;
      }
    }
    const std::size_t last = nounAt && *nounAt > i ? *nounAt : i;
    const std::size_t first = nounAt && *nounAt < i ? *nounAt : i;
    Claim claim = makeClaim(context, ClaimKind::Colour, first, last, noun.empty() ? colour : colour + " " + noun);
    judgeColour(context, colour, noun, claim);
    claims.push_back(std::move(claim));
  }
}

void addPersonClaims(const CheckContext& context, std::vector<Claim>& claims) {
  const auto& words = context.words;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].inQuote) continue;
    const std::string gender = genderOf(words[i]);
    if (gender.empty()) continue;
    std::size_t last = i;
    bool voiceLinked = isOneOf(singular(words[i].lower), kVoiceNouns);
    for (std::size_t ahead = i + 1; ahead < words.size() && ahead <= i + 2; ++ahead) {
      if (words[ahead].sentenceStart || words[ahead].inQuote) break;
      if (isOneOf(singular(words[ahead].lower), kVoiceNouns)) {
        voiceLinked = true;
        last = ahead;
        break;
      }
    }
    const bool heard = context.stage == Stage::Audio || (context.stage == Stage::Joint && voiceLinked);
    Claim claim = makeClaim(context, ClaimKind::Person, i, last, gender);
    if (heard) {
      judgeVoicePerson(context, gender, voiceLinked, claim);
    } else {
      judgeSeenPerson(context, gender, claim);
    }
    claims.push_back(std::move(claim));
    i = last;
  }
}

void addSceneClaims(const CheckContext& context, std::vector<Claim>& claims) {
  const auto& words = context.words;
  const std::string freeText = visualFreeText(context.facts);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].inQuote) continue;
    const SceneWord* found = nullptr;
    std::size_t last = i;
    for (const SceneWord& scene : kSceneWords) {
      const std::size_t count = phraseWordCount(scene.word);
      const bool single = count == 1 && singular(words[i].lower) == scene.word && !words[i].inQuote;
      if ((single || (count > 1 && wordsMatch(context, i, scene.word))) && (!found || count > last - i + 1)) {
        found = &scene;
        last = i + count - 1;
      }
    }
    if (!found || (words[i].capitalised && !words[i].sentenceStart)) continue;
    const std::string canon = canonical(found->word, kSceneSynonyms);
    Claim claim = makeClaim(context, ClaimKind::Scene, i, last, canon);
    if (context.facts.visual && (textHasWord(freeText, found->word) || textHasWord(freeText, canon))) {
      claim.verdict = ClaimVerdict::Supported;
      claim.reason = "the visual fields' text says \"" + faithfulness_text::shorten(freeText) + "\"";
    } else if (!context.facts.visual || context.facts.visual->background.empty()) {
      claim.reason = "no main background";
    } else {
      std::string named;
      const std::optional<char> place = placeOf(context.facts.visual->background, &named);
      const bool opposite = place && *place != '-' && found->place != '-' && *place != found->place;
      if (opposite && context.facts.visual->backgroundChanges == false) {
        claim.verdict = ClaimVerdict::Contradicted;
        claim.reason = "the main background is " + std::string(*place == 'i' ? "indoors" : "outdoors") + " (" + named +
                       ") and does not change";
      } else if (found->place != '-' && place == found->place && (canon == "indoors" || canon == "outdoors")) {
        claim.verdict = ClaimVerdict::Supported;
        claim.reason = "the main background names a " + named;
      } else {
        claim.reason = "the main background does not say so";
      }
    }
    claims.push_back(std::move(claim));
    i = last;
  }
}

void addCutClaims(const CheckContext& context, std::vector<Claim>& claims) {
  const auto& words = context.words;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::optional<bool> cut;
    std::size_t length = 0;
    for (std::string_view phrase : kCutPhrases) {
      if (!wordsMatch(context, i, phrase)) continue;
      // "transitions to", "switches to", "shifts to" are about the scene only when the scene is
      // their subject ("the scene shifts to"; not "the focus shifts to", "transitions to a case").
      if (!phrase.starts_with("cut") && phrase.ends_with(" to")) {
        bool aboutScene = false;
        for (std::size_t back = 1; back <= 4 && back <= i && !aboutScene; ++back) {
          aboutScene = isOneOf(words[i - back].lower, kSceneNouns);
          if (words[i - back].sentenceStart) break;
        }
        if (!aboutScene) continue;
      }
      cut = !negatedAt(context, i) && !negatedAt(context, i + 1);
      length = phraseWordCount(phrase);
    }
    for (std::string_view phrase : kNoCutStandalone) {
      if (!cut && wordsMatch(context, i, phrase)) {
        cut = false;
        length = phraseWordCount(phrase);
      }
    }
    for (std::string_view phrase : kNoCutPhrases) {
      if (cut || !wordsMatch(context, i, phrase)) continue;
      for (std::size_t back = 1; back <= 6 && back <= i; ++back) {
        if (isOneOf(words[i - back].lower, kSceneNouns)) {
          cut = false;
          length = phraseWordCount(phrase);
          break;
        }
        if (words[i - back].sentenceStart) break;
      }
    }
    if (!cut) continue;
    Claim claim = makeClaim(context, ClaimKind::Cut, i, i + length - 1, *cut ? "cut" : "no cut");
    const auto& facts = context.facts;
    if (facts.visual && facts.visual->backgroundChanges) {
      const bool changes = *facts.visual->backgroundChanges;
      claim.verdict = changes == *cut ? ClaimVerdict::Supported : ClaimVerdict::Contradicted;
      claim.reason = std::string("background changes field: ") + (changes ? "Yes" : "No");
    } else if (facts.sceneChangeSeconds) {
      const std::size_t found = facts.sceneChangeSeconds->size();
      claim.verdict = (found > 0) == *cut ? ClaimVerdict::Supported : ClaimVerdict::Unsupported;
      claim.reason = "the scene detector found " + std::to_string(found) + (found == 1 ? " cut" : " cuts");
    } else {
      claim.reason = "no background change field and no scene detection";
    }
    claims.push_back(std::move(claim));
    i += length - 1;
  }
}

}  // namespace ugc::annotation::faithfulness_rules
