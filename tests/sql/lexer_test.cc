#include "loch/sql/lexer.h"

#include <gtest/gtest.h>

#include "sql/test_util.h"

namespace loch::sql {
namespace {

using testing::parseError;

std::vector<Token> lex(std::string_view sql) { return Lexer(sql).tokenize(); }

TEST(LexerTest, WordsNumbersOperators) {
  auto tokens = lex("SELECT a1, 42 FROM t WHERE x <=> 1.5");
  ASSERT_EQ(tokens.size(), 11u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kIdentifier);
  EXPECT_TRUE(tokens[0].isKeyword("SELECT"));
  EXPECT_EQ(tokens[1].text, "a1");
  EXPECT_TRUE(tokens[2].isOp(","));
  EXPECT_EQ(tokens[3].kind, TokenKind::kNumber);
  EXPECT_EQ(tokens[3].text, "42");
  EXPECT_TRUE(tokens[8].isOp("<=>"));
  EXPECT_EQ(tokens[9].text, "1.5");
  EXPECT_EQ(tokens[10].kind, TokenKind::kEnd);
}

TEST(LexerTest, KeywordsAreCaseInsensitive) {
  auto tokens = lex("select SeLeCt");
  EXPECT_TRUE(tokens[0].isKeyword("SELECT"));
  EXPECT_TRUE(tokens[1].isKeyword("SELECT"));
  EXPECT_EQ(tokens[1].text, "SeLeCt");
}

TEST(LexerTest, Positions) {
  auto tokens = lex("SELECT\n  a,\n\tbb");
  EXPECT_EQ(tokens[0].pos.line, 1);
  EXPECT_EQ(tokens[0].pos.col, 0);
  EXPECT_EQ(tokens[1].pos.line, 2);
  EXPECT_EQ(tokens[1].pos.col, 2);
  EXPECT_EQ(tokens[3].pos.line, 3);
  EXPECT_EQ(tokens[3].pos.col, 1);
  EXPECT_EQ(tokens[3].pos.offset, 13u);
  EXPECT_EQ(tokens[3].end_offset, 15u);
}

TEST(LexerTest, NumericSuffixesStayInToken) {
  auto tokens = lex("1L 2S 3Y 1.5D 2.5F 1.5BD 1e3 1E-2 .5 1.");
  std::vector<std::string> texts;
  for (const auto& t : tokens) {
    if (t.is(TokenKind::kNumber)) texts.push_back(t.text);
  }
  EXPECT_EQ(texts, (std::vector<std::string>{"1L", "2S", "3Y", "1.5D", "2.5F",
                                             "1.5BD", "1e3", "1E-2", ".5",
                                             "1."}));
}

TEST(LexerTest, DigitLeadingWordIsIdentifier) {
  auto tokens = lex("1abc");
  EXPECT_EQ(tokens[0].kind, TokenKind::kIdentifier);
  EXPECT_EQ(tokens[0].text, "1abc");
}

TEST(LexerTest, StringsWithEscapes) {
  auto tokens = lex(R"('it\'s' "dq\n" 'a\tb' '\u0041\\' '\%_')");
  EXPECT_EQ(tokens[0].kind, TokenKind::kString);
  EXPECT_EQ(tokens[0].text, "it's");
  EXPECT_EQ(tokens[1].text, "dq\n");
  EXPECT_EQ(tokens[2].text, "a\tb");
  EXPECT_EQ(tokens[3].text, "A\\");
  EXPECT_EQ(tokens[4].text, "\\%_");
}

TEST(LexerTest, RawStringKeepsBackslashes) {
  auto tokens = lex(R"(r'\d+\n')");
  EXPECT_EQ(tokens[0].kind, TokenKind::kString);
  EXPECT_EQ(tokens[0].text, "\\d+\\n");
}

TEST(LexerTest, QuotedIdentifierWithEscapedBacktick) {
  auto tokens = lex("`my``col` `a b`");
  EXPECT_EQ(tokens[0].kind, TokenKind::kQuotedIdentifier);
  EXPECT_EQ(tokens[0].text, "my`col");
  EXPECT_EQ(tokens[1].text, "a b");
}

TEST(LexerTest, HexString) {
  auto tokens = lex("X'0AFF' x'00'");
  EXPECT_EQ(tokens[0].kind, TokenKind::kHexString);
  EXPECT_EQ(tokens[0].text, "0AFF");
  EXPECT_EQ(tokens[1].text, "00");
}

TEST(LexerTest, CommentsAreSkippedAndNest) {
  auto tokens = lex("a -- line comment\n/* block /* nested */ still */ b");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].text, "a");
  EXPECT_EQ(tokens[1].text, "b");
  EXPECT_EQ(tokens[1].pos.line, 2);
}

TEST(LexerTest, HintIsTokenized) {
  auto tokens = lex("SELECT /*+ BROADCAST(t) */ a");
  ASSERT_EQ(tokens.size(), 9u);
  EXPECT_EQ(tokens[1].kind, TokenKind::kHintStart);
  EXPECT_EQ(tokens[2].text, "BROADCAST");
  EXPECT_EQ(tokens[6].kind, TokenKind::kHintEnd);
  EXPECT_EQ(tokens[7].text, "a");
}

TEST(LexerTest, MultiCharOperators) {
  auto tokens = lex("<> != == >= <= || :: -> => < > | & ^ ~ !");
  std::vector<std::string> ops;
  for (const auto& t : tokens) {
    if (t.is(TokenKind::kOperator)) ops.push_back(t.text);
  }
  EXPECT_EQ(ops, (std::vector<std::string>{"<>", "!=", "==", ">=", "<=", "||",
                                           "::", "->", "=>", "<", ">", "|",
                                           "&", "^", "~", "!"}));
}

TEST(LexerTest, UnterminatedString) {
  EXPECT_EQ(parseError([] { lex("SELECT 'abc"); }),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near ''abc': unclosed "
            "string literal. (line 1, pos 7)");
}

TEST(LexerTest, UnterminatedQuotedIdentifier) {
  EXPECT_EQ(parseError([] { lex("SELECT `abc"); }),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near '`abc': unclosed "
            "quoted identifier. (line 1, pos 7)");
}

TEST(LexerTest, UnterminatedComment) {
  EXPECT_EQ(parseError([] { lex("SELECT 1\n /* abc /* */"); }),
            "[UNCLOSED_BRACKETED_COMMENT] Found an unclosed bracketed "
            "comment. Please, append */ at the end of the comment. (line 2, "
            "pos 1)");
}

TEST(LexerTest, UnterminatedHint) {
  EXPECT_NE(parseError([] { lex("SELECT /*+ BROADCAST(t) a"); })
                .find("UNCLOSED_BRACKETED_COMMENT"),
            std::string::npos);
}

TEST(LexerTest, UnexpectedCharacter) {
  EXPECT_EQ(parseError([] { lex("SELECT a # b"); }),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near '#': unexpected "
            "character. (line 1, pos 9)");
}

TEST(LexerTest, Utf8Identifier) {
  auto tokens = lex("SELECT héllo");
  EXPECT_EQ(tokens[1].kind, TokenKind::kIdentifier);
  EXPECT_EQ(tokens[1].text, "héllo");
}

}  // namespace
}  // namespace loch::sql
