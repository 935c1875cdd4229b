#pragma once
// The Spark SQL abstract syntax tree produced by the parser and consumed by
// the binder. Every node owns its children (std::unique_ptr / std::vector)
// and records where it starts in the SQL text. Polymorphic nodes carry a
// kind enum; walk them with `switch (node.kind)` and `node.as<T>()`.
//
// The tree stays close to what was written: keywords are decoded into enums
// and literals are typed as Spark types them, but nothing is resolved or
// desugared (e.g. `a BETWEEN x AND y` stays a Between node).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "loch/common/exception.h"
#include "loch/sql/token.h"
#include "loch/sql/type_name.h"

namespace loch::sql {

struct Expr;
struct Query;
struct QueryBody;
struct TableRef;
struct WindowSpec;
using ExprPtr = std::unique_ptr<Expr>;
using QueryPtr = std::unique_ptr<Query>;
using QueryBodyPtr = std::unique_ptr<QueryBody>;
using TableRefPtr = std::unique_ptr<TableRef>;

/// Shared helper: checked downcast of a kind-tagged node.
template <class T, class Base>
T& downcast(Base& node) {
  if (node.kind != T::kKind) {
    throw loch::InternalException("sql AST: wrong node kind in as<>()");
  }
  return static_cast<T&>(node);
}

// ---------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------

enum class ExprKind {
  kLiteral,
  kColumnRef,
  kStar,
  kUnary,
  kBinary,
  kIsPredicate,
  kIsDistinctFrom,
  kBetween,
  kInList,
  kInSubquery,
  kLike,
  kExists,
  kScalarSubquery,
  kCase,
  kCast,
  kExtract,
  kTrim,
  kFunctionCall,
  kLambda,
  kSubscript,
  kFieldAccess,
  kNamedArgument,
  kTuple,
  kAlias,
};

struct Expr {
  explicit Expr(ExprKind k) : kind(k) {}
  virtual ~Expr() = default;
  Expr(const Expr&) = delete;
  Expr& operator=(const Expr&) = delete;

  template <class T>
  T& as() { return downcast<T>(*this); }
  template <class T>
  const T& as() const { return downcast<const T>(*this); }
  template <class T>
  bool is() const { return kind == T::kKind; }

  /// Spark's column-name rendering (toPrettySQL): `(a + 1)`, `count(1)`
  /// for count(*), `sum(value)`, string literals unquoted, function names
  /// lower-cased.
  std::string toString() const;
  /// Normalized SQL that parses back to the same tree: strings quoted,
  /// typed literal suffixes kept, identifiers back-quoted when needed.
  std::string toSql() const;

  const ExprKind kind;
  SourcePos pos;
};

enum class LiteralKind {
  kNull,
  kBoolean,
  kTinyInt,   ///< 1Y
  kSmallInt,  ///< 1S
  kInt,       ///< 1 (fits int32)
  kBigInt,    ///< 1L, or an integer that needs 64 bits
  kDecimal,   ///< 1.5, 1.5BD, or an integer wider than 64 bits
  kFloat,     ///< 1.5F
  kDouble,    ///< 1.5D, 1e3
  kString,
  kBinary,        ///< X'0AFF'
  kDate,          ///< DATE '2024-01-01'
  kTimestamp,     ///< TIMESTAMP / TIMESTAMP_LTZ '...'
  kTimestampNtz,  ///< TIMESTAMP_NTZ '...'
  kInterval,      ///< INTERVAL ...
};

/// One `value unit` pair of an interval literal. `unit` is upper-case
/// singular (YEAR, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, MILLISECOND,
/// MICROSECOND), or empty for INTERVAL '1 day 2 hours'.
struct IntervalField {
  std::string value;  ///< number text with optional leading '-', or string
  bool value_is_string = false;
  std::string unit;
};

struct Literal : Expr {
  static constexpr ExprKind kKind = ExprKind::kLiteral;
  Literal() : Expr(kKind) {}

