// Regular-expression functions: regexp_replace, regexp_extract,
// regexp_extract_all, split. Spark uses java.util.regex; Loch uses RE2,
// which accepts the common Java syntax (no backreferences/lookaround).

#include <re2/re2.h>

#include <memory>

#include "loch/function/scalar/scalar_util.h"
#include "loch/function/scalar/utf8_util.h"

namespace loch::scalar {

namespace {

std::shared_ptr<RE2> compileRegex(std::string_view pattern, const std::string& fn) {
  RE2::Options opts;
  opts.set_log_errors(false);
  auto re = std::make_shared<RE2>(re2::StringPiece(pattern.data(), pattern.size()), opts);
  if (!re->ok()) {
    throw InvalidArgumentException("INVALID_PARAMETER_VALUE.PATTERN",
                                   "The value of parameter(s) `regexp` in `" + fn + "` is invalid: '" +
                                       std::string(pattern) + "': " + re->error());
  }
  return re;
}

/// Compiles the pattern once at bind time when it is a literal. Kernels
/// read it through a Cursor of their own, which compiles non-literal
/// patterns when they change (kernels may run concurrently, so the shared
/// part is immutable).
class RegexCache {
 public:
  RegexCache(std::string fn, const Value* literal) : fn_(std::move(fn)) {
    if (literal && !literal->isNull() && literal->type()->id() == TypeId::String) {
      fixed_text_ = literal->getString();
      fixed_ = compileRegex(fixed_text_, fn_);
      fixed_is_plain_ = !fixed_text_.empty() && fixed_text_.find_first_of(".[]{}()*+?^$|\\") == std::string::npos;
    }
  }

  class Cursor {
   public:
    explicit Cursor(const RegexCache& cache) : cache_(cache) {}
    /// The pattern's text when it is the bind-time literal and has no
    /// metacharacters: matches are then plain substring occurrences.
    const std::string* plainText(std::string_view pattern) const {
      return cache_.fixed_is_plain_ && pattern == cache_.fixed_text_ ? &cache_.fixed_text_ : nullptr;
    }
    const RE2& get(std::string_view pattern) {
      if (cache_.fixed_ && pattern == cache_.fixed_text_) return *cache_.fixed_;
      if (!re_ || pattern != last_) {
        last_.assign(pattern);
        re_ = compileRegex(last_, cache_.fn_);
      }
      return *re_;
    }

   private:
    const RegexCache& cache_;
    std::string last_;
    std::shared_ptr<RE2> re_;
  };
  Cursor cursor() const { return Cursor(*this); }

