//===- UnitProcesses.cpp - every translation unit in a process of its own -===//
//
// A unit that crashes clang or one of our checks, or that never finishes, must not take the
// other units' results with it. So every unit is scanned in a forked child process, which
// sends its UnitResult back through a pipe as JSON (the shard format); the parent keeps up to
// N children running, kills a child that runs past the time limit, turns a child that died
// into an error for its unit, and stops cleanly on SIGINT, SIGTERM or SIGHUP.
//
// The parent is single-threaded while it forks (no thread pool), so each child starts as a
// copy of a process with one thread and can run clang safely. POSIX only, as is the project.
//
//===----------------------------------------------------------------------===//
#include "UnitProcesses.h"
#include "ResultCache.h"
#include "Scan.h"
#include "ScanUnit.h"
#include "ShardFormat.h"
#include "UnitInputs.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Errno.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <optional>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <string>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace pixmapcache::scan {

namespace {

using Clock = std::chrono::steady_clock;

/// The signals that ask the scan to stop (LLVM's "interrupt" signals, minus SIGUSR2).
constexpr int StopSignals[] = {SIGINT, SIGTERM, SIGHUP};

std::atomic<bool> StopRequested{false};

/// Runs in LLVM's signal handler, which then unregisters itself: a second signal kills.
void requestStop() { StopRequested = true; }

struct Child {
  size_t Unit;
  pid_t Pid;
  int Pipe;
  Clock::time_point Deadline;
  std::string Output;
};

bool writeAll(int FD, llvm::StringRef Data) {
  while (!Data.empty()) {
    const ssize_t Written = ::write(FD, Data.data(), Data.size());
    if (Written < 0 && errno == EINTR)
      continue;
    if (Written <= 0)
      return false;
    Data = Data.drop_front(Written);
  }
  return true;
}

/// The child's side: scan, send the result, and leave without running the parent's exit-time
/// code (static destructors, buffered output) a second time.
[[noreturn]] void runChild(const clang::tooling::CompilationDatabase &Database,
                           llvm::StringRef File, const ScanOptions &Options,
                           const CachedUnits *Cached, size_t Unit, int Pipe,
                           const sigset_t &OriginalMask) {
  llvm::sys::SetInterruptFunction(nullptr);
  for (int Signal : StopSignals)
    std::signal(Signal, SIG_DFL);
  sigprocmask(SIG_SETMASK, &OriginalMask, nullptr);
  // The result goes through the pipe; stdout may be the report, which nothing clang prints
  // for a unit (a compile command with --help or -###) may reach.
  if (const int Null = ::open("/dev/null", O_WRONLY); Null >= 0) {
    ::dup2(Null, STDOUT_FILENO);
    ::close(Null);
  }
  const int64_t Started = std::chrono::duration_cast<std::chrono::nanoseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
  UnitInputs Inputs;
  const UnitResult Result = scanUnit(Database, File, Options, Cached ? &Inputs : nullptr);
  if (Cached)
    Cached->Cache.store(Cached->Keys[Unit], Result, Inputs, Started);
  std::string Json;
  llvm::raw_string_ostream OS(Json);
  writeUnitsJson(OS, Result);
  _exit(writeAll(Pipe, Json) ? 0 : 1);
}

/// A unit whose child did not deliver a result: an error at the unit, as for compile errors.
UnitResult faultResult(llvm::StringRef File, llvm::StringRef Check, std::string Message) {
  UnitResult Result;
  Result.File = File.str();
  Result.Failed = true;
  Finding &F = Result.Findings.emplace_back();
  F.Check = Check.str();
  F.Severity = Level::Error;
  F.Message = std::move(Message);
  F.Where.File = File.str();
  return Result;
}

/// What the child sent, or why there is nothing to read.
UnitResult childResult(const Child &C, llvm::StringRef File, int Status) {
  if (WIFSIGNALED(Status))
    return faultResult(File, ScanCrashCheck,
                       llvm::formatv("pixmapcache-scan crashed on this translation unit "
                                     "(signal {0}: {1}); its results are lost, the crash "
                                     "report is on stderr",
                                     WTERMSIG(Status), strsignal(WTERMSIG(Status))));
  if (WEXITSTATUS(Status) != 0)
    return faultResult(File, ScanCrashCheck,
                       llvm::formatv("pixmapcache-scan stopped on this translation unit with "
                                     "exit code {0}; its results are lost, the reason is on "
                                     "stderr",
                                     WEXITSTATUS(Status)));
  auto Parsed = llvm::json::parse(C.Output);
  auto Units =
      Parsed ? unitsFromJson(*Parsed) : llvm::Expected<std::vector<UnitResult>>(Parsed.takeError());
  if (!Units || Units->size() != 1)
    return faultResult(
        File, ScanFailureCheck,
        "pixmapcache-scan could not read the result of this translation unit: " +
            (Units ? std::string("not one unit") : llvm::toString(Units.takeError())));
  return std::move(Units->front());
}

/// Whether a failed pipe() or fork() may succeed once a running child has ended.
bool isTemporary(int Error) {
  return Error == EAGAIN || Error == EMFILE || Error == ENFILE || Error == ENOMEM;
}

} // namespace