  LiteralKind literal_kind = LiteralKind::kNull;
  /// Numbers: digits as written without suffix ("1.50", "1e3");
  /// strings/date/timestamp: the unescaped value; binary: hex digits.
  std::string text;
  bool bool_value = false;
  /// Tiny/small/int/bigint value.
  int64_t int_value = 0;
  /// Float/double value.
  double double_value = 0;
  /// Decimal precision/scale as Spark infers them from the text.
  int precision = 0;
  int scale = 0;
  /// Interval: one field per `value unit` pair.
  std::vector<IntervalField> interval_fields;
  /// Interval `'1-2' YEAR TO MONTH`: fields = {{"1-2", YEAR}}, to = "MONTH".
  std::string interval_to;
};

/// A possibly qualified name: `a`, `t.a`, `db.t.a`, or `s.field`; the
/// binder decides which parts are table, column and struct fields.
struct ColumnRef : Expr {
  static constexpr ExprKind kKind = ExprKind::kColumnRef;
  ColumnRef() : Expr(kKind) {}
  std::vector<std::string> parts;
};

/// `*` or `t.*` (qualifier holds `t`).
struct Star : Expr {
  static constexpr ExprKind kKind = ExprKind::kStar;
  Star() : Expr(kKind) {}
  std::vector<std::string> qualifier;
};

enum class UnaryOp { kMinus, kPlus, kBitNot, kNot };

struct Unary : Expr {
  static constexpr ExprKind kKind = ExprKind::kUnary;
  Unary() : Expr(kKind) {}
  UnaryOp op = UnaryOp::kMinus;
  ExprPtr operand;
};

enum class BinaryOp {
  kOr,
  kAnd,
  kEq,          ///< = or ==
  kNotEq,       ///< <> or !=
  kLt,
  kLe,
  kGt,
  kGe,
  kNullSafeEq,  ///< <=>
  kBitOr,
  kBitXor,
  kBitAnd,
  kAdd,
  kSub,
  kConcat,  ///< ||
  kMul,
  kDiv,
  kMod,
  kIntDiv,  ///< DIV
};

struct Binary : Expr {
  static constexpr ExprKind kKind = ExprKind::kBinary;
  Binary() : Expr(kKind) {}
  BinaryOp op = BinaryOp::kAdd;
  ExprPtr left;
  ExprPtr right;
};

enum class IsTest { kNull, kTrue, kFalse, kUnknown };

/// `x IS [NOT] NULL | TRUE | FALSE | UNKNOWN`.
struct IsPredicate : Expr {
  static constexpr ExprKind kKind = ExprKind::kIsPredicate;
  IsPredicate() : Expr(kKind) {}
  ExprPtr operand;
  IsTest test = IsTest::kNull;
  bool negated = false;
};

/// `left IS [NOT] DISTINCT FROM right`.
struct IsDistinctFrom : Expr {
  static constexpr ExprKind kKind = ExprKind::kIsDistinctFrom;
  IsDistinctFrom() : Expr(kKind) {}
  ExprPtr left;
  ExprPtr right;
  bool negated = false;
};

struct Between : Expr {
  static constexpr ExprKind kKind = ExprKind::kBetween;
  Between() : Expr(kKind) {}
  ExprPtr operand;
  ExprPtr low;
  ExprPtr high;
  bool negated = false;
};

struct InList : Expr {
  static constexpr ExprKind kKind = ExprKind::kInList;
  InList() : Expr(kKind) {}
  ExprPtr operand;
  std::vector<ExprPtr> values;
  bool negated = false;
};

/// `x [NOT] IN (SELECT ...)`; a multi-column left side is a Tuple.
struct InSubquery : Expr {
  static constexpr ExprKind kKind = ExprKind::kInSubquery;
  InSubquery() : Expr(kKind) {}
  ExprPtr operand;
  QueryPtr query;
  bool negated = false;
};

enum class LikeKind { kLike, kILike, kRLike };
enum class LikeQuantifier { kNone, kAny, kAll, kSome };

/// LIKE / ILIKE / RLIKE (REGEXP is RLIKE). With a quantifier (`LIKE ANY
/// ('a%', 'b%')`) `patterns` holds every pattern; otherwise exactly one.
struct Like : Expr {
  static constexpr ExprKind kKind = ExprKind::kLike;
  Like() : Expr(kKind) {}
  LikeKind like_kind = LikeKind::kLike;
  LikeQuantifier quantifier = LikeQuantifier::kNone;
  ExprPtr operand;
  std::vector<ExprPtr> patterns;
  /// ESCAPE character (a one-character string), if given.
  std::optional<std::string> escape;
  bool negated = false;
};

struct Exists : Expr {
  static constexpr ExprKind kKind = ExprKind::kExists;
  Exists() : Expr(kKind) {}
  QueryPtr query;
};

struct ScalarSubquery : Expr {
  static constexpr ExprKind kKind = ExprKind::kScalarSubquery;
  ScalarSubquery() : Expr(kKind) {}
  QueryPtr query;
};

struct WhenClause {
  ExprPtr condition;  ///< for a simple CASE, the value compared to operand
  ExprPtr result;
};

/// `CASE [operand] WHEN .. THEN .. [ELSE ..] END`; operand is null for a
/// searched CASE.
struct Case : Expr {
  static constexpr ExprKind kKind = ExprKind::kCase;
  Case() : Expr(kKind) {}
  ExprPtr operand;
  std::vector<WhenClause> whens;
  ExprPtr else_result;
};

enum class CastStyle { kCast, kTryCast, kDoubleColon };

struct Cast : Expr {
  static constexpr ExprKind kKind = ExprKind::kCast;
  Cast() : Expr(kKind) {}
  ExprPtr operand;
  TypeName type;
  CastStyle style = CastStyle::kCast;
};

/// `EXTRACT(field FROM source)`; field is upper-cased as written (YEAR,
/// MONTH, DOW, ...).
struct Extract : Expr {
  static constexpr ExprKind kKind = ExprKind::kExtract;
  Extract() : Expr(kKind) {}
  std::string field;
  ExprPtr source;
};

enum class TrimMode { kBoth, kLeading, kTrailing };

/// `TRIM([BOTH|LEADING|TRAILING] [chars] FROM source)` and `TRIM(source)`.
/// A plain call `trim(a, b)` is a FunctionCall instead.
struct Trim : Expr {
  static constexpr ExprKind kKind = ExprKind::kTrim;
  Trim() : Expr(kKind) {}
  TrimMode mode = TrimMode::kBoth;
  ExprPtr chars;  ///< null: trim spaces
  ExprPtr source;
};

enum class SortDirection { kDefault, kAsc, kDesc };
enum class NullOrdering { kDefault, kFirst, kLast };

/// One ORDER BY / SORT BY item. Defaults are kept as written; Spark's
/// effective defaults are ASC, NULLS FIRST for ASC and NULLS LAST for DESC.
struct SortItem {
  ExprPtr expr;
  SortDirection direction = SortDirection::kDefault;
  NullOrdering nulls = NullOrdering::kDefault;
  SourcePos pos;
  /// `expr ASC NULLS FIRST` with Spark's defaults filled in.
  std::string toString() const;
  std::string toSql() const;
};

enum class FrameType { kRows, kRange };
enum class FrameBoundKind {
  kUnboundedPreceding,
  kPreceding,
  kCurrentRow,
  kFollowing,
  kUnboundedFollowing,
};

struct FrameBound {
  FrameBoundKind kind = FrameBoundKind::kCurrentRow;
  ExprPtr offset;  ///< for kPreceding / kFollowing (may be an INTERVAL)
};

/// `ROWS|RANGE BETWEEN start AND end`; for the short form `ROWS start`,
/// `end` is CURRENT ROW and `has_between` is false.
struct WindowFrame {
  FrameType type = FrameType::kRows;
  FrameBound start;
  FrameBound end;
  bool has_between = true;
};

/// A window: `OVER w` (base_name only, is_reference true) or
/// `OVER ([w] [PARTITION BY ..] [ORDER BY ..] [frame])`. DISTRIBUTE BY /
/// SORT BY are stored as partition_by / order_by.
struct WindowSpec {
  std::string base_name;
  bool is_reference = false;
  std::vector<ExprPtr> partition_by;
  std::vector<SortItem> order_by;
  std::optional<WindowFrame> frame;
  SourcePos pos;
  std::string toString() const;
};

enum class NullTreatment { kNone, kIgnoreNulls, kRespectNulls };

/// A function call. `count(*)` has a single Star argument. Named arguments
/// (`header => true`) are NamedArgument args; lambdas are Lambda args.
struct FunctionCall : Expr {
  static constexpr ExprKind kKind = ExprKind::kFunctionCall;
  FunctionCall() : Expr(kKind) {}
  /// Name parts as written (`db.fn` -> {"db", "fn"}).
  std::vector<std::string> name;
  bool distinct = false;
  std::vector<ExprPtr> args;
  ExprPtr filter;  ///< FILTER (WHERE ...)
  NullTreatment null_treatment = NullTreatment::kNone;
  std::vector<SortItem> within_group;  ///< WITHIN GROUP (ORDER BY ...)
  std::unique_ptr<WindowSpec> over;
  /// CURRENT_DATE / CURRENT_TIMESTAMP / CURRENT_USER written without
  /// parentheses; Spark resolves a same-named column first.
  bool no_parens = false;

