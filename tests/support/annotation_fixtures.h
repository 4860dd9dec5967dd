#pragma once
// Structured fields that satisfy every rule of the audio stage: one female narrator,
// positive tone, cheerful background music. Tests change what they examine.

#include "annotation/fields.h"

namespace ugc::test {

inline annotation::AudioFields completeAudioFields() {
  annotation::AudioFields audio;
  audio.speakerCount = 1;
  audio.tone = "Positive";
  audio.backgroundMusic = "Yes";
  audio.language = "English";
  audio.musicStyle = "Cheerful";
  audio.voiceSource = "Narration";
  audio.speakerGenders = {"female"};
  return audio;
}

}  // namespace ugc::test
