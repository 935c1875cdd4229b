// LIKE, ILIKE and RLIKE (Spark's Like, ILike, RLike). A constant pattern is
// compiled once per kernel call; simple LIKE patterns (no wildcard, prefix%,
// %suffix, %infix%) avoid the regex engine.

#include <memory>
#include <optional>

#include <re2/re2.h>

#include "loch/function/function_registry.h"
#include "loch/function/operators/kernel_util.h"
#include "loch/function/operators/operator_families.h"
#include "loch/function/operators/operator_util.h"

namespace loch {

namespace {

/// A compiled LIKE/RLIKE pattern.
class Matcher {
 public:
  enum class Kind { Exact, Prefix, Suffix, Contains, Regex };

  static Matcher like(std::string_view pattern, char escape, bool case_insensitive) {
    Matcher m;
    std::string regex = case_insensitive ? "(?is)" : "(?s)";
    for (size_t i = 0; i < pattern.size(); ++i) {
      char c = pattern[i];
      if (c == escape) {
        if (i + 1 == pattern.size()) {
          throw InvalidArgumentException(
              "INVALID_LIKE_PATTERN.ESC_AT_THE_END",
              "The pattern '" + std::string(pattern) + "' is invalid, the escape character is not allowed to end with.");
        }
        char nx = pattern[++i];
        if (nx != '_' && nx != '%' && nx != escape) {
          throw InvalidArgumentException("INVALID_LIKE_PATTERN.ESC_IN_THE_MIDDLE",
                                         "The pattern '" + std::string(pattern) +
                                             "' is invalid, the escape character is not allowed to precede '" +
                                             std::string(1, nx) + "'.");
        }
        regex += RE2::QuoteMeta(std::string(1, nx));
      } else if (c == '%') {
        regex += ".*";
      } else if (c == '_') {
        regex += ".";
      } else {
        regex += RE2::QuoteMeta(std::string(1, c));
      }
    }
    if (!case_insensitive) {
      std::string_view body = pattern;
      bool lead = !body.empty() && body.front() == '%';
      if (lead) body.remove_prefix(1);
      bool trail = !body.empty() && body.back() == '%';
      if (trail) body.remove_suffix(1);
      bool special = false;
      for (char c : body) special = special || c == '%' || c == '_' || c == escape;
      if (!special) {
        m.literal_ = std::string(body);
        m.kind_ = lead && trail ? Kind::Contains : lead ? Kind::Suffix : trail ? Kind::Prefix : Kind::Exact;
        return m;
      }
    }
    m.kind_ = Kind::Regex;
    m.compile(regex, case_insensitive ? "ilike" : "like", pattern, true);
    return m;
  }

  static Matcher rlike(std::string_view pattern) {
    Matcher m;
    m.kind_ = Kind::Regex;
    m.compile(std::string(pattern), "rlike", pattern, false);
    return m;
  }

  bool matches(std::string_view s) const {
    switch (kind_) {
      case Kind::Exact: return s == literal_;
      case Kind::Prefix: return s.size() >= literal_.size() && s.compare(0, literal_.size(), literal_) == 0;
      case Kind::Suffix:
        return s.size() >= literal_.size() && s.compare(s.size() - literal_.size(), literal_.size(), literal_) == 0;
      case Kind::Contains: return s.find(literal_) != std::string_view::npos;
      case Kind::Regex:
        return full_ ? RE2::FullMatch(s, *re_) : RE2::PartialMatch(s, *re_);
    }
    return false;
  }

 private:
  void compile(const std::string& regex, const char* fn, std::string_view pattern, bool full) {
    RE2::Options opts;
    opts.set_log_errors(false);
    re_ = std::make_shared<RE2>(regex, opts);
    full_ = full;
    if (!re_->ok()) {
      throw InvalidArgumentException("INVALID_PARAMETER_VALUE.PATTERN",
                                     "The value of parameter(s) `regexp` in `" + std::string(fn) +
                                         "` is invalid: '" + std::string(pattern) + "': " + re_->error());
    }
  }

