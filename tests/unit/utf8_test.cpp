// UTF-8 validity and cutting text on a character boundary.
#include "core/utf8.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace liaison::core {
namespace {

using namespace std::string_view_literals;

// Encodes one code point the textbook way (no validity check: surrogates are encoded too).
std::string encode_code_point(std::uint32_t cp) {
  std::string out;
  auto push = [&](std::uint32_t byte) { out.push_back(static_cast<char>(static_cast<unsigned char>(byte))); };
  if (cp < 0x80U) {
    push(cp);
  } else if (cp < 0x800U) {
    push(0xC0U | (cp >> 6U));
    push(0x80U | (cp & 0x3FU));
  } else if (cp < 0x10000U) {
    push(0xE0U | (cp >> 12U));
    push(0x80U | ((cp >> 6U) & 0x3FU));
    push(0x80U | (cp & 0x3FU));
  } else {
    push(0xF0U | (cp >> 18U));
    push(0x80U | ((cp >> 12U) & 0x3FU));
    push(0x80U | ((cp >> 6U) & 0x3FU));
    push(0x80U | (cp & 0x3FU));
  }
  return out;
}

// An independent validator: decode each sequence into a code point, then check
// it is the shortest form, not a surrogate and not past U+10FFFF.
bool reference_valid(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t cp = 0;
    if (lead < 0x80U) {
      length = 1;
      cp = lead;
    } else if ((lead & 0xE0U) == 0xC0U) {
      length = 2;
      cp = lead & 0x1FU;
    } else if ((lead & 0xF0U) == 0xE0U) {
      length = 3;
      cp = lead & 0x0FU;
    } else if ((lead & 0xF8U) == 0xF0U) {
      length = 4;
      cp = lead & 0x07U;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto byte = static_cast<unsigned char>(text[i + k]);
      if ((byte & 0xC0U) != 0x80U) return false;
      cp = (cp << 6U) | (byte & 0x3FU);
    }
    static constexpr std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < smallest[length] || (cp >= 0xD800U && cp <= 0xDFFFU) || cp > 0x10FFFFU) return false;
    i += length;
  }
  return true;
}

std::string bytes(std::initializer_list<unsigned> values) {
  std::string out;
  for (unsigned v : values) out.push_back(static_cast<char>(static_cast<unsigned char>(v)));
  return out;
}

// --- is_valid_utf8 ----------------------------------------------------------

TEST(IsValidUtf8, AcceptsAsciiAndEmpty) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("hello, world 123 ~"));
  EXPECT_TRUE(is_valid_utf8("nul\0inside"sv));
  EXPECT_TRUE(is_valid_utf8("\x7F"));
}

TEST(IsValidUtf8, AcceptsMultiByteCharacters) {
  EXPECT_TRUE(is_valid_utf8("é"));            // 2 bytes
  EXPECT_TRUE(is_valid_utf8("Gagné ! à ç"));  // 2 bytes among ASCII
  EXPECT_TRUE(is_valid_utf8("€"));            // 3 bytes
  EXPECT_TRUE(is_valid_utf8("٣"));            // 2 bytes, Arabic-indic digit
  EXPECT_TRUE(is_valid_utf8("日本語"));       // 3 bytes each
  EXPECT_TRUE(is_valid_utf8("😀"));           // 4 bytes
  EXPECT_TRUE(is_valid_utf8("👍🏽 ok 🇫🇷"));     // emoji with modifiers and flags
}

TEST(IsValidUtf8, AcceptsTheEdgesOfEachLength) {
  for (std::uint32_t cp : {0x0U, 0x7FU, 0x80U, 0x7FFU, 0x800U, 0xD7FFU, 0xE000U, 0xFFFDU, 0xFFFFU, 0x10000U, 0x10FFFFU})
    EXPECT_TRUE(is_valid_utf8(encode_code_point(cp))) << std::hex << cp;
}

TEST(IsValidUtf8, RejectsALoneContinuationByte) {
  EXPECT_FALSE(is_valid_utf8(bytes({0x80})));
  EXPECT_FALSE(is_valid_utf8(bytes({0xBF})));
  EXPECT_FALSE(is_valid_utf8("a" + bytes({0x80}) + "b"));
  EXPECT_FALSE(is_valid_utf8("é" + bytes({0xA9})));  // one continuation too many
}

