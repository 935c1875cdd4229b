#include "loch/cli/script_splitter.h"

#include "loch/sql/lexer.h"

namespace loch::cli {

namespace {

/// Whitespace that puts the next character at `offset`'s line and column.
std::string positionPadding(std::string_view script, size_t offset) {
  std::string pad;
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (script[i] == '\n') {
      pad += '\n';
      line_start = i + 1;
    }
  }
  pad.append(offset - line_start, ' ');
  return pad;
}

}  // namespace

std::vector<std::string> splitStatements(std::string_view script) {
  auto tokens = sql::Lexer(script).tokenize();
  std::vector<std::string> out;
  bool open = false;  // a statement has started and not yet ended
  size_t begin = 0;
  size_t end = 0;
  for (const auto& t : tokens) {
    if (t.is(sql::TokenKind::kEnd) || t.isOp(";")) {
      if (open) out.push_back(positionPadding(script, begin) + std::string(script.substr(begin, end - begin)));
      open = false;
      continue;
    }
    if (!open) begin = t.pos.offset;
    open = true;
    end = t.end_offset;
  }
  return out;
}

}  // namespace loch::cli
