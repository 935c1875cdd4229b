#include "loch/io/csv/csv_tokenizer.h"

namespace loch {

CsvTokenizer::CsvTokenizer(const CsvOptions& options, std::string_view data, bool skip_bom)
    : opt_(options), data_(data) {
  if (skip_bom && data_.size() >= 3 && static_cast<unsigned char>(data_[0]) == 0xEF &&
      static_cast<unsigned char>(data_[1]) == 0xBB && static_cast<unsigned char>(data_[2]) == 0xBF) {
    pos_ = 3;
  }
}

void CsvTokenizer::consumeNewline() {
  if (pos_ >= data_.size()) return;
  if (data_[pos_] == '\r') {
    ++pos_;
    if (pos_ < data_.size() && data_[pos_] == '\n') ++pos_;
  } else if (data_[pos_] == '\n') {
    ++pos_;
  }
  ++line_;
}

void CsvTokenizer::skipLine() {
  while (pos_ < data_.size() && !atNewline(pos_)) ++pos_;
  consumeNewline();
}

bool CsvTokenizer::next(std::vector<CsvField>& fields, size_t limit) {
  fields.clear();
  spans_.clear();
  scratch_.clear();
  const size_t n = data_.size();
  // Skip blank and comment lines.
  while (pos_ < n && pos_ < limit) {
    if (atNewline(pos_)) {
      consumeNewline();
    } else if (opt_.comment && data_[pos_] == *opt_.comment) {
      skipLine();
    } else {
      break;
    }
  }
  if (pos_ >= n || pos_ >= limit) return false;
  size_t start = pos_;
  record_line_ = line_;
  const char sep = opt_.sep, quote = opt_.quote, esc = opt_.escape;
  while (true) {
    if (opt_.ignore_leading_white_space) {
      while (pos_ < n && (data_[pos_] == ' ' || data_[pos_] == '\t') && data_[pos_] != sep) ++pos_;
    }
    if (quote != '\0' && pos_ < n && data_[pos_] == quote) {
      // Quoted field: copy into scratch, resolving escapes and doubled quotes.
      ++pos_;
      size_t begin = scratch_.size();
      while (pos_ < n) {
        char c = data_[pos_];
        if (c == esc && esc != quote && pos_ + 1 < n && (data_[pos_ + 1] == quote || data_[pos_ + 1] == esc)) {
          scratch_.push_back(data_[pos_ + 1]);
          pos_ += 2;
        } else if (c == quote) {
          if (pos_ + 1 < n && data_[pos_ + 1] == quote) {
            scratch_.push_back(quote);
            pos_ += 2;
          } else {
            ++pos_;
            break;
          }
        } else if (atNewline(pos_) && !opt_.multi_line) {
          break;  // unterminated quote: the line ends the field
        } else {
          if (c == '\n' || (c == '\r' && !(pos_ + 1 < n && data_[pos_ + 1] == '\n'))) ++line_;
          scratch_.push_back(c);
          ++pos_;
        }
      }
      // Characters after the closing quote stay part of the value (lenient).
      while (pos_ < n && data_[pos_] != sep && !atNewline(pos_)) scratch_.push_back(data_[pos_++]);
      spans_.push_back({begin, scratch_.size() - begin, true, true});
    } else {
      size_t begin = pos_;
      while (pos_ < n && data_[pos_] != sep && !atNewline(pos_)) ++pos_;
      size_t end = pos_;
      if (opt_.ignore_trailing_white_space) {
        while (end > begin && (data_[end - 1] == ' ' || data_[end - 1] == '\t')) --end;
      }
      spans_.push_back({begin, end - begin, false, false});
    }
    if (pos_ < n && data_[pos_] == sep) {
      ++pos_;
      continue;
    }
    break;
  }
  raw_ = data_.substr(start, pos_ - start);
  consumeNewline();
  for (const auto& s : spans_) {
    const char* base = s.in_scratch ? scratch_.data() : data_.data();
    fields.push_back({std::string_view(base + s.begin, s.length), s.quoted});
  }
  return true;
}

}  // namespace loch