  /// Last name part, lower-cased: the name to look up.
  std::string lowerName() const;
};

/// `x -> body` or `(x, y) -> body`.
struct Lambda : Expr {
  static constexpr ExprKind kKind = ExprKind::kLambda;
  Lambda() : Expr(kKind) {}
  std::vector<std::string> params;
  ExprPtr body;
};

/// `base[index]` (array index or map key).
struct Subscript : Expr {
  static constexpr ExprKind kKind = ExprKind::kSubscript;
  Subscript() : Expr(kKind) {}
  ExprPtr base;
  ExprPtr index;
};

/// `base.field` where base is not a plain name (e.g. `f(x).a`, `a[0].b`);
/// dotted plain names stay one ColumnRef.
struct FieldAccess : Expr {
  static constexpr ExprKind kKind = ExprKind::kFieldAccess;
  FieldAccess() : Expr(kKind) {}
  ExprPtr base;
  std::string field;
};

/// `name => value` function argument.
struct NamedArgument : Expr {
  static constexpr ExprKind kKind = ExprKind::kNamedArgument;
  NamedArgument() : Expr(kKind) {}
  std::string name;
  ExprPtr value;
};

/// `(a, b, ...)` with two or more items: a row/struct constructor, the left
/// side of a multi-column IN, or a PIVOT/VALUES tuple.
struct Tuple : Expr {
  static constexpr ExprKind kKind = ExprKind::kTuple;
  Tuple() : Expr(kKind) {}
  std::vector<ExprPtr> items;
};

/// `expr AS name`: a named field inside `struct(...)`, or the alias of a
/// standalone expression from parseExpression("a + 1 AS b") (Spark's
/// expr()). Select-list aliases live on SelectItem instead.
struct Alias : Expr {
  static constexpr ExprKind kKind = ExprKind::kAlias;
  Alias() : Expr(kKind) {}
  ExprPtr expr;
  std::string name;
};

// ---------------------------------------------------------------------------
// Relations (FROM clause)
// ---------------------------------------------------------------------------

enum class SampleKind { kPercent, kRows, kBucket, kBytes };

/// TABLESAMPLE (10 PERCENT | 5 ROWS | BUCKET 1 OUT OF 4 [ON x] | 100M).
struct TableSample {
  SampleKind kind = SampleKind::kPercent;
  ExprPtr amount;            ///< percent / row count / byte-length string
  int64_t bucket_num = 0;    ///< BUCKET x ...
  int64_t bucket_total = 0;  ///< ... OUT OF y
  ExprPtr bucket_on;         ///< optional ON expr
  SourcePos pos;
};

enum class TableRefKind {
  kNamed,     ///< db.t
  kFile,      ///< 'data/*.parquet' or parquet.`path`
  kSubquery,  ///< (SELECT ...)
  kValues,    ///< VALUES (1, 'a'), ...
  kFunction,  ///< read_csv('f.csv', header => true)
  kJoin,
};

struct TableRef {
  explicit TableRef(TableRefKind k) : kind(k) {}
  virtual ~TableRef() = default;
  TableRef(const TableRef&) = delete;
  TableRef& operator=(const TableRef&) = delete;

