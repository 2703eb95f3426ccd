// The threaded lesson's echo service.
#include "core/echo.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "core/framing.hpp"
#include "core/session.hpp"
#include "core/texts.hpp"

namespace liaison::core {
namespace {

const Texts& fr = texts(Lang::fr);
const Texts& en = texts(Lang::en);

void expect_fin(const Reply& reply) {
  EXPECT_EQ(reply.text, "FIN");
  EXPECT_TRUE(reply.last);
}

TEST(Echo, GreetsInTheChosenLanguage) {
  Echo french(fr);
  Echo english(en);
  EXPECT_EQ(french.greeting(), fr.echo_greeting);
  EXPECT_EQ(english.greeting(), en.echo_greeting);
  EXPECT_NE(french.greeting(), english.greeting());
}

TEST(Echo, SendsEachMessageBackWithThePrefix) {
  Echo echo(fr);
  echo.greeting();
  const Reply reply = echo.on_message("hello");
  EXPECT_EQ(reply.text, "echo : hello");
  EXPECT_FALSE(reply.last);
  EXPECT_EQ(echo.on_message("Gagné 😀").text, "echo : Gagné 😀");
  EXPECT_EQ(echo.on_message("").text, "echo : ");
  EXPECT_EQ(echo.on_message("  spaced  ").text, "echo :   spaced  ");
}

TEST(Echo, KeepsGoingMessageAfterMessage) {
  Echo echo(en);
  echo.greeting();
  for (int i = 0; i < 100; ++i) {
    const Reply reply = echo.on_message(std::to_string(i));
    EXPECT_EQ(reply.text, "echo : " + std::to_string(i));
    EXPECT_FALSE(reply.last);
  }
}

TEST(Echo, ExitEndsWithFin) {
  for (std::string_view exit_word : {"exit", " exit ", "exit\r\n"}) {
    Echo echo(fr);
    echo.greeting();
    expect_fin(echo.on_message(exit_word));
  }
}

TEST(Echo, FinInAnyCaseEndsWithFin) {
  for (std::string_view fin_word : {"FIN", "fin", " Fin\r\n"}) {
    Echo echo(fr);
    echo.greeting();
    expect_fin(echo.on_message(fin_word));
  }
}

TEST(Echo, WordsThatMerelyContainExitAreEchoed) {
  Echo echo(fr);
  echo.greeting();
  EXPECT_EQ(echo.on_message("exit now").text, "echo : exit now");
  EXPECT_EQ(echo.on_message("exits").text, "echo : exits");
  EXPECT_EQ(echo.on_message("FINI").text, "echo : FINI");
}

TEST(Echo, InvalidUtf8GetsTheNoticeNotAnEcho) {
  for (const Texts* t : {&fr, &en}) {
    Echo echo(*t);
    echo.greeting();
    for (std::string_view bad : {std::string_view("\xFF"), std::string_view("ab\xC3"), std::string_view("\xED\xA0\x80"),
                                 std::string_view("\xC0\x80")}) {
      const Reply reply = echo.on_message(bad);
      EXPECT_EQ(reply.text, t->invalid_utf8);
      EXPECT_FALSE(reply.last);
    }
    EXPECT_EQ(echo.on_message("still here").text, "echo : still here");
  }
}

TEST(Echo, ATooLongMessageGetsTheTooLongNotice) {
  Echo echo(fr);
  echo.greeting();
  const Reply reply = answer(echo, {.text = {}, .too_long = true}, fr);
  EXPECT_EQ(reply.text, "Message trop long (plus de 1024 octets) : il a été ignoré.");
  EXPECT_FALSE(reply.last);
  Echo english(en);
  EXPECT_EQ(answer(english, {.text = {}, .too_long = true}, en).text,
            "Message too long (over 1024 bytes): it was ignored.");
}

}  // namespace
}  // namespace liaison::core
