// String functions (Spark's stringExpressions.scala), over UTF-8 strings.

#include <utf8proc.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <random>
#include <unordered_map>

#include "loch/function/scalar/scalar_util.h"
#include "loch/function/scalar/utf8_util.h"

namespace loch::scalar {

namespace {

bool isAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

void caseMap(std::string_view s, std::string& out, bool upper) {
  if (isAscii(s)) {
    out.resize(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      out[i] = upper ? (c >= 'a' && c <= 'z' ? c - 32 : c) : (c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return;
  }
  for (size_t i = 0; i < s.size();) {
    int32_t cp = utf8Decode(s, i);
    if (upper && cp == 0xDF) {  // Java's full mapping: sharp s upper-cases to "SS"
      out.append("SS");
      continue;
    }
    utf8Append(out, upper ? utf8proc_toupper(cp) : utf8proc_tolower(cp));
  }
}

/// Spark's UTF8String.substringSQL: 1-based pos, negative from the end.
std::string_view substringSql(std::string_view s, int64_t pos, int64_t length) {
  int64_t len = utf8Length(s);
  int64_t start = pos > 0 ? pos - 1 : (pos < 0 ? len + pos : 0);
  int64_t end = start + length;
  end = std::clamp<int64_t>(end, INT32_MIN, INT32_MAX);
  start = std::max<int64_t>(start, 0);
  if (start >= end) return {};
  return utf8Substring(s, start, std::min(end, len));
}

/// Binder of f(string...) -> string where each row maps through `fn`.
template <class F>
ScalarBinder stringMap(std::string name, size_t nargs, F fn) {
  return [name, nargs, fn](const ScalarBindInput& in) {
    checkArgCount(name, in, nargs, nargs);
    BoundScalarFunction b;
    b.name = name;
    for (size_t i = 0; i < nargs; ++i) b.arg_types.push_back(expectType(name, in, i, StringType()));
    b.return_type = StringType();
    b.kernel = [fn](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeString(args, rows, StringType(), [&](const auto& d, int64_t i, std::string& out) {
        fn(d, i, out);
        return true;
      });
    };
    return b;
  };
}

/// Binder of f(string) -> integer/boolean-like fixed width results.
template <class Out, class F>
ScalarBinder stringToFixed(std::string name, size_t nargs, DataTypePtr ret, F fn, bool binary_ok = false) {
  return [name, nargs, ret, fn, binary_ok](const ScalarBindInput& in) {
    checkArgCount(name, in, nargs, nargs);
    BoundScalarFunction b;
    b.name = name;
    bool binary = binary_ok && in.args[0]->type()->id() == TypeId::Binary;
    for (size_t i = 0; i < nargs; ++i) {
      b.arg_types.push_back(binary && in.args[i]->type()->id() == TypeId::Binary
                                ? BinaryType()
                                : expectType(name, in, i, StringType()));
    }
    b.return_type = ret;
    b.kernel = [fn, ret, binary](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeFixed<Out>(args, rows, ret, [&](const auto& d, int64_t i, Out& out) {
        out = fn(d, i, binary);
        return true;
      });
    };
    return b;
  };
}

void addTrim(FunctionRegistry& r, const std::string& name, bool left, bool right) {
  r.addScalar(name, [=](const ScalarBindInput& in) {
    checkArgCount(name, in, 1, 2);
    BoundScalarFunction b;
    b.name = name;
    for (size_t i = 0; i < in.args.size(); ++i) b.arg_types.push_back(expectType(name, in, i, StringType()));
    b.return_type = StringType();
    b.kernel = [=](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      bool with_set = args.size() == 2;
      return computeString(args, rows, StringType(), [&](const auto& d, int64_t i, std::string& out) {
        std::string_view s = d[0].stringAt(i);
        if (!with_set) {
          size_t b0 = 0, e = s.size();
          if (left) while (b0 < e && s[b0] == ' ') ++b0;
          if (right) while (e > b0 && s[e - 1] == ' ') --e;
          out.assign(s.substr(b0, e - b0));
          return true;
        }
        // Trim characters (code points) in the set from the ends.
        std::string_view set = d[1].stringAt(i);
        auto inSet = [&](std::string_view ch) { return set.find(ch) != std::string_view::npos; };
        size_t b0 = 0, e = s.size();
        if (left) {
          while (b0 < e) {
            size_t l = utf8SeqLen(static_cast<unsigned char>(s[b0]));
            if (!inSet(s.substr(b0, l))) break;
            b0 += l;
          }
        }
        if (right) {
          while (e > b0) {
            size_t st = e - 1;
            while (st > b0 && (static_cast<unsigned char>(s[st]) & 0xC0) == 0x80) --st;
            if (!inSet(s.substr(st, e - st))) break;
            e = st;
          }
        }
        out.assign(s.substr(b0, e - b0));
        return true;
      });
    };
    return b;
  });
}

/// Spark's limit on one string value (2 GiB); larger results are refused
/// instead of exhausting memory.
constexpr int64_t kMaxStringBytes = int64_t{1} << 31;

[[noreturn]] void throwTooLong(const char* fn) {
  throw InvalidArgumentException("EXCEED_LIMIT_LENGTH",
                                 std::string("The result of ") + fn + " exceeds the string length limit of 2147483647 bytes.");
}

void pad(std::string_view s, int64_t len, std::string_view padding, bool left, std::string& out) {
  int64_t n = utf8Length(s);
  int64_t spaces = len - n;
  if (spaces > 0 && !padding.empty() && static_cast<int64_t>(s.size()) +
                                                 spaces * static_cast<int64_t>(padding.size()) /
                                                     std::max<int64_t>(1, utf8Length(padding)) >
                                             kMaxStringBytes) {
    throwTooLong(left ? "lpad" : "rpad");
  }
  if (spaces <= 0 || padding.empty()) {
    out.assign(utf8Substring(s, 0, std::max<int64_t>(len, 0)));
    return;
  }
  int64_t pad_chars = utf8Length(padding);
  std::string fill;
  int64_t full = spaces / pad_chars;
  for (int64_t k = 0; k < full; ++k) fill.append(padding);
  fill.append(utf8Substring(padding, 0, spaces % pad_chars));
  if (left) {
    out.append(fill);
    out.append(s);
  } else {
    out.append(s);
    out.append(fill);
  }
}

void addPad(FunctionRegistry& r, const std::string& name, bool left) {
  r.addScalar(name, [=](const ScalarBindInput& in) {
    checkArgCount(name, in, 2, 3);
    BoundScalarFunction b;
    b.name = name;
    b.arg_types = {expectType(name, in, 0, StringType()), expectType(name, in, 1, IntegerType())};
    if (in.args.size() == 3) b.arg_types.push_back(expectType(name, in, 2, StringType()));
    b.return_type = StringType();
    b.kernel = [=](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      bool has_pad = args.size() == 3;
      return computeString(args, rows, StringType(), [&](const auto& d, int64_t i, std::string& out) {
        pad(d[0].stringAt(i), d[1].template valueAt<int32_t>(i), has_pad ? d[2].stringAt(i) : " ", left,
            out);
        return true;
      });
    };
    return b;
  });
}

/// 1-based character index of `sub` in `s` at or after character `from`
/// (0-based), 0 when absent (UTF8String.indexOf + 1).
int32_t charIndexOf(std::string_view s, std::string_view sub, int64_t from) {
  if (sub.empty()) return 1;  // UTF8String.indexOf gives 0 for an empty needle
  size_t start = utf8Offset(s, from);
  if (from > 0 && start >= s.size()) return 0;
  size_t pos = s.find(sub, start);
  if (pos == std::string_view::npos) return 0;
  return static_cast<int32_t>(utf8Length(s.substr(0, pos)) + 1);
}

// ---- format_string -------------------------------------------------------

void appendFormatted(std::string& out, const std::string& spec_flags, int64_t width, int precision, char conv,
                     const DecodedVector& d, const DataType& type, int64_t i) {
  bool left_align = spec_flags.find('-') != std::string::npos;
  bool zero = spec_flags.find('0') != std::string::npos;
  bool plus = spec_flags.find('+') != std::string::npos;
  bool comma = spec_flags.find(',') != std::string::npos;
  std::string body;
  bool is_null = d.isNull(i);
  char lower = static_cast<char>(std::tolower(conv));
  if (is_null) {
    body = lower == 'b' ? "false" : "null";
  } else if (lower == 's') {
    body = type.id() == TypeId::String ? std::string(d.stringAt(i)) : d.base().getValue(d.index(i)).toString();
  } else if (lower == 'd') {
    if (!type.isIntegral()) {
      throw InvalidArgumentException("ILLEGAL_FORMAT_CONVERSION",
                                     "d != " + type.simpleString() + " in format_string.");
    }
    int64_t v = integralAsLong(d, type, i);
    std::string digits = std::to_string(v);
    bool neg = v < 0;
    if (neg) digits.erase(0, 1);
    if (comma) {
      std::string g;
      int cnt = 0;
      for (int k = static_cast<int>(digits.size()) - 1; k >= 0; --k) {
        g.insert(g.begin(), digits[k]);
        if (++cnt % 3 == 0 && k > 0) g.insert(g.begin(), ',');
      }
      digits = g;
    }
    body = (neg ? "-" : (plus ? "+" : "")) + digits;
  } else if (lower == 'x' || lower == 'o') {
    int64_t v = integralAsLong(d, type, i);
    char buf[32];
    std::snprintf(buf, sizeof buf, lower == 'x' ? "%llx" : "%llo", static_cast<unsigned long long>(v));
    body = buf;
  } else if (lower == 'f' || lower == 'e' || lower == 'g') {
    if (!type.isNumeric() || type.isIntegral()) {
      throw InvalidArgumentException("ILLEGAL_FORMAT_CONVERSION",
                                     std::string(1, conv) + " != " + type.simpleString() + " in format_string.");
    }
    double v = numericAsDouble(d, type, i);
    std::string f = std::string("%") + (plus ? "+" : "") + (comma ? "'" : "") + "." +
                    std::to_string(precision < 0 ? 6 : precision) + lower;
    char buf[1024];  // 309 integer digits + 400 fraction digits at most
    std::snprintf(buf, sizeof buf, f.c_str(), v);
    body = buf;
  } else if (lower == 'b') {
    body = type.id() == TypeId::Boolean ? (d.valueAt<uint8_t>(i) ? "true" : "false") : "true";
  } else if (lower == 'c') {
    int64_t v = type.id() == TypeId::String ? 0 : integralAsLong(d, type, i);
    if (type.id() == TypeId::String) {
      body = std::string(d.stringAt(i)).substr(0, 1);
    } else {
      utf8Append(body, static_cast<int32_t>(v));
    }
  } else {
    throw InvalidArgumentException("UNKNOWN_FORMAT_CONVERSION",
                                   "Conversion = '" + std::string(1, conv) + "' in format_string.");
  }
  if (lower == 's' && precision >= 0) body = std::string(utf8Substring(body, 0, precision));
  if (std::isupper(static_cast<unsigned char>(conv))) {
    for (auto& c : body) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  int64_t len = utf8Length(body);
  if (width > len) {
    std::string fill(width - len, zero && !left_align && lower != 's' ? '0' : ' ');
    if (left_align) {
      body += fill;
    } else if (fill[0] == '0' && !body.empty() && (body[0] == '-' || body[0] == '+')) {
      body = body.substr(0, 1) + fill + body.substr(1);
    } else {
      body = fill + body;
    }
  }
  out += body;
}

void formatRow(std::string_view fmt, const std::vector<DecodedVector>& d, const std::vector<DataTypePtr>& types,
               int64_t i, std::string& out) {
  size_t next_arg = 1;
  for (size_t p = 0; p < fmt.size(); ++p) {
    char c = fmt[p];
    if (c != '%') {
      out.push_back(c);
      continue;
    }
    size_t q = p + 1;
    // %[argument_index$][flags][width][.precision]conversion
    size_t arg = 0;
    size_t num_start = q;
    while (q < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[q]))) ++q;
    if (q < fmt.size() && fmt[q] == '$' && q > num_start) {
      arg = std::stoul(std::string(fmt.substr(num_start, q - num_start)));
      ++q;
    } else {
      q = num_start;
    }
    std::string flags;
    while (q < fmt.size() && std::strchr("-#+ 0,(", fmt[q])) flags.push_back(fmt[q++]);
    int64_t width = 0;
    while (q < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[q]))) {
      width = width * 10 + (fmt[q++] - '0');
      if (width > (1 << 24)) throwTooLong("format_string");
    }
    int precision = -1;
    if (q < fmt.size() && fmt[q] == '.') {
      ++q;
      precision = 0;
      while (q < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[q]))) {
        precision = precision * 10 + (fmt[q++] - '0');
        if (precision > 400) throwTooLong("format_string");
      }
    }
    if (q >= fmt.size()) {
      throw InvalidArgumentException("UNKNOWN_FORMAT_CONVERSION", "Conversion = '%' in format_string.");
    }
    char conv = fmt[q];
    p = q;
    if (conv == '%') {
      out.push_back('%');
      continue;
    }
    if (conv == 'n') {
      out.push_back('\n');
      continue;
    }
    size_t index = arg ? arg : next_arg++;
    if (index >= d.size()) {
      throw InvalidArgumentException("MISSING_FORMAT_ARGUMENT",
                                     "Format specifier '%" + std::string(1, conv) + "' has no argument.");
    }
    appendFormatted(out, flags, width, precision, conv, d[index], *types[index], i);
  }
}

