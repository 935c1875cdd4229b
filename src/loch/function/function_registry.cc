#include "loch/function/function_registry.h"

#include "loch/common/format.h"

namespace loch {

std::string FunctionRegistry::canonical(const std::string& name) const {
  std::string lower = toLower(name);
  auto it = aliases_.find(lower);
  return it == aliases_.end() ? lower : it->second;
}

void FunctionRegistry::addScalar(const std::string& name, ScalarBinder binder, FunctionInfo info) {
  scalars_[toLower(name)] = std::move(binder);
  infos_[toLower(name)] = std::move(info);
}

void FunctionRegistry::addAggregate(const std::string& name, AggregateBinder binder, FunctionInfo info) {
  aggregates_[toLower(name)] = std::move(binder);
  infos_[toLower(name)] = std::move(info);
}

void FunctionRegistry::addAlias(const std::string& alias, const std::string& target) {
  aliases_[toLower(alias)] = toLower(target);
}

const ScalarBinder* FunctionRegistry::findScalar(const std::string& name) const {
  auto it = scalars_.find(canonical(name));
  return it == scalars_.end() ? nullptr : &it->second;
}

const AggregateBinder* FunctionRegistry::findAggregate(const std::string& name) const {
  auto it = aggregates_.find(canonical(name));
  return it == aggregates_.end() ? nullptr : &it->second;
}

std::vector<std::string> FunctionRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& [n, _] : scalars_) out.push_back(n);
  for (const auto& [n, _] : aggregates_) out.push_back(n);
  for (const auto& [n, _] : aliases_) out.push_back(n);
  return out;
}

const FunctionInfo* FunctionRegistry::info(const std::string& name) const {
  auto it = infos_.find(canonical(name));
  return it == infos_.end() ? nullptr : &it->second;
}

}  // namespace loch