TEST(IsValidUtf8, RejectsTruncatedSequences) {
  EXPECT_FALSE(is_valid_utf8(bytes({0xC3})));                    // é cut
  EXPECT_FALSE(is_valid_utf8(bytes({0xE2, 0x82})));              // € cut
  EXPECT_FALSE(is_valid_utf8(bytes({0xF0, 0x9F, 0x98})));        // 😀 cut
  EXPECT_FALSE(is_valid_utf8(bytes({0xC3}) + "a"));              // lead then ASCII
  EXPECT_FALSE(is_valid_utf8(bytes({0xE2, 0x82}) + "a"));        // continuation missing mid-text
  EXPECT_FALSE(is_valid_utf8(bytes({0xF0, 0x9F, 0x98}) + "ab"));  // same for 4 bytes
}

TEST(IsValidUtf8, RejectsOverlongForms) {
  EXPECT_FALSE(is_valid_utf8(bytes({0xC0, 0x80})));              // U+0000 in 2 bytes
  EXPECT_FALSE(is_valid_utf8(bytes({0xC1, 0xBF})));              // U+007F in 2 bytes
  EXPECT_FALSE(is_valid_utf8(bytes({0xE0, 0x80, 0x80})));        // U+0000 in 3 bytes
  EXPECT_FALSE(is_valid_utf8(bytes({0xE0, 0x9F, 0xBF})));        // U+07FF in 3 bytes
  EXPECT_FALSE(is_valid_utf8(bytes({0xF0, 0x8F, 0xBF, 0xBF})));  // U+FFFF in 4 bytes
}

TEST(IsValidUtf8, RejectsSurrogates) {
  EXPECT_FALSE(is_valid_utf8(bytes({0xED, 0xA0, 0x80})));  // U+D800
  EXPECT_FALSE(is_valid_utf8(bytes({0xED, 0xBF, 0xBF})));  // U+DFFF
  EXPECT_FALSE(is_valid_utf8(bytes({0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80})));  // CESU-8 😀
}

TEST(IsValidUtf8, RejectsCodePointsPastU10FFFF) {
  EXPECT_FALSE(is_valid_utf8(bytes({0xF4, 0x90, 0x80, 0x80})));  // U+110000
  EXPECT_FALSE(is_valid_utf8(bytes({0xF7, 0xBF, 0xBF, 0xBF})));
}

TEST(IsValidUtf8, RejectsBytesThatNeverAppear) {
  for (unsigned b = 0xF5; b <= 0xFF; ++b) {
    EXPECT_FALSE(is_valid_utf8(bytes({b}))) << std::hex << b;
    EXPECT_FALSE(is_valid_utf8(bytes({b, 0x80, 0x80, 0x80}))) << std::hex << b;
  }
}

TEST(IsValidUtf8, AcceptsEveryScalarValueAndNoSurrogate) {
  for (std::uint32_t cp = 0; cp <= 0x10FFFFU; ++cp) {
    const bool surrogate = cp >= 0xD800U && cp <= 0xDFFFU;
    if (is_valid_utf8(encode_code_point(cp)) == surrogate) FAIL() << "code point " << std::hex << cp;
  }
}

TEST(IsValidUtf8, AgreesWithAReferenceOnEveryOneAndTwoByteString) {
  for (unsigned a = 0; a < 256; ++a) {
    ASSERT_EQ(is_valid_utf8(bytes({a})), reference_valid(bytes({a}))) << std::hex << a;
    for (unsigned b = 0; b < 256; ++b)
      ASSERT_EQ(is_valid_utf8(bytes({a, b})), reference_valid(bytes({a, b}))) << std::hex << a << ' ' << b;
  }
}

