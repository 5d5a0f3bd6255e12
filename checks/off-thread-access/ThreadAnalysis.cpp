//===- ThreadAnalysis.cpp - the off-thread analysis' one way in -----------===//
#include "ThreadAnalysis.h"
#include "ThreadFacts.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <utility>

namespace clang::tidy::pixmapcache {

namespace {
constexpr llvm::StringLiteral DefaultGuiThreadOnly =
    "::QPixmapCache;::QPixmap;::QIcon::pixmap;::QWidget";
} // namespace

ThreadAnalysisOptions::ThreadAnalysisOptions(const ClangTidyCheck::OptionsView &Options)
    : GuiThreadOnly(Options.get("GuiThreadOnly", DefaultGuiThreadOnly)),
      ThreadStartFunctions(Options.get("ThreadStartFunctions", "")),
      ThreadEntryFunctions(Options.get("ThreadEntryFunctions", "")),
      ThreadBaseClasses(Options.get("ThreadBaseClasses", "")),
      ReportEveryUse(Options.get("ReportEveryUse", false)),
      Apis{utils::options::parseStringList(GuiThreadOnly),
           utils::options::parseStringList(ThreadStartFunctions),
           utils::options::parseStringList(ThreadEntryFunctions),
           utils::options::parseStringList(ThreadBaseClasses)} {}

void ThreadAnalysisOptions::store(ClangTidyCheck::OptionsView &Options,
                                  ClangTidyOptions::OptionMap &Opts) const {
  Options.store(Opts, "GuiThreadOnly", GuiThreadOnly);
  Options.store(Opts, "ThreadStartFunctions", ThreadStartFunctions);
  Options.store(Opts, "ThreadEntryFunctions", ThreadEntryFunctions);
  Options.store(Opts, "ThreadBaseClasses", ThreadBaseClasses);
  Options.store(Opts, "ReportEveryUse", ReportEveryUse);
}

std::string ThreadAnalysisOptions::identity() const {
  return GuiThreadOnly + '\n' + ThreadStartFunctions + '\n' + ThreadEntryFunctions + '\n' +
         ThreadBaseClasses;
}

const ThreadFacts &UnitThreadFacts::facts(const ThreadAnalysisOptions &Options) {
  std::string For = Options.identity();
  if (!Collected || For != CollectedFor) {
    Collected = collectThreadFacts(Context, Options.apis());
    CollectedFor = std::move(For);
  }
  return *Collected;
}

} // namespace clang::tidy::pixmapcache