  template <class T>
  T& as() { return downcast<T>(*this); }
  template <class T>
  const T& as() const { return downcast<const T>(*this); }

  /// Normalized SQL of this relation.
  std::string toSql() const;

  const TableRefKind kind;
  SourcePos pos;
  /// Table alias ("" if none) and optional column aliases `t(c1, c2)`.
  std::string alias;
  std::vector<std::string> column_aliases;
  std::unique_ptr<TableSample> sample;
};

struct NamedTable : TableRef {
  static constexpr TableRefKind kKind = TableRefKind::kNamed;
  NamedTable() : TableRef(kKind) {}
  std::vector<std::string> name;
};

/// A file path used as a table. `format` is lower-case ("parquet") for
/// `parquet.\`path\``, and empty for a bare string `'data/*.parquet'`.
struct FileTable : TableRef {
  static constexpr TableRefKind kKind = TableRefKind::kFile;
  FileTable() : TableRef(kKind) {}
  std::string format;
  std::string path;
};

struct SubqueryTable : TableRef {
  static constexpr TableRefKind kKind = TableRefKind::kSubquery;
  SubqueryTable() : TableRef(kKind) {}
  QueryPtr query;
  bool lateral = false;  ///< LATERAL (SELECT ...)
};

struct ValuesTable : TableRef {
  static constexpr TableRefKind kKind = TableRefKind::kValues;
  ValuesTable() : TableRef(kKind) {}
  /// One vector per row; `VALUES 1, 2` gives single-item rows.
  std::vector<std::vector<ExprPtr>> rows;
};

/// Table-valued function; args may include NamedArgument.
struct FunctionTable : TableRef {
  static constexpr TableRefKind kKind = TableRefKind::kFunction;
  FunctionTable() : TableRef(kKind) {}
  std::vector<std::string> name;
  std::vector<ExprPtr> args;
};

enum class JoinType {
  kInner,
  kLeft,
  kRight,
  kFull,
  kLeftSemi,
  kLeftAnti,
  kCross,
};

struct JoinTable : TableRef {
  static constexpr TableRefKind kKind = TableRefKind::kJoin;
  JoinTable() : TableRef(kKind) {}
  JoinType join_type = JoinType::kInner;
  bool natural = false;
  TableRefPtr left;
  TableRefPtr right;
  ExprPtr condition;                       ///< ON ...
  std::vector<std::string> using_columns;  ///< USING (...)
};

/// `LATERAL VIEW [OUTER] generator(args) tbl [AS] c1, c2`.
struct LateralView {
  bool outer = false;
  ExprPtr generator;  ///< a FunctionCall
  std::string table_alias;
  std::vector<std::string> column_aliases;
  SourcePos pos;
};

/// An expression with an optional alias ("" if none).
struct AliasedExpr {
  ExprPtr expr;
  std::string alias;
};

/// `PIVOT (agg [AS a], ... FOR col IN (v [AS a], ...))`; with several
/// pivot columns (`FOR (c1, c2) IN ((1, 'x') AS p, ...)`) each value is a
/// Tuple.
struct Pivot {
  std::vector<AliasedExpr> aggregates;
  std::vector<ExprPtr> columns;
  std::vector<AliasedExpr> values;
  std::string alias;
  SourcePos pos;
};

/// `UNPIVOT [INCLUDE|EXCLUDE NULLS] (val FOR name IN (c1 [AS a], ...))`, or
/// the multi-value form `((v1, v2) FOR name IN ((c1, c2) [AS a], ...))`.
struct Unpivot {
  bool include_nulls = false;
  std::vector<std::string> value_columns;
  std::string name_column;
  /// Each entry: the source columns (one per value column) and an alias.
  struct ColumnSet {
    std::vector<ExprPtr> columns;
    std::string alias;
  };
  std::vector<ColumnSet> column_sets;
  std::string alias;
  SourcePos pos;
};

// ---------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------

/// A select-list entry. `source_text` is the expression exactly as written
/// (without the alias), e.g. for naming columns like Spark does.
struct SelectItem {
  ExprPtr expr;
  std::optional<std::string> alias;
  /// `expr AS (a, b)`: multiple aliases for generators.
  std::vector<std::string> aliases;
  std::string source_text;
  SourcePos pos;
};

/// `/*+ NAME(arg, ...) */`; args are expressions (column names are
/// ColumnRefs, numbers Literals).
struct Hint {
  std::string name;  ///< upper-cased, e.g. "BROADCAST"
  std::vector<ExprPtr> args;
  SourcePos pos;
};

enum class GroupingKind { kExpr, kRollup, kCube, kGroupingSets };

/// One GROUP BY element. kExpr uses `expr`; the others use `sets`: for
/// ROLLUP/CUBE each entry is one argument (a single expr, or the items of
/// a parenthesized tuple); for GROUPING SETS each entry is one set.
struct GroupingElement {
  GroupingKind kind = GroupingKind::kExpr;
  ExprPtr expr;
  std::vector<std::vector<ExprPtr>> sets;
  SourcePos pos;
};

enum class GroupByModifier { kNone, kWithRollup, kWithCube };

struct GroupBy {
  bool all = false;  ///< GROUP BY ALL
  std::vector<GroupingElement> items;
  GroupByModifier modifier = GroupByModifier::kNone;
  SourcePos pos;
};

/// `WINDOW name AS (spec)`.
struct NamedWindow {
  std::string name;
  WindowSpec spec;
  SourcePos pos;
};

enum class QueryBodyKind { kSelect, kSetOperation, kValues, kNested, kTable };

struct QueryBody {
  explicit QueryBody(QueryBodyKind k) : kind(k) {}
  virtual ~QueryBody() = default;
  QueryBody(const QueryBody&) = delete;
  QueryBody& operator=(const QueryBody&) = delete;