void registerFormatString(FunctionRegistry& r) {
  r.addScalar("format_string", [](const ScalarBindInput& in) {
    checkArgCount("format_string", in, 1, SIZE_MAX);
    BoundScalarFunction b;
    b.name = "format_string";
    b.arg_types = {expectType("format_string", in, 0, StringType())};
    for (size_t i = 1; i < in.args.size(); ++i) {
      auto t = in.args[i]->type();
      b.arg_types.push_back(t->id() == TypeId::Null ? StringType() : t);
    }
    b.return_type = StringType();
    b.introduces_nulls = true;
    auto types = b.arg_types;
    b.kernel = [types](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeString(
          args, rows, StringType(),
          [&](const std::vector<DecodedVector>& d, int64_t i, std::string& out) {
            if (d[0].isNull(i)) return false;
            formatRow(d[0].stringAt(i), d, types, i, out);
            return true;
          },
          /*call_on_null=*/true);
    };
    return b;
  });
  r.addAlias("printf", "format_string");
}

// ---- concat / concat_ws -----------------------------------------------------

void registerConcat(FunctionRegistry& r) {
  r.addScalar("concat_ws", [](const ScalarBindInput& in) {
    checkArgCount("concat_ws", in, 1, SIZE_MAX);
    BoundScalarFunction b;
    b.name = "concat_ws";
    b.arg_types = {expectType("concat_ws", in, 0, StringType())};
    std::vector<bool> is_array;
    for (size_t i = 1; i < in.args.size(); ++i) {
      const auto& t = in.args[i]->type();
      if (t->id() == TypeId::Array) {
        if (!canImplicitCast(*t->elementType(), *StringType())) throwTypeMismatch("concat_ws", in, i, "\"ARRAY<STRING>\" or \"STRING\"");
        b.arg_types.push_back(ArrayType(StringType()));
        is_array.push_back(true);
      } else {
        b.arg_types.push_back(expectType("concat_ws", in, i, StringType()));
        is_array.push_back(false);
      }
    }
    b.return_type = StringType();
    b.kernel = [is_array](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      std::vector<DecodedVector> elems(args.size());
      for (size_t a = 1; a < args.size(); ++a) {
        if (is_array[a - 1]) {
          DecodedVector tmp(*args[a]);
          elems[a].decode(*tmp.base().child(0));
        }
      }
      return computeString(
          args, rows, StringType(),
          [&](const std::vector<DecodedVector>& d, int64_t i, std::string& out) {
            if (d[0].isNull(i)) return false;
            std::string_view sep = d[0].stringAt(i);
            bool first = true;
            auto add = [&](std::string_view s) {
              if (!first) out.append(sep);
              out.append(s);
              first = false;
            };
            for (size_t a = 1; a < d.size(); ++a) {
              if (d[a].isNull(i)) continue;
              if (!is_array[a - 1]) {
                add(d[a].stringAt(i));
                continue;
              }
              const int32_t* off = d[a].base().offsets();
              int64_t row = d[a].index(i);
              for (int32_t k = off[row]; k < off[row + 1]; ++k) {
                if (!elems[a].isNull(k)) add(elems[a].stringAt(k));
              }
            }
            return true;
          },
          /*call_on_null=*/true);
    };
    return b;
  });
}


