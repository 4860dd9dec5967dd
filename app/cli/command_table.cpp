#include "cli/command_table.h"

#include <iterator>

namespace ugc::cli {
namespace {

constexpr ModelCommand kModelCommands[] = {
    {"version", "Show the versions of the toolkit and its runtime libraries"},
    {"extract", "Extract signals (OCR, audio events, voice, scene changes, loudness) from videos"},
    {"draft", "Draft captions with the built-in captioner (or the best source per stage)"},
    {"train-tokenizer", "Train the captioner's SentencePiece tokenizer on the released captions"},
    {"train", "Train the drafting model (teacher forcing on the released captions)"},
    {"eval-drafts",
     "Score the captioner's drafts on the held-out release-dev videos (ROUGE-L F1, BLEU-4) against the template "
     "and concatenation baselines"},
    {"score", "Score result files as the benchmark's paper does (Table 2 columns)"},
    {"judge", "Run the released GPT-4o judge protocol on predictions against an OpenAI-compatible endpoint"},
    {"offline-judge", "The offline estimate of the GPT-4o caption judge"},
    {"build-audio-events-data", "Mix packaged music, sound effects and espeak-ng speech into labelled 10 s clips"},
    {"train-audio-events", "Train the learned audio-event classifier on a mixture set"},
};

}  // namespace

const ModelCommand* modelCommandsBegin() { return std::begin(kModelCommands); }
const ModelCommand* modelCommandsEnd() { return std::end(kModelCommands); }

bool isModelCommand(std::string_view name) { return *modelCommandDescription(name) != '\0'; }

const char* modelCommandDescription(std::string_view name) {
  for (const auto& command : kModelCommands) {
    if (name == command.name) return command.description;
  }
  return "";
}

std::string_view requestedSubcommand(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-q" || arg == "--quiet") continue;
    if (!arg.empty() && arg[0] == '-') return {};  // --help, --version, or a usage error: the light CLI answers
    return arg;
  }
  return {};
}

}  // namespace ugc::cli
