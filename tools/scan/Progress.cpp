//===- Progress.cpp - the progress bar of a scan on a terminal ------------===//
//
// On a terminal, redraws one line of stderr ("\r[####    ] 3/12 files, 1 findings, ETA 40s")
// as units finish, and erases it before the report and the summary are written; in a log,
// writes a line now and then instead.
//
//===----------------------------------------------------------------------===//
#include "Progress.h"

#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <cstddef>
#include <string>

namespace pixmapcache::scan {

Progress::Progress(size_t Total, bool Wanted)
    : Total(Total), Wanted(Wanted), Terminal(llvm::sys::Process::StandardErrIsDisplayed()),
      Start(std::chrono::steady_clock::now()) {}

void Progress::unitDone(size_t UnitFindings) {
  ++Done;
  Findings += UnitFindings;
  if (!Wanted)
    return;
  const double Elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  if (!Terminal) {
    logLine(Elapsed);
    return;
  }
  const double Left = Elapsed / Done * (Total - Done);
  constexpr unsigned Width = 30;
  const unsigned Filled = Width * Done / Total;
  llvm::errs() << "\r[" << std::string(Filled, '#') << std::string(Width - Filled, ' ') << "] "
               << Done << '/' << Total << " files, " << Findings << " findings, ETA "
               << static_cast<unsigned>(Left + 0.5) << "s ";
  llvm::errs().flush();
}

void Progress::logLine(double Elapsed) {
  constexpr double Every = 30;     // seconds
  constexpr size_t LoggedFrom = 20; // units: a smaller scan is seen whole in its summary
  const size_t Tenths = Done * 10 / Total;
  // The last unit is left to the summary line.
  if (Total < LoggedFrom || Done == Total ||
      (Tenths == TenthsLogged && Elapsed - LoggedAt < Every))
    return;
  TenthsLogged = Tenths;
  LoggedAt = Elapsed;
  llvm::errs() << "pixmapcache-scan: " << Done << '/' << Total << " translation units scanned, "
               << Findings << (Findings == 1 ? " finding" : " findings") << " so far, "
               << static_cast<unsigned>(Elapsed + 0.5) << "s\n";
}

void Progress::clear() {
  if (Wanted && Terminal)
    llvm::errs() << "\r\033[K";
}

} // namespace pixmapcache::scan
