#include "loch/api/sql_binder_catalog.h"

#include "loch/api/spark_session.h"
#include "loch/common/exception.h"
#include "loch/common/format.h"
#include "loch/sql/parser.h"

namespace loch {

namespace {

using NamedArgs = std::vector<std::pair<std::string, Value>>;

LogicalPlanPtr lookupRelation(SparkSession& session, const std::vector<std::string>& name) {
  std::string n = name.size() == 1 ? name[0] : sql::qualifiedNameToSql(name);
  return session.table(n).plan()->child(0);  // the view's own plan, without its alias
}

LogicalPlanPtr readFiles(SparkSession& session, const std::string& format, const std::string& path) {
  std::string fmt = format;
  if (fmt.empty()) {
    for (const char* ext : {"parquet", "csv", "json"}) {
      std::string suffix = std::string(".") + ext;
      if (path.size() >= suffix.size() && equalsIgnoreCase(path.substr(path.size() - suffix.size()), suffix)) {
        fmt = ext;
      }
    }
    if (fmt.empty()) {
      throw AnalysisException("UNSUPPORTED_DATASOURCE_FOR_DIRECT_QUERY",
                              "Cannot infer the file format of '" + path +
                                  "'; write it as parquet.`path`, csv.`path` or json.`path`.");
    }
  }
  return session.read().format(fmt).load(path).plan();
}

/// read_csv('path', header => true, ...): named arguments are reader
/// options; `schema => 'a INT, b STRING'` sets the schema.
LogicalPlanPtr readFunction(SparkSession& session, const std::string& name, const std::vector<Value>& args,
                            const NamedArgs& named) {
  if (args.size() != 1) {
    throw AnalysisException("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                            "The " + quoteIdentifier(name) +
                                " requires 1 positional parameter (the path) but the actual number is " +
                                std::to_string(args.size()) + ".");
  }
  if (args[0].isNull() || args[0].type()->id() != TypeId::String) {
    throw AnalysisException("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                            "Cannot resolve " + quoteIdentifier(name) + ": the path must be a STRING literal, got " +
                                args[0].toString() + ".");
  }
  auto reader = session.read().format(name.substr(5));
  for (const auto& [key, value] : named) {
    if (value.isNull()) continue;
    std::string text = value.type()->id() == TypeId::String ? value.getString() : value.toString();
    if (equalsIgnoreCase(key, "schema")) {
      reader.schema(text);
    } else {
      reader.option(key, text);
    }
  }
  return reader.load(args[0].getString()).plan();
}

/// range(end) | range(start, end) | range(start, end, step[, numPartitions])
LogicalPlanPtr rangeFunction(SparkSession& session, const std::vector<Value>& args, const NamedArgs& named) {
  if (!named.empty()) {
    throw AnalysisException("NAMED_PARAMETERS_NOT_SUPPORTED",
                            "Named parameters are not supported for function `range`; please retry the query with "
                            "positional arguments to the function call instead.");
  }
  std::vector<int64_t> ints;
  for (const auto& v : args) {
    if (v.isNull() || !v.type()->isIntegral()) {
      throw AnalysisException("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                              "range() takes integer arguments, got " + v.toString() + ".");
    }
    ints.push_back(v.getLong());
  }
  if (ints.empty() || ints.size() > 4) {
    throw AnalysisException("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                            "The `range` requires 1 to 4 parameters but the actual number is " +
                                std::to_string(ints.size()) + ".");
  }
  if (ints.size() >= 3 && ints[2] == 0) {
    throw AnalysisException("FAILED_FUNCTION_CALL", "range(): the step must not be 0.");
  }
  if (ints.size() == 1) return session.range(0, ints[0]).plan();
  return session.range(ints[0], ints[1], ints.size() >= 3 ? ints[2] : 1).plan();
}

LogicalPlanPtr tableFunction(SparkSession& session, const std::string& name, const std::vector<Value>& args,
                             const NamedArgs& named) {
  if (name == "read_parquet" || name == "read_csv" || name == "read_json") {
    return readFunction(session, name, args, named);
  }
  if (name != "range") {
    throw AnalysisException("UNRESOLVABLE_TABLE_VALUED_FUNCTION",
                            "Could not resolve " + quoteIdentifier(name) +
                                " to a table-valued function. Loch supports range(end), range(start, end[, step]), "
                                "read_parquet(path), read_csv(path, option => value, ...), read_json(path, ...).");
  }
  return rangeFunction(session, args, named);
}

}  // namespace

BinderCatalog makeBinderCatalog(SparkSession& session) {
  BinderCatalog catalog;
  catalog.options = AnalyzerOptions{session.caseSensitive(), session.ansi()};
  catalog.lookup_relation = [&session](const std::vector<std::string>& name) {
    return lookupRelation(session, name);
  };
  catalog.read_files = [&session](const std::string& format, const std::string& path) {
    return readFiles(session, format, path);
  };
  catalog.table_function = [&session](const std::string& name, const std::vector<Value>& args,
                                      const NamedArgs& named) { return tableFunction(session, name, args, named); };
  return catalog;
}

}  // namespace loch