unsigned processesAtOnce(unsigned Requested, bool &Capped) {
  const unsigned Cores = llvm::hardware_concurrency().compute_thread_count();
  const unsigned Cap = 4 * Cores;
  Capped = Requested > Cap;
  return Requested == 0 ? Cores : std::min(Requested, Cap);
}

std::vector<std::optional<UnitResult>>
scanInChildProcesses(const clang::tooling::CompilationDatabase &Database,
                     llvm::ArrayRef<std::string> Units, const ScanOptions &Options,
                     const ProcessLimits &Limits, CachedUnits *Cached,
                     llvm::function_ref<void(const UnitResult &)> UnitDone, bool &Interrupted) {
  std::vector<std::optional<UnitResult>> Results(Units.size());
  // The stop signals are blocked except inside ppoll, so a signal can never slip in between
  // the check of StopRequested and the wait.
  sigset_t Stop, OriginalMask;
  sigemptyset(&Stop);
  for (int Signal : StopSignals)
    sigaddset(&Stop, Signal);
  StopRequested = false;
  llvm::sys::SetInterruptFunction(requestStop);
  sigprocmask(SIG_BLOCK, &Stop, &OriginalMask);

  std::vector<Child> Running;
  size_t Next = 0;
  auto Finish = [&](Child &C, UnitResult Result) {
    ::close(C.Pipe);
    UnitDone(Result);
    Results[C.Unit] = std::move(Result);
  };
  auto StartFailed = [&](size_t Unit, int Error) {
    Results[Unit] = faultResult(Units[Unit], ScanFailureCheck,
                                "cannot start a process for this translation unit: " +
                                    llvm::sys::StrError(Error));
    UnitDone(*Results[Unit]);
  };
  // Lowered when the system refuses a process or a pipe while others run: the scan goes on
  // with as many as it could start.
  size_t Slots = Limits.Jobs;
  // The first refusal, said when the scan ends: at the moment of a refusal no file can be
  // opened, not even by the sanitizers' runtime while the warning is printed.
  std::optional<std::pair<int, size_t>> Refused;
  // A unit that could not be started: with others running, it waits for one of them to end.
  auto CannotStart = [&](int Error) {
    if (Running.empty() || !isTemporary(Error)) {
      StartFailed(Next++, Error);
      return;
    }
    if (!Refused)
      Refused.emplace(Error, Running.size());
    Slots = Running.size();
  };
  while (!StopRequested && (Next != Units.size() || !Running.empty())) {
    while (Next != Units.size() && Running.size() < Slots) {
      if (Cached)
        if (std::optional<UnitResult> Hit = Cached->Cache.lookup(Cached->Keys[Next])) {
          ++Cached->Hits;
          UnitDone(*Hit);
          Results[Next++] = std::move(*Hit);
          continue;
        }
      int Pipe[2];
      if (::pipe(Pipe) != 0) {
        CannotStart(errno);
        continue;
      }
      const pid_t Pid = ::fork();
      if (Pid == 0) {
        ::close(Pipe[0]);
        for (const Child &Other : Running)
          ::close(Other.Pipe);
        runChild(Database, Units[Next], Options, Cached, Next, Pipe[1], OriginalMask);
      }
      const int ForkError = errno;
      ::close(Pipe[1]);
      if (Pid < 0) {
        ::close(Pipe[0]);
        CannotStart(ForkError);
        continue;
      }
      const Clock::time_point Deadline =
          Limits.TimeoutSeconds ? Clock::now() + std::chrono::seconds(Limits.TimeoutSeconds)
                                : Clock::time_point::max();
      Running.push_back({Next++, Pid, Pipe[0], Deadline, {}});
    }
    if (Running.empty())
      break;

    Clock::time_point Soonest = Clock::time_point::max();
    std::vector<pollfd> Polled;
    for (const Child &C : Running) {
      Soonest = std::min(Soonest, C.Deadline);
      Polled.push_back({C.Pipe, POLLIN, 0});
    }
    timespec Wait;
    const timespec *WaitPtr = nullptr;
    if (Soonest != Clock::time_point::max()) {
      const auto Left = std::max(Clock::duration::zero(), Soonest - Clock::now());
      const auto Seconds = std::chrono::duration_cast<std::chrono::seconds>(Left);
      Wait.tv_sec = Seconds.count();
      Wait.tv_nsec = std::chrono::duration_cast<std::chrono::nanoseconds>(Left - Seconds).count();
      WaitPtr = &Wait;
    }
    if (ppoll(Polled.data(), Polled.size(), WaitPtr, &OriginalMask) < 0 && errno != EINTR)
      break;
    if (StopRequested)
      break;

    const Clock::time_point Now = Clock::now();
    std::vector<Child> StillRunning;
    for (size_t I = 0; I != Running.size(); ++I) {
      Child &C = Running[I];
      if (Polled[I].revents) {
        char Buffer[65536];
        // No EINTR here: the stop signals are blocked outside ppoll.
        const ssize_t Read = ::read(C.Pipe, Buffer, sizeof(Buffer));
        if (Read > 0) {
          C.Output.append(Buffer, Read);
        } else {
          // End of the output: the child has exited or is about to.
          int Status = 0;
          ::waitpid(C.Pid, &Status, 0);
          // A child killed by a stop signal was interrupted with us, it did not crash.
          if (WIFSIGNALED(Status) && llvm::is_contained(StopSignals, WTERMSIG(Status))) {
            StopRequested = true;
            StillRunning.push_back(std::move(C));
            continue;
          }
          Finish(C, childResult(C, Units[C.Unit], Status));
          continue;
        }
      }
      if (Now >= C.Deadline) {
        ::kill(C.Pid, SIGKILL);
        ::waitpid(C.Pid, nullptr, 0);
        Finish(C, faultResult(Units[C.Unit], ScanTimeoutCheck,
                              llvm::formatv("the scan of this translation unit was stopped after "
                                            "{0} seconds (--unit-timeout); its results are lost",
                                            Limits.TimeoutSeconds)));
        continue;
      }
      StillRunning.push_back(std::move(C));
    }
    Running = std::move(StillRunning);
  }

  if (Refused)
    llvm::errs() << "pixmapcache-scan: warning: the system refused process " << Refused->second + 1
                 << " (" << llvm::sys::StrError(Refused->first) << "): scanned at most "
                 << Refused->second << " translation units at once\n";
  Interrupted = StopRequested;
  for (Child &C : Running) {
    ::kill(C.Pid, SIGKILL);
    ::waitpid(C.Pid, nullptr, 0);
    ::close(C.Pipe);
  }
  // Unblocked first, so that a signal still pending lands in requestStop, too late to matter;
  // from then on a stop signal ends the process (LLVM's handler removes its temporary files).
  sigprocmask(SIG_SETMASK, &OriginalMask, nullptr);
  llvm::sys::SetInterruptFunction(nullptr);
  return Results;
}

} // namespace pixmapcache::scan
