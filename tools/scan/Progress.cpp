//===- Progress.cpp - the progress bar of a scan on a terminal ------------===//
//
// Redraws one line of stderr ("\r[####    ] 3/12 files, 1 findings, ETA 40s") as units finish,
// and erases it before the report and the summary are written.
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
    : Total(Total), Enabled(Wanted && llvm::sys::Process::StandardErrIsDisplayed()),
      Start(std::chrono::steady_clock::now()) {}

void Progress::unitDone(size_t UnitFindings) {
  ++Done;
  Findings += UnitFindings;
  if (!Enabled)
    return;
  const double Elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  const double Left = Elapsed / Done * (Total - Done);
  constexpr unsigned Width = 30;
  const unsigned Filled = Width * Done / Total;
  llvm::errs() << "\r[" << std::string(Filled, '#') << std::string(Width - Filled, ' ') << "] "
               << Done << '/' << Total << " files, " << Findings << " findings, ETA "
               << static_cast<unsigned>(Left + 0.5) << "s ";
  llvm::errs().flush();
}

void Progress::clear() {
  if (Enabled)
    llvm::errs() << "\r\033[K";
}

} // namespace pixmapcache::scan
