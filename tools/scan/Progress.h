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

/// Progress on a terminal: files done / total, findings so far, time left, redrawn in place.
/// In a log (stderr not a terminal, as in CI), for a scan of 20 units or more, a line at
/// every tenth of the units and at least every 30 seconds, so that a long scan is seen to go
/// on.
class Progress {
public:
  /// `Wanted`: false for --quiet.
  Progress(size_t Total, bool Wanted);

  void unitDone(size_t UnitFindings);

  /// Clears the bar before the report and the summary are written.
  void clear();

private:
  void logLine(double Elapsed);

  const size_t Total;
  const bool Wanted, Terminal;
  const std::chrono::steady_clock::time_point Start;
  size_t Done = 0, Findings = 0;
  /// For logs: the tenths of Total reached, and when the last line was written.
  size_t TenthsLogged = 0;
  double LoggedAt = 0;
};

} // namespace pixmapcache::scan

#endif
