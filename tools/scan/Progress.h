//===- Progress.h - the progress bar of a scan on a terminal --------------===//
//
// Files done / total, findings so far and the time left, on stderr when it is a terminal;
// nothing in a log. Defined in Progress.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef PIXMAPCACHE_TOOLS_SCAN_PROGRESS_H
#define PIXMAPCACHE_TOOLS_SCAN_PROGRESS_H

#include <chrono>
#include <cstddef>

namespace pixmapcache::scan {

/// Progress on a terminal: files done / total, findings so far, time left. Nothing when the
/// output goes to a log, which gets the one summary line at the end.
class Progress {
public:
  /// `Wanted`: false for --quiet.
  Progress(size_t Total, bool Wanted);

  void unitDone(size_t UnitFindings);

  /// Clears the bar before the report and the summary are written.
  void clear();

private:
  const size_t Total;
  const bool Enabled;
  const std::chrono::steady_clock::time_point Start;
  size_t Done = 0, Findings = 0;
};

} // namespace pixmapcache::scan

#endif