  template <class T>
  T& as() { return downcast<T>(*this); }
  template <class T>
  const T& as() const { return downcast<const T>(*this); }

  const QueryBodyKind kind;
  SourcePos pos;
};

/// SELECT ... FROM ... WHERE ... GROUP BY ... HAVING ... QUALIFY ...
/// WINDOW ... (one query block, without ORDER BY / LIMIT).
struct SelectCore : QueryBody {
  static constexpr QueryBodyKind kKind = QueryBodyKind::kSelect;
  SelectCore() : QueryBody(kKind) {}
  std::vector<Hint> hints;
  bool distinct = false;
  std::vector<SelectItem> items;
  /// Comma-separated relations (an implicit cross join); empty if no FROM.
  std::vector<TableRefPtr> from;
  std::vector<LateralView> lateral_views;
  std::unique_ptr<Pivot> pivot;
  std::unique_ptr<Unpivot> unpivot;
  ExprPtr where;
  std::optional<GroupBy> group_by;
  ExprPtr having;
  ExprPtr qualify;
  std::vector<NamedWindow> windows;
};

enum class SetOpType { kUnion, kIntersect, kExcept };

/// `left UNION|INTERSECT|EXCEPT [ALL|DISTINCT] right` (MINUS = EXCEPT).
struct SetOperation : QueryBody {
  static constexpr QueryBodyKind kKind = QueryBodyKind::kSetOperation;
  SetOperation() : QueryBody(kKind) {}
  SetOpType op = SetOpType::kUnion;
  bool all = false;
  QueryBodyPtr left;
  QueryBodyPtr right;
};

/// Top-level `VALUES (1, 'a'), (2, 'b') [AS] t(c1, c2)`.
struct ValuesBody : QueryBody {
  static constexpr QueryBodyKind kKind = QueryBodyKind::kValues;
  ValuesBody() : QueryBody(kKind) {}
  std::vector<std::vector<ExprPtr>> rows;
  std::string alias;
  std::vector<std::string> column_aliases;
};

/// A parenthesized query used as a set-operation operand; it may carry its
/// own WITH / ORDER BY / LIMIT.
struct NestedQuery : QueryBody {
  static constexpr QueryBodyKind kKind = QueryBodyKind::kNested;
  NestedQuery() : QueryBody(kKind) {}
  QueryPtr query;
};

/// `TABLE t`.
struct TableBody : QueryBody {
  static constexpr QueryBodyKind kKind = QueryBodyKind::kTable;
  TableBody() : QueryBody(kKind) {}
  std::vector<std::string> name;
};

/// `name [(c1, c2)] AS (query)`.
struct Cte {
  std::string name;
  std::vector<std::string> columns;
  QueryPtr query;
  SourcePos pos;
};

/// A full query: WITH ctes, a body, then modifiers that apply to the whole
/// body (including a whole set operation).
struct Query {
  std::vector<Cte> ctes;
  QueryBodyPtr body;
  std::vector<SortItem> order_by;
  std::vector<ExprPtr> cluster_by;
  std::vector<ExprPtr> distribute_by;
  std::vector<SortItem> sort_by;
  /// WINDOW clause written after ORDER BY (Spark allows both places).
  std::vector<NamedWindow> windows;
  ExprPtr limit;  ///< null when absent or LIMIT ALL
  bool limit_all = false;
  ExprPtr offset;
  SourcePos pos;

