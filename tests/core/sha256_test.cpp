#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "core/sha256.h"
#include "support/test_support.h"

namespace ugc {

// Vectors from FIPS 180-4 / NIST CAVP.
TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256Hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, IncrementalEqualsOneShot) {
  std::string data;
  for (int i = 0; i < 1000; ++i) data += char('a' + i % 26);
  Sha256 hasher;
  for (size_t pos = 0; pos < data.size(); pos += 7) hasher.update(data.substr(pos, 7));
  EXPECT_EQ(hasher.finishHex(), sha256Hex(data));
}

TEST(Sha256, FileMatchesMemoryAndMissingFileIsAnError) {
  test::TempDir dir;
  const std::string data(200000, 'x');
  std::ofstream(dir / "f.bin", std::ios::binary) << data;
  auto hash = sha256File(dir / "f.bin");
  ASSERT_TRUE(hash) << hash.error().describe();
  EXPECT_EQ(*hash, sha256Hex(data));
  auto missing = sha256File(dir / "none.bin");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::Io);
}

}  // namespace ugc
