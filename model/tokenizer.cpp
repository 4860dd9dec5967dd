#include "model/tokenizer.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <fstream>
#include <sstream>

#include "model/sentencepiece_shim.h"

namespace ugc::model {
namespace {

// The dlopen()ed SentencePiece shim (see sentencepiece_shim.h). Shared by the tokenizers that use it.
struct ShimLibrary {
  void* handle = nullptr;
  decltype(&ugc_spm_load) load = nullptr;
  decltype(&ugc_spm_destroy) destroy = nullptr;
  decltype(&ugc_spm_vocab_size) vocabSize = nullptr;
  decltype(&ugc_spm_special_id) specialId = nullptr;
  decltype(&ugc_spm_encode) encode = nullptr;
  decltype(&ugc_spm_decode) decode = nullptr;
  decltype(&ugc_spm_piece) piece = nullptr;
  decltype(&ugc_spm_train) train = nullptr;
  decltype(&ugc_spm_release) release = nullptr;
  ~ShimLibrary() {
    if (handle) dlclose(handle);
  }
};

std::vector<std::string> shimCandidates() {
  std::vector<std::string> paths;
  if (const char* env = std::getenv("UGC_SENTENCEPIECE_SHIM"); env && *env) paths.push_back(env);
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    paths.push_back((exe.parent_path() / "libugc_sentencepiece.so").string());
    paths.push_back((exe.parent_path().parent_path() / "lib" / "libugc_sentencepiece.so").string());
  }
#ifdef UGC_SENTENCEPIECE_SHIM_PATH
  paths.push_back(UGC_SENTENCEPIECE_SHIM_PATH);  // the build tree
#endif
  return paths;
}

template <typename Fn>
bool bind(void* handle, const char* name, Fn& fn) {
  fn = reinterpret_cast<Fn>(dlsym(handle, name));
  return fn != nullptr;
}

Result<std::shared_ptr<ShimLibrary>> loadShim() {
  std::string tried;
  for (const auto& path : shimCandidates()) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) continue;
    auto library = std::make_shared<ShimLibrary>();
    // A link-map namespace of its own: the shim, libsentencepiece and their own libstdc++ copy never
    // see torch's libprotobuf (RTLD_DEEPBIND is not enough: it breaks libstdc++'s copy-relocated
    // std::cerr, which SentencePiece's trainer writes to).
    library->handle = dlmopen(LM_ID_NEWLM, path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!library->handle) {
      tried += std::string(" ") + dlerror();
      continue;
    }
    auto* h = library->handle;
    if (!bind(h, "ugc_spm_load", library->load) || !bind(h, "ugc_spm_destroy", library->destroy) ||
        !bind(h, "ugc_spm_vocab_size", library->vocabSize) || !bind(h, "ugc_spm_special_id", library->specialId) ||
        !bind(h, "ugc_spm_encode", library->encode) || !bind(h, "ugc_spm_decode", library->decode) ||
        !bind(h, "ugc_spm_piece", library->piece) || !bind(h, "ugc_spm_train", library->train) ||
        !bind(h, "ugc_spm_release", library->release))
      return makeError(ErrorCode::Internal, path + " lacks a ugc_spm_ function");
    return library;
  }
  return makeError(ErrorCode::NotFound,
                   "libugc_sentencepiece.so not found (set UGC_SENTENCEPIECE_SHIM)" + tried);
}

// Every dlmopen(LM_ID_NEWLM) creates a namespace and glibc has only 16, so the process shares one
// loaded shim while any tokenizer uses it. This is the one piece of process-wide state in model/:
// the dynamic linker's namespaces are process-wide themselves.
Result<std::shared_ptr<ShimLibrary>> openShim() {
  static std::mutex mutex;
  static std::weak_ptr<ShimLibrary> shared;
  std::lock_guard lock(mutex);
  if (auto existing = shared.lock()) return existing;
  auto loaded = loadShim();
  if (loaded) shared = *loaded;
  return loaded;
}

std::string takeString(const ShimLibrary& library, char* buffer, size_t size) {
  std::string text = buffer ? std::string(buffer, size) : std::string();
  library.release(buffer);
  return text;
}

}  // namespace

struct Tokenizer::Impl {
  std::shared_ptr<ShimLibrary> library;
  void* processor = nullptr;
  std::string serialized;
  int vocabSize = 0;
  ~Impl() {
    if (processor) library->destroy(processor);
  }
};

Tokenizer::Tokenizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;
Tokenizer::~Tokenizer() = default;

