#pragma once
// Progress of a job's stages: on a terminal a bar that is redrawn in place
// ("[#####-----] 3/12 sessions"), otherwise one plain log line per stage,
// so logs of scheduled runs stay readable.

#include <cstdint>
#include <iosfwd>
#include <string>

namespace loch::jobs {

class ProgressPrinter {
 public:
  /// `out` receives the progress (stderr in `loch run`); `terminal` picks the style.
  ProgressPrinter(std::ostream& out, std::string job, bool terminal)
      : out_(out), job_(std::move(job)), terminal_(terminal) {}

  /// Declares how many stages will run (the bar's length); 0 when unknown.
  void setTotal(int total) { total_ = total; }
  /// A stage starts (the bar shows it as running).
  void begin(const std::string& stage);
  /// The stage ended: `rows_out` rows (negative: not counted) in `seconds`.
  void end(const std::string& stage, int64_t rows_out, double seconds);
  /// A free-form line (performance comparison, notes).
  void line(const std::string& text);

 private:
  std::string bar(int done) const;

  std::ostream& out_;
  std::string job_;
  bool terminal_;
  int total_ = 0;
  int done_ = 0;
};

}  // namespace loch::jobs
