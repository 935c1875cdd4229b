#include "loch/api/row.h"

#include "loch/common/exception.h"

namespace loch {

const Value& Row::get(const std::string& name) const {
  if (schema_) {
    if (auto i = findField(*schema_, name)) return values_.at(static_cast<size_t>(*i));
  }
  throw InvalidArgumentException("FIELD_NOT_FOUND", "No such struct field `" + name + "` in the row.");
}

std::string Row::toString() const {
  std::string s = "Row(";
  for (size_t i = 0; i < values_.size(); ++i) {
    if (i) s += ", ";
    if (schema_ && i < schema_->fields().size()) s += schema_->fields()[i].name + "=";
    const Value& v = values_[i];
    if (!v.isNull() && v.type()->id() == TypeId::String) {
      s += "'" + v.getString() + "'";
    } else {
      s += v.toString();
    }
  }
  return s + ")";
}

}  // namespace loch