void registerExtraStringFunctions(FunctionRegistry& r) {
  r.addScalar("substring_index", [](const ScalarBindInput& in) {
    checkArgCount("substring_index", in, 3, 3);
    BoundScalarFunction b;
    b.name = "substring_index";
    b.arg_types = {expectType("substring_index", in, 0, StringType()), expectType("substring_index", in, 1, StringType()),
                   expectType("substring_index", in, 2, IntegerType())};
    b.return_type = StringType();
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeString(args, rows, StringType(), [](const auto& d, int64_t i, std::string& out) {
        std::string_view s = d[0].stringAt(i);
        std::string_view delim = d[1].stringAt(i);
        int64_t count = d[2].template valueAt<int32_t>(i);
        if (delim.empty() || count == 0) return true;
        if (count > 0) {
          size_t pos = 0;
          for (int64_t k = 0; k < count; ++k) {
            size_t f = s.find(delim, k == 0 ? 0 : pos + delim.size());
            if (f == std::string_view::npos) {
              out.assign(s);
              return true;
            }
            pos = f;
          }
          out.assign(s.substr(0, pos));
        } else {
          size_t pos = s.size();  // occurrences must end at or before pos
          for (int64_t k = 0; k < -count; ++k) {
            size_t f = pos < delim.size() ? std::string_view::npos : s.rfind(delim, pos - delim.size());
            if (f == std::string_view::npos) {
              out.assign(s);
              return true;
            }
            pos = f;
          }
          out.assign(s.substr(pos + delim.size()));
        }
        return true;
      });
    };
    return b;
  });
  r.addScalar("space", [](const ScalarBindInput& in) {
    checkArgCount("space", in, 1, 1);
    BoundScalarFunction b;
    b.name = "space";
    b.arg_types = {expectType("space", in, 0, IntegerType())};
    b.return_type = StringType();
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeString(args, rows, StringType(), [](const auto& d, int64_t i, std::string& out) {
        int32_t n = d[0].template valueAt<int32_t>(i);
        if (n > (1 << 30)) throwTooLong("space");
        if (n > 0) out.assign(static_cast<size_t>(n), ' ');
        return true;
      });
    };
    return b;
  });
  r.addScalar("find_in_set", stringToFixed<int32_t>("find_in_set", 2, IntegerType(), [](const auto& d, int64_t i, bool) {
                std::string_view s = d[0].stringAt(i);
                std::string_view list = d[1].stringAt(i);
                if (s.find(',') != std::string_view::npos) return 0;
                int32_t idx = 1;
                size_t start = 0;
                while (true) {
                  size_t comma = list.find(',', start);
                  std::string_view item = list.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
                  if (item == s) return idx;
                  if (comma == std::string_view::npos) return 0;
                  start = comma + 1;
                  ++idx;
                }
              }));
  r.addScalar("levenshtein", [](const ScalarBindInput& in) {
    checkArgCount("levenshtein", in, 2, 3);
    BoundScalarFunction b;
    b.name = "levenshtein";
    b.arg_types = {expectType("levenshtein", in, 0, StringType()), expectType("levenshtein", in, 1, StringType())};
    if (in.args.size() == 3) b.arg_types.push_back(expectType("levenshtein", in, 2, IntegerType()));
    b.return_type = IntegerType();
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      bool has_threshold = args.size() == 3;
      std::vector<int32_t> a, c, prev, cur;
      return computeFixed<int32_t>(args, rows, IntegerType(), [&](const auto& d, int64_t i, int32_t& out) {
        // Distance over code points.
        auto decode = [](std::string_view s, std::vector<int32_t>& cps) {
          cps.clear();
          for (size_t p = 0; p < s.size();) cps.push_back(utf8Decode(s, p));
        };
        decode(d[0].stringAt(i), a);
        decode(d[1].stringAt(i), c);
        prev.resize(c.size() + 1);
        cur.resize(c.size() + 1);
        for (size_t k = 0; k <= c.size(); ++k) prev[k] = static_cast<int32_t>(k);
        for (size_t x = 1; x <= a.size(); ++x) {
          cur[0] = static_cast<int32_t>(x);
          for (size_t y = 1; y <= c.size(); ++y) {
            cur[y] = std::min({prev[y] + 1, cur[y - 1] + 1, prev[y - 1] + (a[x - 1] == c[y - 1] ? 0 : 1)});
          }
          std::swap(prev, cur);
        }
        out = prev[c.size()];
        if (has_threshold && out > d[2].template valueAt<int32_t>(i)) out = -1;
        return true;
      });
    };
    return b;
  });
  r.addScalar("uuid", [](const ScalarBindInput& in) {
    checkArgCount("uuid", in, 0, 0);
    BoundScalarFunction b;
    b.name = "uuid";
    b.return_type = StringType();
    b.deterministic = false;
    b.kernel = [](const std::vector<VectorPtr>&, int64_t rows, EvalContext&) {
      thread_local std::mt19937_64 rng{std::random_device{}()};
      VectorBuilder out(StringType(), rows);
      char buf[37];
      for (int64_t i = 0; i < rows; ++i) {
        uint64_t hi = rng(), lo = rng();
        hi = (hi & ~0xF000ULL) | 0x4000ULL;  // version 4
        lo = (lo & ~(0xC000ULL << 48)) | (0x8000ULL << 48);  // IETF variant
        std::snprintf(buf, sizeof buf, "%08llx-%04llx-%04llx-%04llx-%012llx",
                      static_cast<unsigned long long>(hi >> 32), static_cast<unsigned long long>((hi >> 16) & 0xFFFF),
                      static_cast<unsigned long long>(hi & 0xFFFF), static_cast<unsigned long long>(lo >> 48),
                      static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
        out.appendString(std::string_view(buf, 36));
      }
      return out.finish();
    };
    return b;
  });
}

}  // namespace