 private:
  std::string fn_;
  std::string fixed_text_;
  std::shared_ptr<RE2> fixed_;
  bool fixed_is_plain_ = false;
};

/// Calls `on_match(start, end, groups)` for successive non-overlapping
/// matches from byte `from`, as java.util.regex.Matcher.find does; stops
/// when it returns false. `groups` is scratch space reused across rows; only
/// its first `ngroups` entries (0 = whole match) are filled.
template <class F>
void forEachMatch(const RE2& re, std::string_view s, size_t from, std::vector<re2::StringPiece>& g, int ngroups,
                  F&& on_match, const std::string* plain = nullptr) {
  g.resize(ngroups);
  if (plain) {
    // A metacharacter-free pattern matches exactly its own text.
    for (size_t pos = s.find(*plain, from); pos != std::string_view::npos; pos = s.find(*plain, pos + plain->size())) {
      g[0] = re2::StringPiece(s.data() + pos, plain->size());
      if (!on_match(pos, pos + plain->size(), g)) break;
    }
    return;
  }
  size_t pos = from;
  while (pos <= s.size()) {
    if (!re.Match(re2::StringPiece(s.data(), s.size()), pos, s.size(), RE2::UNANCHORED, g.data(), ngroups)) break;
    size_t start = g[0].data() - s.data();
    size_t end = start + g[0].size();
    if (!on_match(start, end, g)) break;
    if (end == start) {
      if (end >= s.size()) break;
      pos = end + utf8SeqLen(static_cast<unsigned char>(s[end]));
    } else {
      pos = end;
    }
  }
}

/// Java's Matcher.appendReplacement syntax: $n group references and
/// backslash escapes.
void appendReplacement(std::string& out, std::string_view rep, const std::vector<re2::StringPiece>& g) {
  for (size_t p = 0; p < rep.size(); ++p) {
    char c = rep[p];
    if (c == '\\' && p + 1 < rep.size()) {
      out.push_back(rep[++p]);
    } else if (c == '$' && p + 1 < rep.size() && std::isdigit(static_cast<unsigned char>(rep[p + 1]))) {
      size_t n = rep[++p] - '0';
      if (n >= g.size()) {
        throw InvalidArgumentException("INVALID_PARAMETER_VALUE.PATTERN",
                                       "No group " + std::to_string(n) + " in regexp_replace replacement.");
      }
      // Java takes more digits while the group number stays valid.
      while (p + 1 < rep.size() && std::isdigit(static_cast<unsigned char>(rep[p + 1])) &&
             n * 10 + (rep[p + 1] - '0') < g.size()) {
        n = n * 10 + (rep[++p] - '0');
      }
      if (g[n].data()) out.append(g[n].data(), g[n].size());
    } else {
      out.push_back(c);
    }
  }
}

void checkGroupIndex(const std::string& fn, const RE2& re, int64_t idx) {
  if (idx < 0) {
    throw InvalidArgumentException("INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX",
                                   "The value of parameter(s) `idx` in `" + fn +
                                       "` is invalid: Expects group index >= 0, but got " + std::to_string(idx) + ".");
  }
  if (idx > re.NumberOfCapturingGroups()) {
    throw InvalidArgumentException("INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX",
                                   "The value of parameter(s) `idx` in `" + fn + "` is invalid: Expects group index between 0 and " +
                                       std::to_string(re.NumberOfCapturingGroups()) + ", but got " +
                                       std::to_string(idx) + ".");
  }
}

BoundScalarFunction bindExtract(const ScalarBindInput& in, bool all) {
  std::string fn = all ? "regexp_extract_all" : "regexp_extract";
  checkArgCount(fn, in, 2, 3);
  BoundScalarFunction b;
  b.name = fn;
  b.arg_types = {expectType(fn, in, 0, StringType()), expectType(fn, in, 1, StringType())};
  if (in.args.size() == 3) b.arg_types.push_back(expectType(fn, in, 2, IntegerType()));
  b.return_type = all ? ArrayType(StringType(), true) : StringType();
  auto cache = std::make_shared<const RegexCache>(fn, literalArg(in, 1));
  auto ret = b.return_type;
  b.kernel = [cache, fn, all, ret](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
    auto cursor = cache->cursor();
    std::vector<re2::StringPiece> groups;
    bool has_idx = args.size() == 3;
    return computeBuilt(args, rows, ret, [&](const auto& d, int64_t i, VectorBuilder& out) {
      const RE2& re = cursor.get(d[1].stringAt(i));
      int64_t idx = has_idx ? d[2].template valueAt<int32_t>(i) : 1;
      checkGroupIndex(fn, re, idx);
      std::string_view s = d[0].stringAt(i);
      if (!all) {
        std::string value;
        forEachMatch(re, s, 0, groups, static_cast<int>(idx) + 1, [&](size_t, size_t, const std::vector<re2::StringPiece>& g) {
          if (g[idx].data()) value.assign(g[idx].data(), g[idx].size());
          return false;
        });
        out.appendString(value);
        return true;
      }
      auto& el = out.elements();
      forEachMatch(re, s, 0, groups, static_cast<int>(idx) + 1, [&](size_t, size_t, const std::vector<re2::StringPiece>& g) {
        el.appendString(g[idx].data() ? std::string_view(g[idx].data(), g[idx].size()) : std::string_view());
        return true;
      });
      out.finishList();
      return true;
    });
  };
  return b;
}

}  // namespace

void registerRegexpFunctions(FunctionRegistry& r) {
  r.addScalar("regexp_replace", [](const ScalarBindInput& in) {
    checkArgCount("regexp_replace", in, 3, 4);
    BoundScalarFunction b;
    b.name = "regexp_replace";
    for (size_t i = 0; i < 3; ++i) b.arg_types.push_back(expectType("regexp_replace", in, i, StringType()));
    if (in.args.size() == 4) {
      b.arg_types.push_back(expectType("regexp_replace", in, 3, IntegerType()));
      const Value* pos = literalArg(in, 3);
      if (pos && !pos->isNull() && pos->getLong() <= 0) {
        throw AnalysisException("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
                                "Cannot resolve \"regexp_replace\" due to data type mismatch: The `position` must be "
                                "positive, but got " + std::to_string(pos->getLong()) + ".");
      }
    }
    b.return_type = StringType();
    auto cache = std::make_shared<const RegexCache>("regexp_replace", literalArg(in, 1));
    b.kernel = [cache](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      auto cursor = cache->cursor();
      std::vector<re2::StringPiece> groups;
      bool has_pos = args.size() == 4;
      return computeString(args, rows, StringType(), [&](const auto& d, int64_t i, std::string& out) {
        const RE2& re = cursor.get(d[1].stringAt(i));
        std::string_view s = d[0].stringAt(i);
        std::string_view rep = d[2].stringAt(i);
        int64_t pos = has_pos ? d[3].template valueAt<int32_t>(i) : 1;
        int64_t nchars = utf8Length(s);
        if (pos > nchars && !(pos == 1 && nchars == 0)) {
          out.assign(s);
          return true;
        }
        size_t from = utf8Offset(s, pos - 1);
        size_t copied = 0;
        // Only capture the groups the replacement refers to.
        int ngroups = rep.find('$') == std::string_view::npos ? 1 : re.NumberOfCapturingGroups() + 1;
        forEachMatch(
            re, s, from, groups, ngroups,
            [&](size_t start, size_t end, const std::vector<re2::StringPiece>& g) {
              out.append(s.substr(copied, start - copied));
              appendReplacement(out, rep, g);
              copied = end;
              return true;
            },
            cursor.plainText(d[1].stringAt(i)));
        out.append(s.substr(copied));
        return true;
      });
    };
    return b;
  });
  r.addScalar("regexp_extract", [](const ScalarBindInput& in) { return bindExtract(in, false); });
  r.addScalar("regexp_extract_all", [](const ScalarBindInput& in) { return bindExtract(in, true); });

  r.addScalar("split", [](const ScalarBindInput& in) {
    checkArgCount("split", in, 2, 3);
    BoundScalarFunction b;
    b.name = "split";
    b.arg_types = {expectType("split", in, 0, StringType()), expectType("split", in, 1, StringType())};
    if (in.args.size() == 3) b.arg_types.push_back(expectType("split", in, 2, IntegerType()));
    b.return_type = ArrayType(StringType(), false);
    auto cache = std::make_shared<const RegexCache>("split", literalArg(in, 1));
    auto ret = b.return_type;
    b.kernel = [cache, ret](const std::vector<VectorPtr>& args, int64_t rows, EvalContext&) {
      auto cursor = cache->cursor();
      std::vector<re2::StringPiece> groups;
      bool has_limit = args.size() == 3;
      return computeBuilt(args, rows, ret, [&](const auto& d, int64_t i, VectorBuilder& out) {
        std::string_view s = d[0].stringAt(i);
        std::string_view pattern = d[1].stringAt(i);
        int64_t limit = has_limit ? d[2].template valueAt<int32_t>(i) : -1;
        auto& el = out.elements();
        if (!s.empty() && pattern.empty()) {
          // UTF8String.split: an empty pattern splits into characters.
          int64_t n = utf8Length(s);
          int64_t parts = (limit > n || limit <= 0) ? n : limit;
          size_t p = 0;
          for (int64_t k = 0; k < parts - 1; ++k) {
            size_t l = utf8SeqLen(static_cast<unsigned char>(s[p]));
            el.appendString(s.substr(p, l));
            p += l;
          }
          el.appendString(s.substr(p));
          out.finishList();
          return true;
        }
        // java.lang.String.split(regex, limit) with limit 0 treated as -1.
        const RE2& re = cursor.get(pattern);
        size_t index = 0;
        int64_t count = 0;
        bool matched = false;
        forEachMatch(
            re, s, 0, groups, 1,
            [&](size_t start, size_t end, const std::vector<re2::StringPiece>&) {
              if (limit > 0 && count >= limit - 1) return false;
              if (index == 0 && start == 0 && start == end) return true;  // no leading empty piece
              el.appendString(s.substr(index, start - index));
              ++count;
              index = end;
              matched = true;
              return true;
            },
            cursor.plainText(pattern));
        el.appendString(matched ? s.substr(index) : s);
        out.finishList();
        return true;
      });
    };
    return b;
  });
}

}  // namespace loch::scalar