  Kind kind_ = Kind::Exact;
  std::string literal_;
  std::shared_ptr<RE2> re_;
  bool full_ = true;
};

using MakeMatcher = std::function<Matcher(std::string_view)>;

/// `pre`: the matcher of a literal pattern compiled at bind time, or null.
VectorPtr matchKernel(const Vector& str, const Vector& pat, int64_t n, const MakeMatcher& make, const Matcher* pre) {
  if (pat.isConstant()) {
    if (pat.isNull(0) || n == 0) return Vector::makeNull(BooleanType(), n);
    std::optional<Matcher> compiled;
    if (!pre) compiled = make(pat.dictionary()->stringAt(0));
    const Matcher& m = pre ? *pre : *compiled;
    if (str.isConstant()) {
      if (str.isNull(0)) return Vector::makeNull(BooleanType(), n);
      return Vector::makeConstant(Value::boolean(m.matches(str.dictionary()->stringAt(0))), n);
    }
    DecodedVector d(str);
    auto out = Vector::makeFlat(BooleanType(), n);
    uint8_t* o = out->mutableValues<uint8_t>();
    if (!d.mayHaveNulls()) {
      for (int64_t i = 0; i < n; ++i) o[i] = m.matches(d.stringAt(i));
      return out;
    }
    uint8_t* valid = out->mutableValidity();
    kernel::andValidity(d, valid, n);
    for (int64_t i = 0; i < n; ++i)
      if (bits::get(valid, i)) o[i] = m.matches(d.stringAt(i));
    return out;
  }
  // Per-row patterns: recompile only when the pattern changes.
  std::string last;
  std::optional<Matcher> m;
  return kernel::binaryStringToFixed<uint8_t>(str, pat, n, BooleanType(),
                                              [&](std::string_view s, std::string_view p, uint8_t& o) {
                                                if (!m || p != last) {
                                                  m = make(p);
                                                  last.assign(p);
                                                }
                                                o = m->matches(s);
                                                return true;
                                              });
}

/// A literal string pattern compiled once when the call is bound; an
/// invalid pattern is left to fail when the kernel runs, as in Spark.
std::shared_ptr<const Matcher> precompile(const ExprPtr& pattern, const MakeMatcher& make) {
  if (pattern->kind() != ExprKind::Literal || pattern->literal().isNull() ||
      pattern->literal().type()->id() != TypeId::String) {
    return nullptr;
  }
  try {
    return std::make_shared<const Matcher>(make(pattern->literal().getString()));
  } catch (const LochException&) {
    return nullptr;
  }
}

DataTypePtr stringArg(const std::string& name, const ScalarBindInput& in, size_t i) {
  const DataType& t = *in.args[i]->type();
  if (t.id() == TypeId::String || t.id() == TypeId::Null) return StringType();
  if (t.isNested() || t.id() == TypeId::Binary) throwUnexpectedInputType(name, in.args, i, "\"STRING\"");
  return StringType();
}

BoundScalarFunction bindLike(const std::string& name, bool ci, const ScalarBindInput& in) {
  checkArgCount(name, in.args, 2, 3);
  std::vector<DataTypePtr> types = {stringArg(name, in, 0), stringArg(name, in, 1)};
  char escape = '\\';
  if (in.args.size() == 3) {
    const ExprPtr& e = in.args[2];
    if (e->kind() != ExprKind::Literal || e->type()->id() != TypeId::String || e->literal().isNull() ||
        e->literal().getString().size() != 1) {
      throw AnalysisException("INVALID_ESCAPE_CHAR",
                              "The escape character of " + name + " must be a string literal of length one.");
    }
    escape = e->literal().getString()[0];
    types.push_back(StringType());
  }
  MakeMatcher make = [escape, ci](std::string_view p) { return Matcher::like(p, escape, ci); };
  auto pre = precompile(in.args[1], make);
  return op::bound(name, types, BooleanType(),
                   [make, pre](const std::vector<VectorPtr>& a, int64_t n, EvalContext&) {
                     return matchKernel(*a[0], *a[1], n, make, pre.get());
                   });
}

BoundScalarFunction bindRLike(const std::string& name, const ScalarBindInput& in) {
  checkArgCount(name, in.args, 2, 2);
  MakeMatcher make = [](std::string_view p) { return Matcher::rlike(p); };
  auto pre = precompile(in.args[1], make);
  return op::bound(name, {stringArg(name, in, 0), stringArg(name, in, 1)}, BooleanType(),
                   [make, pre](const std::vector<VectorPtr>& a, int64_t n, EvalContext&) {
                     return matchKernel(*a[0], *a[1], n, make, pre.get());
                   });
}

}  // namespace

void registerPatternOperators(FunctionRegistry& reg) {
  reg.addScalar("like", [](const ScalarBindInput& in) { return bindLike("like", false, in); },
                {"str like pattern[ ESCAPE escape] - Returns true if str matches `pattern` with `escape`, null if "
                 "any arguments are null, false otherwise.",
                 "SELECT 'Spark' like '_park'; true"});
  reg.addScalar("ilike", [](const ScalarBindInput& in) { return bindLike("ilike", true, in); },
                {"str ilike pattern[ ESCAPE escape] - Returns true if str matches `pattern` with `escape` "
                 "case-insensitively.",
                 ""});
  for (const char* name : {"rlike", "regexp", "regexp_like"}) {
    std::string n = name;
    reg.addScalar(n, [n](const ScalarBindInput& in) { return bindRLike(n, in); },
                  {n + "(str, regexp) - Returns true if `str` matches `regexp`, or false otherwise.", ""});
  }
}

}  // namespace loch
