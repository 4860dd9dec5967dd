// libugc_sentencepiece.so: SentencePiece behind a C interface (see sentencepiece_shim.h for why).
#include "model/sentencepiece_shim.h"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

namespace {

char* copyOut(const std::string& text, size_t* size = nullptr) {
  char* buffer = static_cast<char*>(std::malloc(text.size() + 1));
  if (!buffer) return nullptr;
  std::memcpy(buffer, text.data(), text.size());
  buffer[text.size()] = '\0';
  if (size) *size = text.size();
  return buffer;
}

void setError(char** error, const std::string& message) {
  if (error) *error = copyOut(message);
}

class Sentences : public sentencepiece::SentenceIterator {
 public:
  Sentences(const char* const* texts, const size_t* sizes, size_t count) : texts_(texts), sizes_(sizes), count_(count) {
    load();
  }
  bool done() const override { return index_ >= count_; }
  void Next() override {
    ++index_;
    load();
  }
  const std::string& value() const override { return current_; }
  sentencepiece::util::Status status() const override { return {}; }

 private:
  void load() {
    if (index_ < count_) current_.assign(texts_[index_], sizes_[index_]);
  }
  const char* const* texts_;
  const size_t* sizes_;
  size_t count_;
  size_t index_ = 0;
  std::string current_;
};

sentencepiece::SentencePieceProcessor* processorOf(void* p) {
  return static_cast<sentencepiece::SentencePieceProcessor*>(p);
}

}  // namespace

extern "C" {

void* ugc_spm_load(const char* modelBytes, size_t size, char** error) {
  try {
    auto* processor = new sentencepiece::SentencePieceProcessor();
    auto status = processor->LoadFromSerializedProto(std::string(modelBytes, size));
    if (!status.ok()) {
      setError(error, status.ToString());
      delete processor;
      return nullptr;
    }
    return processor;
  } catch (const std::exception& e) {
    setError(error, e.what());
    return nullptr;
  }
}

void ugc_spm_destroy(void* processor) { delete processorOf(processor); }

int ugc_spm_vocab_size(void* processor) { return processorOf(processor)->GetPieceSize(); }

int ugc_spm_special_id(void* processor, int which) {
  auto* p = processorOf(processor);
  switch (which) {
    case 0: return p->pad_id();
    case 1: return p->unk_id();
    case 2: return p->bos_id();
    case 3: return p->eos_id();
  }
  return -1;
}

int ugc_spm_encode(void* processor, const char* text, size_t size, int** ids, size_t* count) {
  try {
    std::vector<int> out;
    if (!processorOf(processor)->Encode(std::string(text, size), &out).ok()) return 0;
    *ids = static_cast<int*>(std::malloc(std::max<size_t>(1, out.size()) * sizeof(int)));
    if (!*ids) return 0;
    if (!out.empty()) std::memcpy(*ids, out.data(), out.size() * sizeof(int));
    *count = out.size();
    return 1;
  } catch (...) {
    return 0;
  }
}

int ugc_spm_decode(void* processor, const int* ids, size_t count, char** text, size_t* size) {
  try {
    std::string out;
    if (!processorOf(processor)->Decode(std::vector<int>(ids, ids + count), &out).ok()) return 0;
    *text = copyOut(out, size);
    return *text != nullptr;
  } catch (...) {
    return 0;
  }
}

int ugc_spm_piece(void* processor, int id, char** piece, size_t* size) {
  try {
    *piece = copyOut(processorOf(processor)->IdToPiece(id), size);
    return *piece != nullptr;
  } catch (...) {
    return 0;
  }
}

int ugc_spm_train(const char* args, unsigned seed, const char* const* texts, const size_t* sizes, size_t count, char** model,
                  size_t* modelSize, char** error) {
  try {
    sentencepiece::SetRandomGeneratorSeed(seed);  // sentence sampling, for reproducible models
    Sentences sentences(texts, sizes, count);
    std::string proto;
    auto status = sentencepiece::SentencePieceTrainer::Train(args, &sentences, &proto);
    if (!status.ok()) {
      setError(error, status.ToString());
      return 0;
    }
    *model = copyOut(proto, modelSize);
    return *model != nullptr;
  } catch (const std::exception& e) {
    setError(error, e.what());
    return 0;
  }
}

void ugc_spm_release(void* buffer) { std::free(buffer); }

}  // extern "C"
