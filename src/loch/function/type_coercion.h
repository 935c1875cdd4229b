#pragma once
// Spark's implicit type coercion (org.apache.spark.sql.catalyst.analysis.
// TypeCoercion for legacy mode and AnsiTypeCoercion for ANSI mode) and the
// decimal result types of arithmetic (DecimalPrecision, with
// spark.sql.decimalOperations.allowPrecisionLoss=true).

#include <optional>
#include <vector>

#include "loch/expr/expression.h"
#include "loch/types/data_type.h"

namespace loch {

/// The common type both types widen to without loss (Spark's
/// findTightestCommonType): equal types, NULL with anything, numeric
/// widening byte<short<int<long<float<double (decimals excluded), date with
/// timestamp → timestamp, timestamp_ntz with timestamp → timestamp.
std::optional<DataTypePtr> findTightestCommonType(const DataTypePtr& a, const DataTypePtr& b);

/// Wider decimal that holds both decimals (Spark's widerDecimalType):
/// scale max(s1,s2), integer digits max(p1-s1,p2-s2), capped at 38 digits.
DataTypePtr widerDecimalType(const DataType& a, const DataType& b);

/// Tightest type, then decimal rules (integral → DecimalType.forType when
/// meeting a decimal, decimal with float/double → double), then string
/// promotion (legacy: string with any atomic type but binary/boolean →
/// string; ANSI: string with integral → bigint, with fractional → double,
/// with date/timestamp/boolean/binary → that type), then element-wise for
/// arrays, maps and structs (Spark's findWiderTypeForTwo).
std::optional<DataTypePtr> findWiderTypeForTwo(const DataTypePtr& a, const DataTypePtr& b, bool ansi);

/// The common type of CASE/IF/COALESCE branches, IN lists, UNION columns,
/// greatest/least arguments (Spark's findWiderCommonType). nullopt when
/// some pair has none. An empty list gives NullType.
std::optional<DataTypePtr> findWiderCommonType(const std::vector<DataTypePtr>& types, bool ansi);

/// The type both sides of a comparison (=, <, <=>, IN) are cast to.
/// Legacy (TypeCoercion.findCommonTypeForBinaryComparison): string with
/// date/timestamp → date/timestamp, string with decimal → double, string
/// with another atomic type → that type. ANSI (AnsiTypeCoercion): string
/// with integral → bigint, with fractional → double, otherwise the other
/// type. Then the tightest / decimal-wider type.
std::optional<DataTypePtr> findCommonTypeForComparison(const DataTypePtr& a, const DataTypePtr& b, bool ansi);

/// Spark's DecimalType.forType for integral types; float → decimal(14,7),
/// double → decimal(30,15) (as Spark); decimals unchanged; nullopt otherwise.
std::optional<DataTypePtr> decimalForType(const DataType& t);

/// The smallest decimal holding integral literal `v` (Spark's
/// DecimalType.fromLiteral, used when a literal meets a decimal).
DataTypePtr decimalForLiteral(const Value& v);

/// Spark's DecimalType.adjustPrecisionScale (allowPrecisionLoss=true):
/// precision <= 38 is kept; otherwise precision 38 and the scale reduced to
/// keep the integer digits but no lower than min(scale, 6).
DataTypePtr adjustDecimalPrecisionScale(int precision, int scale);

enum class DecimalOp { Add, Subtract, Multiply, Divide, Remainder };

/// Result type of decimal arithmetic (Spark's DecimalPrecision):
///   + -  p = max(p1-s1, p2-s2) + max(s1,s2) + 1, s = max(s1,s2)
///   *    p = p1 + p2 + 1,                       s = s1 + s2
///   /    s = max(6, s1 + p2 + 1),               p = p1 - s1 + s2 + s
///   %    p = min(p1-s1, p2-s2) + max(s1,s2),    s = max(s1,s2)
/// then adjustDecimalPrecisionScale.
DataTypePtr decimalResultType(DecimalOp op, const DataType& a, const DataType& b);

/// The decimal type an arithmetic operand takes when it meets a decimal:
/// integral literals fromLiteral, other integrals forType, decimals as is.
std::optional<DataTypePtr> decimalOperandType(const ExprPtr& operand);

}  // namespace loch
