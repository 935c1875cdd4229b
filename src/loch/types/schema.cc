#include "loch/types/schema.h"

#include <algorithm>

#include "loch/common/format.h"

namespace loch {

std::optional<int> findField(const DataType& schema, const std::string& name, bool case_sensitive) {
  const auto& fields = schema.fields();
  for (size_t i = 0; i < fields.size(); ++i) {
    if (case_sensitive ? fields[i].name == name : equalsIgnoreCase(fields[i].name, name)) {
      return static_cast<int>(i);
    }
  }
  return std::nullopt;
}

std::vector<std::string> fieldNames(const DataType& schema) {
  std::vector<std::string> names;
  for (const auto& f : schema.fields()) names.push_back(f.name);
  return names;
}

namespace {

void appendTree(const DataType& type, const std::string& prefix, std::string& out);

void appendField(const std::string& name, const DataType& type, bool nullable, const std::string& prefix,
                 const char* null_label, std::string& out) {
  out += prefix + "-- " + name + ": " + type.typeName() + " (" + null_label + " = " +
         (nullable ? "true" : "false") + ")\n";
  appendTree(type, prefix + "    |", out);
}

void appendTree(const DataType& type, const std::string& prefix, std::string& out) {
  switch (type.id()) {
    case TypeId::Struct:
      for (const auto& f : type.fields()) appendField(f.name, *f.type, f.nullable, prefix, "nullable", out);
      break;
    case TypeId::Array:
      appendField("element", *type.elementType(), type.containsNull(), prefix, "containsNull", out);
      break;
    case TypeId::Map:
      out += prefix + "-- key: " + type.keyType()->typeName() + "\n";
      appendTree(*type.keyType(), prefix + "    |", out);
      appendField("value", *type.valueType(), type.valueContainsNull(), prefix, "valueContainsNull", out);
      break;
    default:
      break;
  }
}

}  // namespace

std::string treeString(const DataType& schema) {
  std::string out = "root\n";
  appendTree(schema, " |", out);
  return out;
}

std::vector<std::string> suggestNames(const std::string& name, const std::vector<std::string>& candidates,
                                      size_t max) {
  std::vector<std::pair<int, std::string>> scored;
  for (const auto& c : candidates) scored.emplace_back(editDistance(name, c), c);
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (const auto& [d, c] : scored) {
    if (out.size() >= max) break;
    out.push_back(c);
  }
  return out;
}

}  // namespace loch
