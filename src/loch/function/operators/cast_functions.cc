// Functions named after types that cast their argument (Spark registers
// int(x), string(x), ... as casts: FunctionRegistry.castAlias).

#include "loch/common/format.h"
#include "loch/function/function_registry.h"
#include "loch/function/operators/cast.h"
#include "loch/function/operators/operator_families.h"
#include "loch/function/operators/operator_util.h"

namespace loch {

void registerCastFunctions(FunctionRegistry& reg) {
  struct Entry {
    const char* name;
    DataTypePtr type;
  };
  const Entry entries[] = {{"boolean", BooleanType()},     {"tinyint", ByteType()},   {"smallint", ShortType()},
                           {"int", IntegerType()},         {"bigint", LongType()},    {"float", FloatType()},
                           {"double", DoubleType()},       {"decimal", DecimalType(10, 0)}, {"date", DateType()},
                           {"timestamp", TimestampType()}, {"binary", BinaryType()},  {"string", StringType()}};
  for (const auto& e : entries) {
    std::string name = e.name;
    DataTypePtr to = e.type;
    reg.addScalar(
        name,
        [name, to](const ScalarBindInput& in) {
          checkArgCount(name, in.args, 1, 1);
          const DataTypePtr& from = in.args[0]->type();
          if (!canCast(*from, *to, in.ansi)) {
            throw AnalysisException("DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
                                    "Cannot resolve \"" + callSql(name, in.args) +
                                        "\" due to data type mismatch: cannot cast \"" + from->sql() + "\" to \"" +
                                        to->sql() + "\".");
          }
          // The argument keeps its own type; the kernel does the cast.
          return op::bound(name, {from}, to,
                           [to](const std::vector<VectorPtr>& a, int64_t, EvalContext& ctx) {
                             return castVector(*a[0], to, ctx, false);
                           },
                           castMayFail(*from, *to) && !in.ansi);
        },
        {name + "(expr) - Casts the value `expr` to the target data type `" + name + "`.", ""});
  }
}

}  // namespace loch