  /// Normalized SQL text of the query.
  std::string toSql() const;
  std::string toString() const { return toSql(); }
};

// ---------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------

enum class StatementKind {
  kQuery,
  kCreateView,
  kCreateTable,
  kInsert,
  kDrop,
  kShowTables,
  kDescribeTable,
  kDescribeQuery,
  kExplain,
  kSet,
  kReset,
  kCacheTable,
  kUncacheTable,
  kUse,
};

struct Statement {
  explicit Statement(StatementKind k) : kind(k) {}
  virtual ~Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  template <class T>
  T& as() { return downcast<T>(*this); }
  template <class T>
  const T& as() const { return downcast<const T>(*this); }

  const StatementKind kind;
  SourcePos pos;
  /// The statement's text as written (without the trailing ';').
  std::string source_text;
};
using StatementPtr = std::unique_ptr<Statement>;

struct QueryStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kQuery;
  QueryStatement() : Statement(kKind) {}
  QueryPtr query;
};

/// `CREATE [OR REPLACE] [GLOBAL] TEMP[ORARY] VIEW [IF NOT EXISTS] v
/// [(c1 [COMMENT '..'], ...)] AS query`; also permanent views.
struct CreateViewStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kCreateView;
  CreateViewStatement() : Statement(kKind) {}
  bool or_replace = false;
  bool global = false;
  bool temporary = false;
  bool if_not_exists = false;
  std::vector<std::string> name;
  std::vector<std::string> columns;
  QueryPtr query;
  std::string query_text;  ///< the query as written
};