Result<Tokenizer> Tokenizer::fromSerialized(std::string_view modelProto) {
  auto library = openShim();
  if (!library) return tl::unexpected(library.error());
  auto impl = std::make_unique<Impl>();
  impl->library = *library;
  impl->serialized.assign(modelProto);
  char* error = nullptr;
  impl->processor = impl->library->load(impl->serialized.data(), impl->serialized.size(), &error);
  if (!impl->processor)
    return makeError(ErrorCode::InvalidInput,
                     "tokenizer model: " + takeString(**library, error, error ? std::strlen(error) : 0));
  const auto& lib = *impl->library;
  if (lib.specialId(impl->processor, 0) != kPadId || lib.specialId(impl->processor, 1) != kUnkId ||
      lib.specialId(impl->processor, 2) != kBosId || lib.specialId(impl->processor, 3) != kEosId)
    return makeError(ErrorCode::Unsupported, "tokenizer model uses other special ids than pad=0 unk=1 bos=2 eos=3");
  impl->vocabSize = lib.vocabSize(impl->processor);
  return Tokenizer(std::move(impl));
}

Result<Tokenizer> Tokenizer::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::NotFound, "cannot open tokenizer model " + path);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return fromSerialized(bytes.str());
}

Result<Tokenizer> Tokenizer::train(const std::vector<std::string>& texts, const TokenizerTrainParams& params) {
  if (texts.empty()) return makeError(ErrorCode::InvalidArgument, "no text to train the tokenizer on");
  if (params.vocabSize < 64) return makeError(ErrorCode::InvalidArgument, "tokenizer vocabulary below 64");
  std::ostringstream args;
  args << "--model_type=" << (params.bpe ? "bpe" : "unigram") << " --vocab_size=" << params.vocabSize
       << " --character_coverage=" << params.characterCoverage << " --byte_fallback=true"
       << " --pad_id=" << kPadId << " --unk_id=" << kUnkId << " --bos_id=" << kBosId << " --eos_id=" << kEosId
       << " --max_sentence_length=" << params.maxSentenceLength << " --num_threads=" << params.threads
       << " --split_digits=true --hard_vocab_limit=false --minloglevel=2"
       // Identity normalisation: decode(encode(text)) == text, so copied names stay exact.
       << " --normalization_rule_name=identity --remove_extra_whitespaces=false";
  auto library = openShim();
  if (!library) return tl::unexpected(library.error());
  std::vector<const char*> pointers;
  std::vector<size_t> sizes;
  for (const auto& t : texts) {
    pointers.push_back(t.data());
    sizes.push_back(t.size());
  }
  char* model = nullptr;
  char* error = nullptr;
  size_t modelSize = 0;
  if (!(*library)->train(args.str().c_str(), params.seed, pointers.data(), sizes.data(), pointers.size(), &model, &modelSize,
                         &error))
    return makeError(ErrorCode::InvalidInput,
                     "tokenizer training: " + takeString(**library, error, error ? std::strlen(error) : 0));
  const std::string proto = takeString(**library, model, modelSize);
  return fromSerialized(proto);
}

std::vector<int> Tokenizer::encode(std::string_view text) const {
  int* ids = nullptr;
  size_t count = 0;
  if (!impl_->library->encode(impl_->processor, text.data(), text.size(), &ids, &count)) return {};
  std::vector<int> out(ids, ids + count);
  impl_->library->release(ids);
  return out;
}

std::string Tokenizer::decode(const std::vector<int>& ids) const {
  std::vector<int> visible;
  visible.reserve(ids.size());
  for (int id : ids)
    if (id > kEosId && id < vocabSize()) visible.push_back(id);
  char* text = nullptr;
  size_t size = 0;
  if (!impl_->library->decode(impl_->processor, visible.data(), visible.size(), &text, &size)) return {};
  return takeString(*impl_->library, text, size);
}

std::string Tokenizer::piece(int id) const {
  if (id < 0 || id >= vocabSize()) return {};
  char* text = nullptr;
  size_t size = 0;
  if (!impl_->library->piece(impl_->processor, id, &text, &size)) return {};
  return takeString(*impl_->library, text, size);
}

int Tokenizer::vocabSize() const { return impl_->vocabSize; }

const std::string& Tokenizer::serialized() const { return impl_->serialized; }

Status Tokenizer::save(const std::string& path) const {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return makeError(ErrorCode::Io, "cannot write tokenizer model " + path);
  out.write(impl_->serialized.data(), std::streamsize(impl_->serialized.size()));
  if (!out) return makeError(ErrorCode::Io, "write failed: " + path);
  return {};
}

}  // namespace ugc::model