TEST(IsValidUtf8, AgreesWithAReferenceOnEveryThreeByteStringWithAHighLead) {
  for (unsigned a = 0xC0; a < 256; ++a)
    for (unsigned b = 0; b < 256; ++b)
      for (unsigned c = 0; c < 256; ++c) {
        const std::string s = bytes({a, b, c});
        if (is_valid_utf8(s) != reference_valid(s)) FAIL() << std::hex << a << ' ' << b << ' ' << c;
      }
}

TEST(IsValidUtf8, AgreesWithAReferenceOnRandomFourByteLeads) {
  std::mt19937 random(1234);
  std::uniform_int_distribution<unsigned> any(0, 255);
  std::uniform_int_distribution<unsigned> continuation(0x70, 0xCF);  // around the 80..BF range
  for (unsigned lead = 0xF0; lead <= 0xFF; ++lead)
    for (int n = 0; n < 20000; ++n) {
      const std::string s = bytes({lead, continuation(random), continuation(random), n % 2 ? any(random) : 0x80U});
      if (is_valid_utf8(s) != reference_valid(s)) FAIL() << s.size();
    }
}

// --- utf8_prefix ------------------------------------------------------------

TEST(Utf8Prefix, KeepsTextThatFits) {
  EXPECT_EQ(utf8_prefix("héllo", 6), "héllo");
  EXPECT_EQ(utf8_prefix("héllo", 100), "héllo");
  EXPECT_EQ(utf8_prefix("", 0), "");
}

TEST(Utf8Prefix, CutsAsciiExactly) { EXPECT_EQ(utf8_prefix("abcdef", 3), "abc"); }

TEST(Utf8Prefix, NeverCutsInsideACharacter) {
  EXPECT_EQ(utf8_prefix("aé", 2), "a");    // é is 2 bytes
  EXPECT_EQ(utf8_prefix("a€", 3), "a");    // € is 3 bytes
  EXPECT_EQ(utf8_prefix("a€", 2), "a");
  EXPECT_EQ(utf8_prefix("a😀", 4), "a");   // 😀 is 4 bytes
  EXPECT_EQ(utf8_prefix("a😀", 5), "a😀");
  EXPECT_EQ(utf8_prefix("😀", 3), "");
  EXPECT_EQ(utf8_prefix("é", 0), "");
}

TEST(Utf8Prefix, At1024Keeps1023AsciiBytesBeforeAnAccent) {
  const std::string text = std::string(1023, 'a') + "é";
  EXPECT_EQ(utf8_prefix(text, 1024), std::string(1023, 'a'));
}

// Property: for many strings of mixed 1-4 byte characters and every limit,
// the prefix is valid UTF-8, fits the limit, and is the longest such prefix.
TEST(Utf8Prefix, IsAlwaysValidFittingAndMaximal) {
  const std::vector<std::string> alphabet = {"a", "Z", " ", "é", "ß", "٣", "€", "日", "\xEF\xBF\xBD", "😀", "🇫", "\U0010FFFF"};
  std::mt19937 random(42);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<std::size_t> length(0, 40);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    std::vector<std::size_t> boundaries = {0};  // byte offsets where a character starts or the text ends
    for (std::size_t n = length(random); n > 0; --n) {
      text += alphabet[pick(random)];
      boundaries.push_back(text.size());
    }
    ASSERT_TRUE(is_valid_utf8(text));
    for (std::size_t max = 0; max <= text.size() + 2; ++max) {
      const std::string_view prefix = utf8_prefix(text, max);
      ASSERT_LE(prefix.size(), max);
      ASSERT_EQ(prefix.data(), text.data());
      ASSERT_TRUE(is_valid_utf8(prefix)) << "round " << round << " max " << max;
      std::size_t longest = 0;
      for (std::size_t b : boundaries)
        if (b <= max) longest = b;
      ASSERT_EQ(prefix.size(), longest) << "round " << round << " max " << max;
    }
  }
}

TEST(CodePoints, CountsCharactersNotBytes) {
  EXPECT_EQ(code_points(""), 0U);
  EXPECT_EQ(code_points("abc"), 3U);
  EXPECT_EQ(code_points("Zoé"), 3U);
  EXPECT_EQ(code_points("李😀\uFFFD"), 3U);
}

}  // namespace
}  // namespace liaison::core
