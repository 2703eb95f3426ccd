// How liaison reads what a person typed: trim, FIN, whole numbers, yes/no.
#include "core/words.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace liaison::core {
namespace {

using namespace std::string_view_literals;

// --- trim -------------------------------------------------------------------

TEST(Trim, RemovesAsciiBlanksOnBothSides) {
  EXPECT_EQ(trim("  hello  "), "hello");
  EXPECT_EQ(trim("\t\r\n\v\fhello\f\v\n\r\t"), "hello");
}

TEST(Trim, KeepsInnerBlanks) { EXPECT_EQ(trim("  a b\tc  "), "a b\tc"); }

TEST(Trim, OfOnlyBlanksIsEmpty) {
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim(" \t\r\n"), "");
}

TEST(Trim, LeavesNonBlankBytesAlone) {
  EXPECT_EQ(trim("\xC2\xA0x\xC2\xA0"), "\xC2\xA0x\xC2\xA0");  // U+00A0 is not an ASCII blank
  EXPECT_EQ(trim("x\0"sv), "x\0"sv);                           // NUL is not a blank
}

TEST(Trim, ReturnsAViewIntoTheInput) {
  const std::string_view text = "  abc ";
  const std::string_view trimmed = trim(text);
  EXPECT_EQ(trimmed.data(), text.data() + 2);
  EXPECT_EQ(trimmed.size(), 3U);
}

// --- is_fin -----------------------------------------------------------------

TEST(IsFin, AcceptsFinInAnyCaseAndBlanks) {
  for (std::string_view text : {"FIN", "fin", "Fin", "fIn", " fin ", "Fin\r\n", "\tFIN\n", "  FIN"})
    EXPECT_TRUE(is_fin(text)) << '"' << text << '"';
}

TEST(IsFin, RejectsEverythingElse) {
  for (std::string_view text : {"", " ", "FINI", "FI", "F IN", "fin.", "afin", "FIN FIN", "IN", "ＦＩＮ"})
    EXPECT_FALSE(is_fin(text)) << '"' << text << '"';
}

TEST(IsFin, TheWordIsUpperCaseFin) { EXPECT_EQ(fin, "FIN"); }

// --- parse_whole_number -----------------------------------------------------

void expect_number(std::string_view text, std::int64_t value) {
  const ParsedNumber parsed = parse_whole_number(text);
  EXPECT_FALSE(parsed.error.has_value()) << '"' << text << '"';
  EXPECT_EQ(parsed.value, value) << '"' << text << '"';
}

void expect_error(std::string_view text, NumberError error) {
  const ParsedNumber parsed = parse_whole_number(text);
  ASSERT_TRUE(parsed.error.has_value()) << '"' << text << '"';
  EXPECT_EQ(*parsed.error, error) << '"' << text << '"';
}

TEST(ParseWholeNumber, ReadsPlainDigits) {
  expect_number("42", 42);
  expect_number("0", 0);
  expect_number("100", 100);
}

TEST(ParseWholeNumber, ReadsASign) {
  expect_number("+42", 42);
  expect_number("-7", -7);
  expect_number("-0", 0);
}

TEST(ParseWholeNumber, IgnoresBlanksAround) {
  expect_number(" 42 ", 42);
  expect_number("42\r\n", 42);
  expect_number("\t-3\n", -3);
}

TEST(ParseWholeNumber, ReadsLeadingZeros) {
  expect_number("0042", 42);
  expect_number("000000000000000000000000000001", 1);
}

TEST(ParseWholeNumber, RejectsTrailingGarbage) {
  expect_error("12abc", NumberError::not_a_number);
  expect_error("1e3", NumberError::not_a_number);
  expect_error("1.5", NumberError::not_a_number);
  expect_error("1,5", NumberError::not_a_number);
  expect_error("0x10", NumberError::not_a_number);
  expect_error("4 2", NumberError::not_a_number);
}

TEST(ParseWholeNumber, RejectsNonAsciiDigits) {
  expect_error("٣", NumberError::not_a_number);   // U+0663 ARABIC-INDIC DIGIT THREE
  expect_error("４２", NumberError::not_a_number);  // fullwidth digits
}

TEST(ParseWholeNumber, RejectsEmptyAndLoneSigns) {
  expect_error("", NumberError::not_a_number);
  expect_error("   ", NumberError::not_a_number);
  expect_error("+", NumberError::not_a_number);
  expect_error("-", NumberError::not_a_number);
  expect_error("--1", NumberError::not_a_number);
  expect_error("+-1", NumberError::not_a_number);
  expect_error("- 1", NumberError::not_a_number);
  expect_error("1-", NumberError::not_a_number);
}

TEST(ParseWholeNumber, ReadsTheInt64Extremes) {
  expect_number("9223372036854775807", std::numeric_limits<std::int64_t>::max());
  expect_number("-9223372036854775808", std::numeric_limits<std::int64_t>::min());
  expect_number("+9223372036854775807", std::numeric_limits<std::int64_t>::max());
}

TEST(ParseWholeNumber, SaysTooBigPastInt64) {
  expect_error("9223372036854775808", NumberError::too_big);
  expect_error("-9223372036854775809", NumberError::too_big);
  expect_error("99999999999999999999999999999999999999", NumberError::too_big);
  expect_error(std::string(5000, '9'), NumberError::too_big);
  expect_error("-" + std::string(5000, '9'), NumberError::too_big);
}

TEST(ParseWholeNumber, LeadingZerosDoNotMakeANumberTooBig) {
  expect_number(std::string(100, '0') + "9223372036854775807", std::numeric_limits<std::int64_t>::max());
}

TEST(ParseWholeNumber, AgreesWithToStringOnASweep) {
  for (std::int64_t v = -1000; v <= 1000; ++v) expect_number(std::to_string(v), v);
}

// --- parse_yes_no -----------------------------------------------------------

TEST(ParseYesNo, ReadsYesInFrenchAndEnglishInAnyCase) {
  for (std::string_view text : {"o", "O", "oui", "OUI", "Oui", "oUi", "y", "Y", "yes", "YES", "Yes", " oui\r\n", "\ty "})
    EXPECT_EQ(parse_yes_no(text), Answer::yes) << '"' << text << '"';
}

TEST(ParseYesNo, ReadsNoInFrenchAndEnglishInAnyCase) {
  for (std::string_view text : {"n", "N", "non", "NON", "Non", "no", "NO", "No", " n\n", "\tnon\r\n"})
    EXPECT_EQ(parse_yes_no(text), Answer::no) << '"' << text << '"';
}

TEST(ParseYesNo, AnythingElseIsOther) {
  for (std::string_view text :
       {"", " ", "ouii", "ou", "ye", "yess", "nope", "nn", "o n", "oui non", "peut-être", "0", "1", "FIN", "é"})
    EXPECT_EQ(parse_yes_no(text), Answer::other) << '"' << text << '"';
}

}  // namespace
}  // namespace liaison::core
