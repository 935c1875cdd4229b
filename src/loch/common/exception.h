#pragma once
// Loch's exception hierarchy. Every error carries a Spark-style error class
// (e.g. "UNRESOLVED_COLUMN.WITH_SUGGESTION", "DIVIDE_BY_ZERO") so that users
// coming from Spark recognise it; what() is "[ERROR_CLASS] message", the
// layout Spark 3.4+ prints.

#include <stdexcept>
#include <string>

namespace loch {

/// Base of every error Loch throws on purpose. Catch this to handle any
/// engine error; `errorClass()` is the Spark error class.
class LochException : public std::runtime_error {
 public:
  LochException(std::string error_class, const std::string& message)
      : std::runtime_error("[" + error_class + "] " + message),
        error_class_(std::move(error_class)), message_(message), what_("[" + error_class_ + "] " + message) {}

  /// Spark's error class, e.g. "DIVIDE_BY_ZERO".
  const std::string& errorClass() const { return error_class_; }
  /// The message without the "[ERROR_CLASS] " prefix.
  const std::string& message() const { return message_; }
  const char* what() const noexcept override { return what_.c_str(); }

  /// Appends where the error happened ("in Project [...], morsel 3"); only
  /// the innermost context is kept. Used by the executor, which rethrows
  /// the same exception object so its type is preserved.
  void addContext(const std::string& context) {
    if (!context_.empty()) return;
    context_ = context;
    what_ += " (" + context + ")";
  }
  const std::string& context() const { return context_; }

 private:
  std::string error_class_;
  std::string message_;
  std::string what_;
  std::string context_;
};

/// SQL text that does not parse (Spark's ParseException). Messages end with
/// "(line L, pos P)"; line is 1-based, pos is the 0-based column, as in Spark.
class ParseException : public LochException {
 public:
  using LochException::LochException;
};

/// A query that is well formed but cannot be resolved or typed (Spark's
/// AnalysisException): unknown column/table/function, bad argument types,
/// a non-aggregated column outside GROUP BY.
class AnalysisException : public LochException {
 public:
  using LochException::LochException;
};

/// Arithmetic errors under ANSI mode: DIVIDE_BY_ZERO, ARITHMETIC_OVERFLOW,
/// NUMERIC_VALUE_OUT_OF_RANGE.
class ArithmeticException : public LochException {
 public:
  using LochException::LochException;
};

/// A value that cannot be converted under ANSI mode: CAST_INVALID_INPUT,
/// CAST_OVERFLOW, and invalid date/time strings.
class CastException : public LochException {
 public:
  using LochException::LochException;
};

/// A bad argument value supplied at run time (Spark's
/// IllegalArgumentException / SparkRuntimeException), e.g. a negative
/// sample fraction or an invalid regular expression.
class InvalidArgumentException : public LochException {
 public:
  using LochException::LochException;
};

/// A query whose operators together need more memory than the session's
/// `loch.memory.limit`. The message names the operator and the limit.
class MemoryLimitException : public LochException {
 public:
  using LochException::LochException;
};

/// File and I/O errors: missing path, unreadable or corrupt file. The
/// message names the file and, where known, the row group/column or line.
class IOException : public LochException {
 public:
  using LochException::LochException;
};

/// A feature Loch does not support yet; the message says what.
class UnsupportedException : public LochException {
 public:
  UnsupportedException(const std::string& message)
      : LochException("UNSUPPORTED_FEATURE", message) {}
};

/// A broken internal invariant: a bug in Loch, never the user's fault.
class InternalException : public LochException {
 public:
  InternalException(const std::string& message)
      : LochException("INTERNAL_ERROR", message) {}
};

}  // namespace loch