struct ColumnDefinition {
  std::string name;
  TypeName type;
  bool not_null = false;
  std::string comment;
  SourcePos pos;
};

/// A `key value` / `key = value` entry of OPTIONS / TBLPROPERTIES. The key
/// is the dotted name or the string; the value is the literal text.
struct Property {
  std::string key;
  std::string value;
};

/// `CREATE [OR REPLACE] [EXTERNAL] TABLE [IF NOT EXISTS] t [(col type, ...)]
/// [USING fmt] [OPTIONS (...)] [PARTITIONED BY (...)] [LOCATION '..']
/// [COMMENT '..'] [TBLPROPERTIES (...)] [AS query]`.
struct CreateTableStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kCreateTable;
  CreateTableStatement() : Statement(kKind) {}
  bool or_replace = false;
  bool external = false;
  bool if_not_exists = false;
  std::vector<std::string> name;
  std::vector<ColumnDefinition> columns;
  std::string provider;  ///< USING format, lower-cased ("" if absent)
  std::vector<Property> options;
  std::vector<std::string> partition_by;
  std::optional<std::string> location;
  std::optional<std::string> comment;
  std::vector<Property> table_properties;
  QueryPtr query;
};

/// One `PARTITION (k = v, k2)` entry; value null for a dynamic partition.
struct PartitionValue {
  std::string column;
  ExprPtr value;
};

