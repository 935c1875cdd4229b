#pragma once
// ${name} parameters of SQL and YAML jobs.

#include <map>
#include <string>

namespace loch::jobs {

/// Replaces every ${name} in `text` by params[name]; "$${" is kept as a
/// literal "${". SQL comments (-- to end of line, /* */) are left as they
/// are; strings and quoted identifiers are substituted.
/// @throws InvalidArgumentException UNBOUND_PARAMETER naming the parameter
///         (and `where`) when it has no value, or for an unterminated "${".
std::string substituteParameters(const std::string& text, const std::map<std::string, std::string>& params,
                                 const std::string& where);

}  // namespace loch::jobs
