#include "loch/api/window.h"

namespace loch {

namespace {

FrameBound boundOf(int64_t offset, bool is_start) {
  if (offset == Window::unboundedPreceding) return {FrameBound::Kind::UnboundedPreceding, {}};
  if (offset == Window::unboundedFollowing) return {FrameBound::Kind::UnboundedFollowing, {}};
  if (offset == 0) return {FrameBound::Kind::CurrentRow, {}};
  if (offset < 0) return {FrameBound::Kind::Preceding, Value::longValue(-offset)};
  return {FrameBound::Kind::Following, Value::longValue(offset)};
}

FrameBound boundOf(const std::optional<Value>& v, bool is_start) {
  if (!v) return {is_start ? FrameBound::Kind::UnboundedPreceding : FrameBound::Kind::UnboundedFollowing, {}};
  const Value& x = *v;
  bool negative = false;
  if (!x.isNull()) {
    switch (x.type()->id()) {
      case TypeId::Double:
      case TypeId::Float: negative = x.getDouble() < 0; break;
      case TypeId::Decimal: negative = x.getDecimal() < 0; break;
      case TypeId::Byte:
      case TypeId::Short:
      case TypeId::Integer:
      case TypeId::Long:
      case TypeId::DayTimeInterval:
      case TypeId::YearMonthInterval: negative = x.getLong() < 0; break;
      default: break;
    }
  }
  if (!negative) {
    bool zero = !x.isNull() && ((x.type()->isIntegral() || x.type()->id() == TypeId::DayTimeInterval) && x.getLong() == 0);
    if (zero) return {FrameBound::Kind::CurrentRow, {}};
    return {FrameBound::Kind::Following, x};
  }
  // A negative offset means PRECEDING by its magnitude.
  switch (x.type()->id()) {
    case TypeId::Double: return {FrameBound::Kind::Preceding, Value::doubleValue(-x.getDouble())};
    case TypeId::Float: return {FrameBound::Kind::Preceding, Value::floatValue(static_cast<float>(-x.getDouble()))};
    case TypeId::Decimal:
      return {FrameBound::Kind::Preceding, Value::decimal(-x.getDecimal(), x.type()->precision(), x.type()->scale())};
    default: return {FrameBound::Kind::Preceding, Value::fromInt(x.type(), -x.getLong())};
  }
}

}  // namespace

WindowSpec WindowSpec::partitionBy(const std::vector<Column>& cols) const {
  WindowSpec w = *this;
  w.def_.partition_by.clear();
  for (const auto& c : cols) w.def_.partition_by.push_back(c.expr());
  return w;
}

WindowSpec WindowSpec::orderBy(const std::vector<Column>& cols) const {
  WindowSpec w = *this;
  w.def_.order_by.clear();
  for (const auto& c : cols) {
    ExprPtr e = c.expr();
    if (e->kind() != ExprKind::SortOrder) e = Expr::sortOrder(e, true, true);
    w.def_.order_by.push_back(e);
  }
  return w;
}

WindowSpec WindowSpec::withFrame(WindowFrame::Type type, FrameBound start, FrameBound end) const {
  WindowSpec w = *this;
  WindowFrame f;
  f.type = type;
  f.start = std::move(start);
  f.end = std::move(end);
  w.def_.frame = f;
  return w;
}

WindowSpec WindowSpec::rowsBetween(int64_t start, int64_t end) const {
  return withFrame(WindowFrame::Type::Rows, boundOf(start, true), boundOf(end, false));
}

WindowSpec WindowSpec::rangeBetween(int64_t start, int64_t end) const {
  return withFrame(WindowFrame::Type::Range, boundOf(start, true), boundOf(end, false));
}

WindowSpec WindowSpec::rangeBetween(std::optional<Value> start, std::optional<Value> end) const {
  return withFrame(WindowFrame::Type::Range, boundOf(start, true), boundOf(end, false));
}

Column Column::over(const WindowSpec& window) const {
  return Column(Expr::windowOf(expr_, window.definition()));
}

}  // namespace loch
