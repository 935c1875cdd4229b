#include "loch/jobs/script_splitter.h"

#include "loch/common/exception.h"
#include "loch/sql/lexer.h"

namespace loch::jobs {

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

std::vector<ScriptStatement> splitScript(std::string_view script) {
  auto tokens = sql::Lexer(script).tokenize();
  std::vector<ScriptStatement> out;
  bool open = false;  // a statement has started and not yet ended
  size_t begin = 0;
  size_t end = 0;
  size_t after_previous = 0;  // offset just after the previous ';'
  for (const auto& t : tokens) {
    if (t.is(sql::TokenKind::kEnd) || t.isOp(";")) {
      if (open) {
        out.push_back({positionPadding(script, begin) + std::string(script.substr(begin, end - begin)),
                       std::string(script.substr(after_previous, begin - after_previous))});
      }
      open = false;
      if (!t.is(sql::TokenKind::kEnd)) after_previous = t.end_offset;
      continue;
    }
    if (!open) begin = t.pos.offset;
    open = true;
    end = t.end_offset;
  }
  return out;
}

std::vector<std::string> splitStatements(std::string_view script) {
  std::vector<std::string> out;
  for (auto& s : splitScript(script)) out.push_back(std::move(s.sql));
  return out;
}

bool isCompleteStatement(std::string_view text) {
  try {
    auto tokens = sql::Lexer(text).tokenize();
    for (auto it = tokens.rbegin(); it != tokens.rend(); ++it) {
      if (it->is(sql::TokenKind::kEnd)) continue;
      return it->isOp(";");
    }
    return false;
  } catch (const LochException&) {
    return false;  // an unterminated string or comment: more input follows
  }
}

}  // namespace loch::jobs
