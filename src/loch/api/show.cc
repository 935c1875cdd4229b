// DataFrame.show() and explain() text, laid out exactly as Spark's
// Dataset.showString and QueryExecution.explainString.

#include <sstream>

#include "loch/api/data_frame.h"
#include "loch/api/spark_session.h"
#include "loch/common/exception.h"
#include "loch/common/format.h"

namespace loch {

namespace {

/// Display width in characters (UTF-8 code points).
size_t displayWidth(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

/// First `chars` code points of s.
std::string prefixChars(const std::string& s, size_t chars) {
  size_t n = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (n == chars) break;
      ++n;
    }
  }
  return s.substr(0, i);
}

std::string cellText(const Value& v, int truncate, const std::string& tz) {
  std::string s = v.toString(tz);
  if (truncate > 0 && displayWidth(s) > static_cast<size_t>(truncate)) {
    s = truncate < 4 ? prefixChars(s, truncate) : prefixChars(s, truncate - 3) + "...";
  }
  return s;
}

std::string pad(const std::string& s, size_t width, bool left) {
  size_t w = displayWidth(s);
  if (w >= width) return s;
  return left ? std::string(width - w, ' ') + s : s + std::string(width - w, ' ');
}

}  // namespace

std::string DataFrame::showString(int n, int truncate, bool vertical) const {
  if (n < 0) n = 0;
  std::string tz = session_->conf().sessionTimeZone();
  auto rows = limit(static_cast<int64_t>(n) + 1).collect();
  bool more = static_cast<int>(rows.size()) > n;
  if (more) rows.pop_back();
  auto names = columns();
  std::vector<std::vector<std::string>> cells;
  cells.push_back({});
  for (const auto& name : names) {
    std::string h = name;
    if (truncate > 0 && displayWidth(h) > static_cast<size_t>(truncate)) {
      h = truncate < 4 ? prefixChars(h, truncate) : prefixChars(h, truncate - 3) + "...";
    }
    cells[0].push_back(h);
  }
  for (const auto& r : rows) {
    std::vector<std::string> line;
    for (size_t c = 0; c < names.size(); ++c) line.push_back(cellText(r.get(c), truncate, tz));
    cells.push_back(std::move(line));
  }
  std::ostringstream out;
  if (vertical) {
    size_t key_width = 0;
    for (const auto& h : cells[0]) key_width = std::max(key_width, displayWidth(h));
    for (size_t r = 1; r < cells.size(); ++r) {
      std::string head = "-RECORD " + std::to_string(r - 1);
      out << head << std::string(head.size() < 20 ? 20 - head.size() : 0, '-') << "\n";
      for (size_t c = 0; c < names.size(); ++c) {
        out << " " << pad(cells[0][c], key_width, false) << " | " << cells[r][c] << " \n";
      }
    }
    if (cells.size() == 1) out << "(0 rows)\n";
  } else {
    std::vector<size_t> widths(names.size(), 3);
    for (const auto& line : cells) {
      for (size_t c = 0; c < line.size(); ++c) widths[c] = std::max(widths[c], displayWidth(line[c]));
    }
    std::string sep = "+";
    for (size_t w : widths) sep += std::string(w, '-') + "+";
    out << sep << "\n";
    for (size_t r = 0; r < cells.size(); ++r) {
      out << "|";
      for (size_t c = 0; c < names.size(); ++c) out << pad(cells[r][c], widths[c], truncate > 0) << "|";
      out << "\n";
      if (r == 0) out << sep << "\n";
    }
    out << sep << "\n";
  }
  if (more) out << "only showing top " << n << " row" << (n == 1 ? "" : "s") << "\n";
  return out.str();
}

namespace {

void appendPhysical(const PhysicalOperator& op, const std::string& prefix, bool root, bool last, std::string& out) {
  out += (root ? "" : prefix + "+- ") + op.toString() + "\n";
  std::string child_prefix = root ? "" : prefix + (last ? "   " : ":  ");
  for (size_t i = 0; i < op.children().size(); ++i) {
    appendPhysical(*op.children()[i], child_prefix, false, i + 1 == op.children().size(), out);
  }
}

}  // namespace

std::string DataFrame::explainString(const std::string& mode) const {
  std::string m = toLower(mode);
  std::string physical;
  appendPhysical(*session_->physicalPlan(plan_), "", true, true, physical);
  if (m == "simple") return "== Physical Plan ==\n" + physical + "\n";
  if (m == "extended") {
    return "== Analyzed Logical Plan ==\n" + plan_->treeString() + "\n== Optimized Logical Plan ==\n" +
           session_->optimizedPlan(plan_)->treeString() + "\n== Physical Plan ==\n" + physical + "\n";
  }
  if (m == "formatted") {
    // Spark's formatted mode: a numbered outline, then one section per operator.
    std::vector<const PhysicalOperator*> ops;
    std::function<void(const PhysicalOperator&)> walk = [&](const PhysicalOperator& op) {
      ops.push_back(&op);
      for (const auto& c : op.children()) walk(*c);
    };
    auto root = session_->physicalPlan(plan_);
    walk(*root);
    std::string outline, details;
    for (size_t i = 0; i < ops.size(); ++i) {
      std::string text = ops[i]->toString();
      std::string name = text.substr(0, text.find_first_of(" ("));
      outline += std::string(i ? "+- " : "") + name + " (" + std::to_string(i + 1) + ")\n";
      details += "(" + std::to_string(i + 1) + ") " + name + "\n" + "Output: [" +
                 loch::join(fieldNames(*ops[i]->schema()), ", ") + "]\nDetails: " + text + "\n\n";
    }
    return "== Physical Plan ==\n" + outline + "\n\n" + details;
  }
  throw InvalidArgumentException("INVALID_PARAMETER_VALUE",
                                 "explain(): unknown mode '" + mode +
                                     "'; expected simple, extended or formatted.");
}

}  // namespace loch
