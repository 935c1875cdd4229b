#include "loch/jobs/job_parameters.h"

#include "loch/common/exception.h"

namespace loch::jobs {

std::string substituteParameters(const std::string& text, const std::map<std::string, std::string>& params,
                                 const std::string& where) {
  std::string out;
  size_t i = 0;
  char quote = 0;  // inside '...', "..." or `...`: parameters are replaced there too
  while (i < text.size()) {
    // Comments are copied as they are: they may mention ${name} in prose.
    if (quote == 0 && text.compare(i, 2, "--") == 0) {
      size_t eol = text.find('\n', i);
      size_t stop = eol == std::string::npos ? text.size() : eol;
      out.append(text, i, stop - i);
      i = stop;
      continue;
    }
    if (quote == 0 && text.compare(i, 2, "/*") == 0) {
      size_t close = text.find("*/", i + 2);
      size_t stop = close == std::string::npos ? text.size() : close + 2;
      out.append(text, i, stop - i);
      i = stop;
      continue;
    }
    if (text[i] == '\'' || text[i] == '"' || text[i] == '`') {
      if (quote == 0)
        quote = text[i];
      else if (quote == text[i])
        quote = 0;
    }
    if (text.compare(i, 3, "$${") == 0) {
      out += "${";
      i += 3;
      continue;
    }
    if (text.compare(i, 2, "${") != 0) {
      out += text[i++];
      continue;
    }
    size_t close = text.find('}', i + 2);
    if (close == std::string::npos) {
      throw InvalidArgumentException("UNBOUND_PARAMETER", "Unterminated '${' in " + where + ".");
    }
    std::string name = text.substr(i + 2, close - i - 2);
    auto it = params.find(name);
    if (it == params.end()) {
      throw InvalidArgumentException("UNBOUND_PARAMETER", "The parameter ${" + name + "} of " + where +
                                                              " has no value; pass it with --input, --output or "
                                                              "--conf " +
                                                              name + "=<value>.");
    }
    out += it->second;
    i = close + 1;
  }
  return out;
}

}  // namespace loch::jobs
