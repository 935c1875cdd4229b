#include "loch/jobs/progress_printer.h"

#include <cstdio>
#include <ostream>

namespace loch::jobs {

std::string ProgressPrinter::bar(int done) const {
  const int width = 20;
  int total = total_ > 0 ? total_ : done + 1;
  int filled = total > 0 ? std::min(width, done * width / total) : 0;
  std::string text = "[" + std::string(filled, '#') + std::string(width - filled, '-') + "] ";
  text += std::to_string(done + 1) + "/" + (total_ > 0 ? std::to_string(total_) : std::string("?"));
  return text;
}

void ProgressPrinter::begin(const std::string& stage) {
  if (terminal_) {
    out_ << "\r\033[K" << bar(done_) << " " << stage << " ..." << std::flush;
  }
}

void ProgressPrinter::end(const std::string& stage, int64_t rows_out, double seconds) {
  char time[32];
  std::snprintf(time, sizeof time, "%.3f s", seconds);
  std::string rows = rows_out >= 0 ? std::to_string(rows_out) + " rows" : std::string("done");
  if (terminal_) {
    out_ << "\r\033[K  " << stage << ": " << rows << " in " << time << "\n";
  } else {
    out_ << "loch run " << job_ << ": stage " << (done_ + 1) << (total_ > 0 ? "/" + std::to_string(total_) : "") << " "
         << stage << ": " << rows << " in " << time << "\n";
  }
  out_.flush();
  ++done_;
}

void ProgressPrinter::line(const std::string& text) {
  if (terminal_) out_ << "\r\033[K";
  out_ << text << "\n" << std::flush;
}

}  // namespace loch::jobs