/// Spark's concat for strings/binary; arrays are handled by the collection
/// family (concatArrays) — see collection_functions.cc.
static VectorPtr concatStrings(const std::vector<VectorPtr>& args, int64_t rows, const DataTypePtr& type) {
  return computeString(args, rows, type, [&](const std::vector<DecodedVector>& d, int64_t i, std::string& out) {
    for (const auto& x : d) out.append(x.stringAt(i));
    return true;
  });
}

void registerStringFunctions(FunctionRegistry& r) {
  auto length = stringToFixed<int32_t>(
      "length", 1, IntegerType(),
      [](const auto& d, int64_t i, bool binary) {
        auto s = d[0].stringAt(i);
        return static_cast<int32_t>(binary ? s.size() : utf8Length(s));
      },
      true);
  r.addScalar("length", length);
  r.addAlias("char_length", "length");
  r.addAlias("character_length", "length");
  r.addAlias("len", "length");
  r.addScalar("octet_length", stringToFixed<int32_t>(
                                  "octet_length", 1, IntegerType(),
                                  [](const auto& d, int64_t i, bool) { return static_cast<int32_t>(d[0].stringAt(i).size()); },
                                  true));
  r.addScalar("bit_length", stringToFixed<int32_t>(
                                "bit_length", 1, IntegerType(),
                                [](const auto& d, int64_t i, bool) { return static_cast<int32_t>(d[0].stringAt(i).size() * 8); },
                                true));
  r.addScalar("lower", stringMap("lower", 1, [](const auto& d, int64_t i, std::string& out) {
                caseMap(d[0].stringAt(i), out, false);
              }));
  r.addAlias("lcase", "lower");
  r.addScalar("upper", stringMap("upper", 1, [](const auto& d, int64_t i, std::string& out) {
                caseMap(d[0].stringAt(i), out, true);
              }));
  r.addAlias("ucase", "upper");
  addTrim(r, "trim", true, true);
  addTrim(r, "btrim", true, true);
  addTrim(r, "ltrim", true, false);
  addTrim(r, "rtrim", false, true);
  addPad(r, "lpad", true);
  addPad(r, "rpad", false);

  auto substring = [](const std::string& name) {
    return [name](const ScalarBindInput& in) {
      checkArgCount(name, in, 2, 3);
      BoundScalarFunction b;
      b.name = name;
      bool binary = in.args[0]->type()->id() == TypeId::Binary;
      b.arg_types = {binary ? BinaryType() : expectType(name, in, 0, StringType()),
                     expectType(name, in, 1, IntegerType())};
      if (in.args.size() == 3) b.arg_types.push_back(expectType(name, in, 2, IntegerType()));
      b.return_type = b.arg_types[0];
      auto ret = b.return_type;
      b.kernel = [ret, binary](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
        bool has_len = args.size() == 3;
        return computeString(args, rows, ret, [&](const auto& d, int64_t i, std::string& out) {
          int64_t pos = d[1].template valueAt<int32_t>(i);
          int64_t len = has_len ? d[2].template valueAt<int32_t>(i) : INT32_MAX;
          if (binary) {
            // ByteArray.subStringSQL: same rule over bytes.
            std::string_view s = d[0].stringAt(i);
            int64_t n = static_cast<int64_t>(s.size());
            int64_t start = pos > 0 ? pos - 1 : (pos < 0 ? n + pos : 0);
            int64_t end = std::min(start + len, n);
            start = std::max<int64_t>(start, 0);
            if (start < end) out.assign(s.substr(start, end - start));
          } else {
            out.assign(substringSql(d[0].stringAt(i), pos, len));
          }
          return true;
        });
      };
      return b;
    };
  };
  r.addScalar("substring", substring("substring"));
  r.addScalar("substr", substring("substr"));

  auto leftRight = [](const std::string& name, bool left) {
    return [name, left](const ScalarBindInput& in) {
      checkArgCount(name, in, 2, 2);
      BoundScalarFunction b;
      b.name = name;
      b.arg_types = {expectType(name, in, 0, StringType()), expectType(name, in, 1, IntegerType())};
      b.return_type = StringType();
      b.kernel = [left](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
        return computeString(args, rows, StringType(), [&](const auto& d, int64_t i, std::string& out) {
          int64_t n = d[1].template valueAt<int32_t>(i);
          std::string_view s = d[0].stringAt(i);
          if (left) {
            out.assign(substringSql(s, 1, n));
          } else if (n > 0) {
            out.assign(substringSql(s, -n, INT32_MAX));
          }
          return true;
        });
      };
      return b;
    };
  };
  r.addScalar("left", leftRight("left", true));
  r.addScalar("right", leftRight("right", false));

  r.addScalar("concat", [](const ScalarBindInput& in) {
    BoundScalarFunction b;
    b.name = "concat";
    bool all_binary = !in.args.empty();
    bool any_array = false;
    for (const auto& a : in.args) {
      all_binary = all_binary && a->type()->id() == TypeId::Binary;
      any_array = any_array || a->type()->id() == TypeId::Array;
    }
    if (any_array) return bindArrayConcat(in);
    DataTypePtr t = all_binary ? BinaryType() : StringType();
    for (size_t i = 0; i < in.args.size(); ++i) b.arg_types.push_back(all_binary ? t : expectType("concat", in, i, t));
    b.return_type = t;
    b.kernel = [t](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      if (args.empty()) return Vector::makeConstant(Value::string(""), rows);
      return concatStrings(args, rows, t);
    };
    return b;
  });
  registerConcat(r);

  r.addScalar("replace", [](const ScalarBindInput& in) {
    checkArgCount("replace", in, 2, 3);
    BoundScalarFunction b;
    b.name = "replace";
    for (size_t i = 0; i < in.args.size(); ++i) b.arg_types.push_back(expectType("replace", in, i, StringType()));
    b.return_type = StringType();
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      bool has_rep = args.size() == 3;
      return computeString(args, rows, StringType(), [&](const auto& d, int64_t i, std::string& out) {
        std::string_view s = d[0].stringAt(i);
        std::string_view search = d[1].stringAt(i);
        std::string_view rep = has_rep ? d[2].stringAt(i) : std::string_view();
        if (search.empty()) {
          out.assign(s);
          return true;
        }
        size_t p = 0;
        while (true) {
          size_t f = s.find(search, p);
          if (f == std::string_view::npos) break;
          out.append(s.substr(p, f - p));
          out.append(rep);
          p = f + search.size();
        }
        out.append(s.substr(p));
        return true;
      });
    };
    return b;
  });

  r.addScalar("instr", stringToFixed<int32_t>("instr", 2, IntegerType(), [](const auto& d, int64_t i, bool) {
                return charIndexOf(d[0].stringAt(i), d[1].stringAt(i), 0);
              }));
  r.addScalar("locate", [](const ScalarBindInput& in) {
    checkArgCount("locate", in, 2, 3);
    BoundScalarFunction b;
    b.name = "locate";
    b.arg_types = {expectType("locate", in, 0, StringType()), expectType("locate", in, 1, StringType())};
    if (in.args.size() == 3) b.arg_types.push_back(expectType("locate", in, 2, IntegerType()));
    b.return_type = IntegerType();
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      bool has_pos = args.size() == 3;
      return computeFixed<int32_t>(
          args, rows, IntegerType(),
          [&](const std::vector<DecodedVector>& d, int64_t i, int32_t& out) {
            // A NULL start gives 0, NULL strings give NULL (Spark's StringLocate).
            if (has_pos && d[2].isNull(i)) {
              out = 0;
              return true;
            }
            if (d[0].isNull(i) || d[1].isNull(i)) return false;
            int64_t pos = has_pos ? d[2].valueAt<int32_t>(i) : 1;
            out = pos < 1 ? 0 : charIndexOf(d[1].stringAt(i), d[0].stringAt(i), pos - 1);
            return true;
          },
          /*call_on_null=*/true);
    };
    return b;
  });
  r.addAlias("position", "locate");

  r.addScalar("initcap", stringMap("initcap", 1, [](const auto& d, int64_t i, std::string& out) {
                // Spark: lower-case everything, then upper-case the first
                // letter of each word (words are separated by spaces).
                std::string_view s = d[0].stringAt(i);
                bool start = true;
                for (size_t p = 0; p < s.size();) {
                  int32_t cp = utf8Decode(s, p);
                  utf8Append(out, start ? utf8proc_totitle(cp) : utf8proc_tolower(cp));
                  start = cp == ' ';
                }
              }));
  r.addScalar("repeat", [](const ScalarBindInput& in) {
    checkArgCount("repeat", in, 2, 2);
    BoundScalarFunction b;
    b.name = "repeat";
    b.arg_types = {expectType("repeat", in, 0, StringType()), expectType("repeat", in, 1, IntegerType())};
    b.return_type = StringType();
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeString(args, rows, StringType(), [&](const auto& d, int64_t i, std::string& out) {
        std::string_view s = d[0].stringAt(i);
        int32_t n = d[1].template valueAt<int32_t>(i);
        if (n > 0 && static_cast<int64_t>(s.size()) * n > kMaxStringBytes) throwTooLong("repeat");
        for (int32_t k = 0; k < n; ++k) out.append(s);
        return true;
      });
    };
    return b;
  });
  r.addScalar("reverse", [](const ScalarBindInput& in) {
    checkArgCount("reverse", in, 1, 1);
    if (in.args[0]->type()->id() == TypeId::Array) return bindArrayReverse(in);
    BoundScalarFunction b;
    b.name = "reverse";
    b.arg_types = {expectType("reverse", in, 0, StringType())};
    b.return_type = StringType();
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeString(args, rows, StringType(), [&](const auto& d, int64_t i, std::string& out) {
        std::string_view s = d[0].stringAt(i);
        out.resize(s.size());
        size_t w = s.size();
        for (size_t p = 0; p < s.size();) {
          size_t l = std::min<size_t>(utf8SeqLen(static_cast<unsigned char>(s[p])), s.size() - p);
          w -= l;
          std::memcpy(out.data() + w, s.data() + p, l);
          p += l;
        }
        return true;
      });
    };
    return b;
  });
  r.addScalar("translate", stringMap("translate", 3, [](const auto& d, int64_t i, std::string& out) {
                std::string_view s = d[0].stringAt(i);
                std::string_view from = d[1].stringAt(i);
                std::string_view to = d[2].stringAt(i);
                // First occurrence in `from` wins; -1 deletes the character.
                std::unordered_map<int32_t, int32_t> map;
                for (size_t p = 0, q = 0; p < from.size();) {
                  int32_t f = utf8Decode(from, p);
                  int32_t t = q < to.size() ? utf8Decode(to, q) : -1;
                  map.emplace(f, t);
                }
                for (size_t p = 0; p < s.size();) {
                  int32_t cp = utf8Decode(s, p);
                  auto it = map.find(cp);
                  if (it == map.end()) {
                    utf8Append(out, cp);
                  } else if (it->second >= 0) {
                    utf8Append(out, it->second);
                  }
                }
              }));
  r.addScalar("ascii", stringToFixed<int32_t>("ascii", 1, IntegerType(), [](const auto& d, int64_t i, bool) {
                std::string_view s = d[0].stringAt(i);
                size_t p = 0;
                return s.empty() ? 0 : utf8Decode(s, p);
              }));
  r.addScalar("chr", [](const ScalarBindInput& in) {
    checkArgCount("chr", in, 1, 1);
    BoundScalarFunction b;
    b.name = "chr";
    b.arg_types = {expectType("chr", in, 0, LongType())};
    b.return_type = StringType();
    b.kernel = [](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      return computeString(args, rows, StringType(), [&](const auto& d, int64_t i, std::string& out) {
        int64_t v = d[0].template valueAt<int64_t>(i);
        if (v >= 0) utf8Append(out, static_cast<int32_t>(v & 0xFF));
        return true;
      });
    };
    return b;
  });
  r.addAlias("char", "chr");

  auto predicate = [](const std::string& name, int kind) {
    return [name, kind](const ScalarBindInput& in) {
      checkArgCount(name, in, 2, 2);
      BoundScalarFunction b;
      b.name = name;
      bool binary = in.args[0]->type()->id() == TypeId::Binary && in.args[1]->type()->id() == TypeId::Binary;
      DataTypePtr t = binary ? BinaryType() : StringType();
      b.arg_types = {binary ? t : expectType(name, in, 0, t), binary ? t : expectType(name, in, 1, t)};
      b.return_type = BooleanType();
      b.kernel = [kind](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
        return computeFixed<uint8_t>(args, rows, BooleanType(), [&](const auto& d, int64_t i, uint8_t& out) {
          std::string_view s = d[0].stringAt(i);
          std::string_view p = d[1].stringAt(i);
          out = kind == 0 ? s.starts_with(p) : kind == 1 ? s.ends_with(p) : s.find(p) != std::string_view::npos;
          return true;
        });
      };
      return b;
    };
  };
  r.addScalar("startswith", predicate("startswith", 0));
  r.addScalar("endswith", predicate("endswith", 1));
  r.addScalar("contains", predicate("contains", 2));
  registerFormatString(r);
  registerExtraStringFunctions(r);
}

}  // namespace loch::scalar
