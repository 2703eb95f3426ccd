// The framing codec: raw chunks and lines in, replies out.
#include "core/framing.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/utf8.hpp"

namespace liaison::core {

// Found by argument-dependent lookup, so they live next to Message, not in the
// anonymous namespace (file-local through `static`).
static bool operator==(const Message& a, const Message& b) { return a.text == b.text && a.too_long == b.too_long; }

static void PrintTo(const Message& m, std::ostream* os) {
  if (m.too_long)
    *os << "too_long{" << m.text.size() << " bytes}";
  else
    *os << '"' << (m.text.size() > 40 ? m.text.substr(0, 40) + "..." : m.text) << "\" (" << m.text.size() << " bytes)";
}

namespace {

using namespace std::string_view_literals;

// Feeds each chunk in turn and returns every message decoded.
std::vector<Message> feed_all(Decoder& decoder, std::initializer_list<std::string_view> chunks) {
  std::vector<Message> out;
  for (std::string_view chunk : chunks) decoder.feed(chunk, out);
  return out;
}

std::vector<Message> decode(std::initializer_list<std::string_view> chunks) {
  Decoder decoder;
  return feed_all(decoder, chunks);
}

Message text(std::string t) { return {.text = std::move(t), .too_long = false}; }
Message too_long() { return {.text = {}, .too_long = true}; }

using Messages = std::vector<Message>;

// --- Decoder: raw ---------------------------------------------------------

TEST(Decoder, StartsWithUnknownFramingAndNothingPending) {
  Decoder decoder;
  EXPECT_EQ(decoder.framing(), Framing::unknown);
  EXPECT_EQ(decoder.pending_bytes(), 0U);
}

TEST(Decoder, AChunkWithoutNewlineIsOneRawMessage) {
  Decoder decoder;
  EXPECT_EQ(feed_all(decoder, {"50"}), Messages{text("50")});
  EXPECT_EQ(decoder.framing(), Framing::raw);
  EXPECT_EQ(decoder.pending_bytes(), 0U);
}

TEST(Decoder, EachRawChunkIsItsOwnMessage) {
  Decoder decoder;
  EXPECT_EQ(feed_all(decoder, {"5", "0", "FIN"}), (Messages{text("5"), text("0"), text("FIN")}));
  EXPECT_EQ(decoder.framing(), Framing::raw);
}

TEST(Decoder, AnEmptyChunkIsNoMessageAndDoesNotDecideTheFraming) {
  Decoder decoder;
  EXPECT_TRUE(feed_all(decoder, {""}).empty());
  EXPECT_EQ(decoder.framing(), Framing::unknown);
}

TEST(Decoder, RawChunksKeepCarriageReturnsAndAnyBytes) {
  EXPECT_EQ(decode({"a\r"}), Messages{text("a\r")});
  EXPECT_EQ(decode({"\0\xFF"sv}), Messages{text(std::string("\0\xFF"sv))});
}

TEST(Decoder, ARawChunkOfExactly1024BytesIsAMessage) {
  const std::string chunk(1024, 'x');
  EXPECT_EQ(decode({chunk}), Messages{text(chunk)});
}

TEST(Decoder, ARawChunkOf1025BytesIsTooLong) {
  Decoder decoder;
  const std::string chunk(1025, 'x');
  EXPECT_EQ(feed_all(decoder, {chunk, "ok"}), (Messages{too_long(), text("ok")}));
  EXPECT_EQ(decoder.framing(), Framing::raw);
  EXPECT_EQ(decoder.pending_bytes(), 0U);
}

TEST(Decoder, HonoursACustomLimit) {
  Decoder decoder(4);
  EXPECT_EQ(feed_all(decoder, {"abcd", "abcde"}), (Messages{text("abcd"), too_long()}));
}

// --- Decoder: lines -------------------------------------------------------

TEST(Decoder, ALineIsOneMessageWithoutItsNewline) {
  Decoder decoder;
  EXPECT_EQ(feed_all(decoder, {"50\n"}), Messages{text("50")});
  EXPECT_EQ(decoder.framing(), Framing::line);
  EXPECT_EQ(decoder.pending_bytes(), 0U);
}

TEST(Decoder, CrLfLosesItsCarriageReturn) { EXPECT_EQ(decode({"50\r\n"}), Messages{text("50")}); }

TEST(Decoder, OnlyOneCarriageReturnIsStripped) {
  EXPECT_EQ(decode({"a\r\r\n"}), Messages{text("a\r")});
  EXPECT_EQ(decode({"a\rb\n"}), Messages{text("a\rb")});
}

TEST(Decoder, TwoLinesInOneChunkAreTwoMessages) {
  EXPECT_EQ(decode({"50\n25\n"}), (Messages{text("50"), text("25")}));
  EXPECT_EQ(decode({"50\r\n25\r\n"}), (Messages{text("50"), text("25")}));
}

TEST(Decoder, ALineSplitAcrossChunksWaitsForItsEndOnceInLineMode) {
  Decoder decoder;
  EXPECT_EQ(feed_all(decoder, {"hello\n"}), Messages{text("hello")});
  EXPECT_TRUE(feed_all(decoder, {"5"}).empty());
  EXPECT_EQ(decoder.pending_bytes(), 1U);
  EXPECT_EQ(feed_all(decoder, {"0\n"}), Messages{text("50")});
  EXPECT_EQ(decoder.pending_bytes(), 0U);
}

TEST(Decoder, ACrLfSplitBetweenChunksIsStillOneTerminator) {
  Decoder decoder;
  EXPECT_EQ(feed_all(decoder, {"x\n", "50\r", "\n"}), (Messages{text("x"), text("50")}));
}

TEST(Decoder, TheTailAfterTheLastNewlineWaits) {
  Decoder decoder;
  EXPECT_EQ(feed_all(decoder, {"50\n2"}), Messages{text("50")});
  EXPECT_EQ(decoder.pending_bytes(), 1U);
  EXPECT_EQ(feed_all(decoder, {"5\n"}), Messages{text("25")});
}

TEST(Decoder, AnEmptyLineIsAnEmptyMessage) {
  EXPECT_EQ(decode({"\n"}), Messages{text("")});
  EXPECT_EQ(decode({"\r\n"}), Messages{text("")});
  EXPECT_EQ(decode({"\n\n"}), (Messages{text(""), text("")}));
}

TEST(Decoder, LineModeIsStickyEvenForChunksWithoutNewline) {
  Decoder decoder;
  feed_all(decoder, {"a\n"});
  EXPECT_TRUE(feed_all(decoder, {"no newline here"}).empty());
  EXPECT_EQ(decoder.framing(), Framing::line);
  EXPECT_EQ(feed_all(decoder, {"\n"}), Messages{text("no newline here")});
  EXPECT_EQ(decoder.framing(), Framing::line);
}

TEST(Decoder, ARawClientThatSendsANewlineBecomesALineClient) {
  Decoder decoder;
  EXPECT_EQ(feed_all(decoder, {"50", "25\n"}), (Messages{text("50"), text("25")}));
  EXPECT_EQ(decoder.framing(), Framing::line);
}

TEST(Decoder, ALineOf1024BytesIsAMessage) {
  const std::string line(1024, 'x');
  EXPECT_EQ(decode({line + "\n"}), Messages{text(line)});
  EXPECT_EQ(decode({line + "\r\n"}), Messages{text(line)});
}

TEST(Decoder, ALineOf1025BytesIsTooLongExactlyOnce) {
  const std::string line(1025, 'x');
  EXPECT_EQ(decode({line + "\n"}), Messages{too_long()});
  EXPECT_EQ(decode({line + "\r\n"}), Messages{too_long()});
  EXPECT_EQ(decode({line + "\nnext\n"}), (Messages{too_long(), text("next")}));
}

TEST(Decoder, ALineOf1024BytesEndingInCarriageReturnWithoutLfIsTooLong) {
  // 1024 bytes then '\r' then more text: the '\r' is not a terminator, so 1026 bytes.
  const std::string line = std::string(1024, 'x') + "\rx";
  EXPECT_EQ(decode({line + "\n", "ok\n"}), (Messages{too_long(), text("ok")}));
}

TEST(Decoder, AnOverLongLineIsDiscardedUpToItsNewlineAndTheNextLineDecodes) {
  Decoder decoder;
  std::vector<Message> out;
  decoder.feed("start\n", out);
  for (int i = 0; i < 100; ++i) {
    decoder.feed(std::string(100, 'y'), out);
    EXPECT_LE(decoder.pending_bytes(), 1025U);
  }
  decoder.feed("tail of the long line\nnext", out);
  decoder.feed(" line\n", out);
  EXPECT_EQ(out, (Messages{text("start"), too_long(), text("next line")}));
  EXPECT_EQ(decoder.pending_bytes(), 0U);
}

TEST(Decoder, AnOverLongLineByteByByteIsTooLongOnceAndMemoryStaysBounded) {
  Decoder decoder;
  std::vector<Message> out;
  decoder.feed("\n", out);
  out.clear();
  for (int i = 0; i < 5000; ++i) {
    decoder.feed("z", out);
    ASSERT_LE(decoder.pending_bytes(), 1025U);
  }
  decoder.feed("\r", out);
  decoder.feed("\n", out);
  decoder.feed("50\n", out);
  EXPECT_EQ(out, (Messages{too_long(), text("50")}));
}

TEST(Decoder, ALineCrossingTheLimitInTheMiddleOfAChunkIsTooLong) {
  Decoder decoder;
  std::vector<Message> out;
  decoder.feed("\n", out);
  out.clear();
  decoder.feed(std::string(1000, 'a'), out);
  EXPECT_EQ(decoder.pending_bytes(), 1000U);
  decoder.feed(std::string(25, 'a'), out);  // 1025 pending: could still be 1024 + '\r'
  EXPECT_TRUE(out.empty());
  EXPECT_LE(decoder.pending_bytes(), 1025U);
  decoder.feed("a", out);  // 1026: too long now
  EXPECT_EQ(out, Messages{too_long()});
  EXPECT_EQ(decoder.pending_bytes(), 0U);
  decoder.feed("aaaa\nok\n", out);
  EXPECT_EQ(out, (Messages{too_long(), text("ok")}));
}

TEST(Decoder, ExactlyTheLimitSplitOverChunksIsAMessage) {
  Decoder decoder;
  std::vector<Message> out;
  decoder.feed("\n", out);
  out.clear();
  for (int i = 0; i < 8; ++i) decoder.feed(std::string(128, 'b'), out);
  decoder.feed("\r\n", out);
  EXPECT_EQ(out, Messages{text(std::string(1024, 'b'))});
}

TEST(Decoder, TooLongMessagesHaveEmptyText) {
  for (const Message& m : decode({std::string(3000, 'q'), "\n", std::string(3000, 'q') + "\n"}))
    if (m.too_long) {
      EXPECT_TRUE(m.text.empty());
    }
}

// --- encode ---------------------------------------------------------------

TEST(Encode, RawIsTheTextAlone) {
  EXPECT_EQ(encode("C'est plus !", Framing::raw), "C'est plus !");
  EXPECT_EQ(encode("FIN", Framing::raw), "FIN");
  EXPECT_EQ(encode("", Framing::raw), "");
}

TEST(Encode, RawKeeps1024Bytes) {
  const std::string text(1024, 'r');
  EXPECT_EQ(encode(text, Framing::raw), text);
}

TEST(Encode, RawCutsAt1024Bytes) { EXPECT_EQ(encode(std::string(5000, 'r'), Framing::raw), std::string(1024, 'r')); }

TEST(Encode, RawCutsOnAUtf8Boundary) {
  const std::string text = std::string(1023, 'a') + "é";
  const std::string bytes = encode(text, Framing::raw);
  EXPECT_EQ(bytes, std::string(1023, 'a'));
  EXPECT_TRUE(is_valid_utf8(bytes));

  const std::string emoji = std::string(1021, 'a') + "😀";  // 1025 bytes
  EXPECT_EQ(encode(emoji, Framing::raw), std::string(1021, 'a'));
  const std::string fits = std::string(1020, 'a') + "😀";  // 1024 bytes
  EXPECT_EQ(encode(fits, Framing::raw), fits);
}

TEST(Encode, LineAddsOneNewline) {
  EXPECT_EQ(encode("C'est moins !", Framing::line), "C'est moins !\n");
  EXPECT_EQ(encode("FIN", Framing::line), "FIN\n");
  EXPECT_EQ(encode("", Framing::line), "\n");
}

TEST(Encode, LineDoesNotCut) {
  const std::string text(5000, 'l');
  EXPECT_EQ(encode(text, Framing::line), text + "\n");
}

TEST(Encode, UnknownIsLikeLineExceptBareFin) {
  EXPECT_EQ(encode("Bienvenue", Framing::unknown), "Bienvenue\n");
  EXPECT_EQ(encode("FIN", Framing::unknown), "FIN");
  EXPECT_EQ(encode("fin", Framing::unknown), "fin\n");  // only the exact word goes bare
  EXPECT_EQ(encode("FIN ", Framing::unknown), "FIN \n");
}

// --- encode_notice --------------------------------------------------------

TEST(EncodeNotice, IsOneLineForALineClient) {
  EXPECT_EQ(encode_notice("Serveur plein.", Framing::line), "Serveur plein.\n");
}

TEST(EncodeNotice, FillsExactlyOneRecvForARawOrUnknownClient) {
  for (Framing framing : {Framing::raw, Framing::unknown}) {
    const std::string bytes = encode_notice("Serveur plein.", framing);
    ASSERT_EQ(bytes.size(), max_message_bytes);
    EXPECT_EQ(bytes.substr(0, 15), "Serveur plein.\n");
    EXPECT_EQ(bytes.find_first_not_of(' ', 15), std::string::npos);
  }
}

TEST(EncodeNotice, CutsALongNoticeOnAUtf8Boundary) {
  const std::string text = std::string(1022, 'a') + "é";  // 1024 bytes: no room for é and '\n'
  const std::string bytes = encode_notice(text, Framing::raw);
  EXPECT_EQ(bytes.size(), max_message_bytes);
  EXPECT_EQ(bytes, std::string(1022, 'a') + "\n ");
  EXPECT_TRUE(is_valid_utf8(bytes));
}

TEST(Encode, DecodingAnEncodedLineGivesTheTextBack) {
  for (std::string_view t : {"", "50", "Gagné ! C'était 42", "😀 ok"}) {
    Decoder decoder;
    std::vector<Message> out;
    decoder.feed(encode(t, Framing::line), out);
    EXPECT_EQ(out, Messages{text(std::string(t))});
  }
}

}  // namespace
}  // namespace liaison::core
