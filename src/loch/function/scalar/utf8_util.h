#pragma once
// UTF-8 helpers for the string functions. Spark counts characters as
// Unicode code points (UTF8String.numChars); invalid bytes count as one
// character each, as there.

#include <cstdint>
#include <string>
#include <string_view>

namespace loch::scalar {

/// Bytes of the UTF-8 sequence starting with byte `b` (1 for invalid bytes).
inline int utf8SeqLen(unsigned char b) {
  if (b < 0x80) return 1;
  if ((b >> 5) == 0x6) return 2;
  if ((b >> 4) == 0xE) return 3;
  if ((b >> 3) == 0x1E) return 4;
  return 1;
}

/// Number of code points of `s`.
inline int64_t utf8Length(std::string_view s) {
  int64_t n = 0;
  for (size_t i = 0; i < s.size(); i += utf8SeqLen(static_cast<unsigned char>(s[i]))) ++n;
  return n;
}

/// Byte offset of character `chars` (clamped to s.size()).
inline size_t utf8Offset(std::string_view s, int64_t chars) {
  size_t i = 0;
  while (chars > 0 && i < s.size()) {
    i += utf8SeqLen(static_cast<unsigned char>(s[i]));
    --chars;
  }
  return i < s.size() ? i : s.size();
}

/// Characters [start, end) of `s` (0-based, clamped), as UTF8String.substring.
inline std::string_view utf8Substring(std::string_view s, int64_t start, int64_t end) {
  if (end <= start || start < 0) return {};
  size_t b = utf8Offset(s, start);
  size_t e = b + utf8Offset(s.substr(b), end - start);
  return s.substr(b, e - b);
}

/// Decodes the code point at byte i (advances i); invalid bytes decode as themselves.
inline int32_t utf8Decode(std::string_view s, size_t& i) {
  unsigned char b = static_cast<unsigned char>(s[i]);
  int len = utf8SeqLen(b);
  if (len == 1 || i + len > s.size()) {
    ++i;
    return b;
  }
  int32_t cp = b & (0xFF >> (len + 1));
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

/// Appends the UTF-8 encoding of code point `cp`.
inline void utf8Append(std::string& out, int32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace loch::scalar
