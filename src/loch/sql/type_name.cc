#include "loch/sql/type_name.h"

namespace loch::sql {

std::string TypeName::toString() const {
  if (name == "array") {
    return "ARRAY<" + (children.empty() ? "" : children[0].toString()) + ">";
  }
  if (name == "map") {
    if (children.size() != 2) return "MAP<>";
    return "MAP<" + children[0].toString() + ", " + children[1].toString() +
           ">";
  }
  if (name == "struct") {
    std::string out = "STRUCT<";
    for (size_t i = 0; i < children.size(); ++i) {
      if (i > 0) out += ", ";
      out += (i < field_names.size() ? field_names[i] : "") + ": " +
             children[i].toString();
      if (i < field_not_null.size() && field_not_null[i]) out += " NOT NULL";
      if (i < field_comments.size() && !field_comments[i].empty()) {
        out += " COMMENT '" + field_comments[i] + "'";
      }
    }
    return out + ">";
  }
  if (name == "interval") {
    std::string out = "INTERVAL";
    if (!interval_from.empty()) out += " " + interval_from;
    if (!interval_to.empty()) out += " TO " + interval_to;
    return out;
  }
  std::string out = toUpperAscii(name);
  if (!params.empty()) {
    out += "(";
    for (size_t i = 0; i < params.size(); ++i) {
      if (i > 0) out += ",";
      out += std::to_string(params[i]);
    }
    out += ")";
  }
  return out;
}

}  // namespace loch::sql
