#pragma once
// Differential checks of I/O against the peers (DuckDB, Polars) in
// tools/peers: Loch's rows are dumped as JSON Lines in the shape
// tools/peers/compare_files.mjs compares (objects keyed c0, c1, ... by
// position; integers and
// decimals as exact text; timestamps as UTC "yyyy-MM-dd HH:mm:ss[.ffffff]";
// binary in DuckDB's "\xHH" text; maps as [{key, value}] lists), and the checker runs the
// peer in-process and compares all rows. Tests GTEST_SKIP when node, the
// peer packages or the data are missing.

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "loch/types/datetime.h"
#include "loch/types/decimal.h"
#include "loch/types/value.h"
#include "loch/vector/record_batch.h"

namespace loch::testing {

/// The repository root: $LOCH_SOURCE_DIR (set by ctest) or the path
/// compiled in (LOCH_IO_TEST_SOURCE_DIR).
inline std::string sourceDir() {
  if (const char* dir = std::getenv("LOCH_SOURCE_DIR")) return dir;
#ifdef LOCH_IO_TEST_SOURCE_DIR
  return LOCH_IO_TEST_SOURCE_DIR;
#else
  return ".";
#endif
}

/// "" when node and the peer packages are usable, else why not.
inline std::string peersMissing() {
  namespace fs = std::filesystem;
  if (std::system("node --version > /dev/null 2>&1") != 0) return "node is not installed";
  fs::path modules = fs::path(sourceDir()) / "tools/peers/node_modules";
  if (!fs::exists(modules / "@duckdb/node-api")) return "DuckDB peer missing (run scripts/peers.sh)";
  if (!fs::exists(modules / "nodejs-polars")) return "Polars peer missing (run scripts/peers.sh)";
  return "";
}

namespace detail {

inline void appendJsonText(const std::string& s, std::string& out) {
  out.push_back('"');
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back('"');
}

/// DuckDB's BLOB text: printable ASCII as is, other bytes as \xHH.
inline std::string blobText(const std::string& bytes) {
  std::string out;
  for (unsigned char c : bytes) {
    if (c >= 0x20 && c < 0x7F && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    }
  }
  return out;
}

inline void appendValue(const Value& v, std::string& out) {
  if (v.isNull()) {
    out += "null";
    return;
  }
  const DataType& t = *v.type();
  switch (t.id()) {
    case TypeId::Boolean: out += v.getBool() ? "true" : "false"; break;
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Integer:
    case TypeId::Long: appendJsonText(std::to_string(v.getLong()), out); break;
    case TypeId::Float:
    case TypeId::Double: {
      double d = v.getDouble();
      if (std::isnan(d)) {
        out += "\"NaN\"";
      } else if (std::isinf(d)) {
        out += d > 0 ? "\"Infinity\"" : "\"-Infinity\"";
      } else {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", d);
        out += buf;
      }
      break;
    }
    case TypeId::Decimal: appendJsonText(decimalToString(v.getDecimal(), t.scale()), out); break;
    case TypeId::String: appendJsonText(v.getString(), out); break;
    case TypeId::Binary: appendJsonText(blobText(v.getString()), out); break;
    case TypeId::Date: appendJsonText(formatDate(static_cast<int32_t>(v.getLong())), out); break;
    case TypeId::Timestamp:
    case TypeId::TimestampNTZ: appendJsonText(formatTimestampNTZ(v.getLong()), out); break;
    case TypeId::Array: {
      out.push_back('[');
      for (size_t i = 0; i < v.children().size(); ++i) {
        if (i) out.push_back(',');
        appendValue(v.children()[i], out);
      }
      out.push_back(']');
      break;
    }
    case TypeId::Map: {
      // DuckDB's and Polars' shape: a list of {key, value} entries.
      out.push_back('[');
      for (size_t i = 0; i < v.children().size(); ++i) {
        if (i) out.push_back(',');
        out += "{\"key\":";
        appendValue(v.children()[i].children()[0], out);
        out += ",\"value\":";
        appendValue(v.children()[i].children()[1], out);
        out.push_back('}');
      }
      out.push_back(']');
      break;
    }
    case TypeId::Struct: {
      out.push_back('{');
      for (size_t i = 0; i < t.fields().size(); ++i) {
        if (i) out.push_back(',');
        appendJsonText(t.fields()[i].name, out);
        out.push_back(':');
        appendValue(v.children()[i], out);
      }
      out.push_back('}');
      break;
    }
    default: appendJsonText(v.toString(), out); break;
  }
}

}  // namespace detail

/// Writes every row of `batches` to `path` as one JSON object per line,
/// keys "c0", "c1", ... by column position (so DuckDB's read_json can load
/// it with the peer's column types in compare_files.mjs --in-duckdb).
inline void writeJsonLines(const std::vector<RecordBatchPtr>& batches, const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  std::string line;
  for (const auto& b : batches) {
    for (int64_t r = 0; r < b->numRows(); ++r) {
      line.clear();
      line.push_back('{');
      for (int c = 0; c < b->numColumns(); ++c) {
        if (c) line.push_back(',');
        line += "\"c" + std::to_string(c) + "\":";
        detail::appendValue(b->column(c)->getValue(r), line);
      }
      line += "}\n";
      out << line;
    }
  }
}

/// Result of running the checker: exit status 0 = equal, else the message.
struct PeerCheck {
  int status = 0;
  std::string output;
};

/// Runs `node tools/peers/compare_files.mjs <args>` and captures its output.
inline PeerCheck runPeerCheck(const std::string& args) {
  std::string cmd = "cd '" + sourceDir() + "' && node tools/peers/compare_files.mjs " + args + " 2>&1";
  PeerCheck result;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return {127, "popen failed"};
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) result.output.append(buf, n);
  int st = ::pclose(p);
  result.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128;
  return result;
}

/// Single-quotes `s` for the shell.
inline std::string shellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out.push_back(c);
  }
  return out + "'";
}

}  // namespace loch::testing
