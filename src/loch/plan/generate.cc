#include "loch/plan/generate.h"

#include "loch/common/exception.h"
#include "loch/common/format.h"

namespace loch {

LogicalPlanPtr makeGenerate(LogicalPlanPtr child, const std::string& name, const std::vector<ExprPtr>& args,
                            bool outer, const std::vector<std::string>& aliases, const std::string& qualifier) {
  auto gen = generatorByName(name);
  std::vector<std::string> arg_text;
  for (const auto& a : args) arg_text.push_back(a->toString());
  std::string sql = toLower(name) + "(" + join(arg_text, ", ") + ")";
  if (!gen) {
    throw AnalysisException("UNSUPPORTED_GENERATOR.NOT_GENERATOR",
                            "The generator is not supported: `" + toLower(name) +
                                "` is expected to be a generator (explode, posexplode, inline).");
  }
  if (args.size() != 1) {
    throw AnalysisException("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                            "The `" + toLower(name) + "` requires 1 parameters but the actual number is " +
                                std::to_string(args.size()) + ".");
  }
  bool is_outer = outer || gen->second;
  auto fields = generatorFields(gen->first, args[0]->type(), is_outer, sql);
  if (!aliases.empty() && aliases.size() != fields.size()) {
    throw AnalysisException("UDTF_ALIAS_NUMBER_MISMATCH",
                            "The number of aliases supplied in the AS clause does not match the number of columns "
                            "output by the UDTF. Expected " + std::to_string(fields.size()) +
                                " aliases, but got " + std::to_string(aliases.size()) + ".");
  }
  std::vector<ExprPtr> outputs;
  for (size_t i = 0; i < fields.size(); ++i) {
    outputs.push_back(Expr::attribute(Expr::newAttributeId(), aliases.empty() ? fields[i].name : aliases[i],
                                      fields[i].type, fields[i].nullable, qualifier));
  }
  std::vector<ExprPtr> kept = child->output();
  return LogicalPlan::generate(std::move(child), gen->first, args[0], is_outer, std::move(kept), std::move(outputs));
}

}  // namespace loch