/// `INSERT INTO|OVERWRITE [TABLE] t [PARTITION (...)] [IF NOT EXISTS]
/// [(cols)] query`.
struct InsertStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kInsert;
  InsertStatement() : Statement(kKind) {}
  bool overwrite = false;
  std::vector<std::string> table;
  std::vector<PartitionValue> partition;
  bool if_not_exists = false;
  std::vector<std::string> columns;
  QueryPtr query;
};

enum class DropObject { kTable, kView };

struct DropStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kDrop;
  DropStatement() : Statement(kKind) {}
  DropObject object = DropObject::kTable;
  bool if_exists = false;
  bool purge = false;
  std::vector<std::string> name;
};

/// `SHOW TABLES [FROM|IN db] [[LIKE] 'pattern']`.
struct ShowTablesStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kShowTables;
  ShowTablesStatement() : Statement(kKind) {}
  std::vector<std::string> database;
  std::optional<std::string> pattern;
};

enum class DescribeMode { kDefault, kExtended, kFormatted };

/// `DESCRIBE|DESC [TABLE] [EXTENDED|FORMATTED] t [column]`.
struct DescribeTableStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kDescribeTable;
  DescribeTableStatement() : Statement(kKind) {}
  DescribeMode mode = DescribeMode::kDefault;
  std::vector<std::string> name;
  std::vector<std::string> column;
};

/// `DESCRIBE [QUERY] query`.
struct DescribeQueryStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kDescribeQuery;
  DescribeQueryStatement() : Statement(kKind) {}
  QueryPtr query;
};

enum class ExplainMode { kSimple, kExtended, kFormatted, kCodegen, kCost };

struct ExplainStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kExplain;
  ExplainStatement() : Statement(kKind) {}
  ExplainMode mode = ExplainMode::kSimple;
  StatementPtr statement;
};

/// `SET` (list all: no key), `SET key` (show one), `SET key = value`.
/// key and value are raw text as written, trimmed; `SET -v` has key "-v".
struct SetStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kSet;
  SetStatement() : Statement(kKind) {}
  std::optional<std::string> key;
  std::optional<std::string> value;
};

/// `RESET` (all) or `RESET key`.
struct ResetStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kReset;
  ResetStatement() : Statement(kKind) {}
  std::optional<std::string> key;
};

/// `CACHE [LAZY] TABLE t [OPTIONS (...)] [[AS] query]`.
struct CacheTableStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kCacheTable;
  CacheTableStatement() : Statement(kKind) {}
  bool lazy = false;
  std::vector<std::string> name;
  std::vector<Property> options;
  QueryPtr query;
};

struct UncacheTableStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kUncacheTable;
  UncacheTableStatement() : Statement(kKind) {}
  bool if_exists = false;
  std::vector<std::string> name;
};

/// `USE [DATABASE|NAMESPACE|SCHEMA] db`.
struct UseStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kUse;
  UseStatement() : Statement(kKind) {}
  std::vector<std::string> name;
};

/// Joins name parts with '.', back-quoting parts that need it.
std::string qualifiedNameToSql(const std::vector<std::string>& parts);

}  // namespace loch::sql
