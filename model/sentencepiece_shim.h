#pragma once
// Internal to model/: the C interface of libugc_sentencepiece.so, a small shared library that wraps
// SentencePiece. Debian's libsentencepiece exports the protobuf-lite it bundles; in the same global
// symbol scope as torch's libprotobuf one of the two crashes (static initialisers or model parsing).
// So SentencePiece is never linked into a binary: tokenizer.cpp dlmopen()s this shim into a
// link-map namespace of its own, which keeps each library bound to its own protobuf.
// Buffers returned through out-parameters are malloc()ed; release them with ugc_spm_release().

#include <cstddef>

extern "C" {
void* ugc_spm_load(const char* modelBytes, size_t size, char** error);
void ugc_spm_destroy(void* processor);
int ugc_spm_vocab_size(void* processor);
int ugc_spm_special_id(void* processor, int which);  // 0 pad, 1 unk, 2 bos, 3 eos
int ugc_spm_encode(void* processor, const char* text, size_t size, int** ids, size_t* count);
int ugc_spm_decode(void* processor, const int* ids, size_t count, char** text, size_t* size);
int ugc_spm_piece(void* processor, int id, char** piece, size_t* size);
int ugc_spm_train(const char* args, unsigned seed, const char* const* texts, const size_t* sizes, size_t count, char** model,
                  size_t* modelSize, char** error);
void ugc_spm_release(void* buffer);
}
