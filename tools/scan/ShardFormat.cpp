//===- ShardFormat.cpp - unit results as JSON: shard files and child pipes ===//
//
// Writes and reads the unit results, thread facts included, as JSON: the shard files of
// --shard=I/N that `merge` reads, and what a unit's child process sends back to the scanner.
//
//===----------------------------------------------------------------------===//
#include "ShardFormat.h"
#include "Scan.h"
#include "off-thread-access/ThreadCallGraph.h"

#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pixmapcache::scan {

using namespace clang::tidy::pixmapcache;

namespace {

// Whether a value read from a shard is one of the enumerators. The switches name every
// enumerator, so that -Wswitch points here when one is added.
bool isEnumerator(CallKind K) {
  switch (K) {
  case CallKind::Call:
  case CallKind::VirtualCall:
  case CallKind::Reference:
  case CallKind::ToGuiThread:
  case CallKind::DirectConnection:
    return true;
  }
  return false;
}

bool isEnumerator(GuiUseKind K) {
  switch (K) {
  case GuiUseKind::Call:
  case GuiUseKind::Construction:
  case GuiUseKind::Painting:
    return true;
  }
  return false;
}

bool isEnumerator(GuiApiKind K) {
  switch (K) {
  case GuiApiKind::PixmapCache:
  case GuiApiKind::Widget:
  case GuiApiKind::Pixmap:
  case GuiApiKind::Other:
    return true;
  }
  return false;
}

bool isEnumerator(EntryKind K) {
  switch (K) {
  case EntryKind::Override:
  case EntryKind::PassedTo:
  case EntryKind::Configured:
  case EntryKind::SlotOfWorkerObject:
  case EntryKind::QueuedToWorkerObject:
  case EntryKind::ThreadSignal:
    return true;
  }
  return false;
}

/// File names are bytes and JSON strings are UTF-8: a name that is not UTF-8 would come back
/// with U+FFFD in place of its bytes (and --fix could not open it). Such a name is written
/// with each byte above 0x7f as %XX, and '%' always as %25, so that reading undoes it.
std::string pathText(llvm::StringRef Path) {
  const bool Utf8 = llvm::json::isUTF8(Path);
  std::string Out;
  for (unsigned char C : Path)
    if (C == '%' || (C > 0x7f && !Utf8))
      Out += llvm::formatv("%{0:X-2}", static_cast<unsigned>(C)).str();
    else
      Out += static_cast<char>(C);
  return Out;
}

std::string pathFromText(llvm::StringRef Text) {
  std::string Out;
  for (size_t I = 0; I != Text.size(); ++I) {
    unsigned Byte;
    if (Text[I] == '%' && I + 2 < Text.size() && !Text.substr(I + 1, 2).getAsInteger(16, Byte)) {
      Out += static_cast<char>(Byte);
      I += 2;
    } else {
      Out += Text[I];
    }
  }
  return Out;
}

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

/// Version 2: sites name their file through the `siteFiles` table.
/// Version 3: entries may say where their worker object is moved or created, and by which
/// function; threads say whether the unit's options report every use (`everyUse`) and treat
/// the off-thread check's findings as errors (`errors`).
/// Version 4: findings with fixes carry the content hash of each file they change
/// (`fixedSources`), and every finding the hash of the lines around it (`context`); a shard
/// file says which shard of which scan it is (`shard`); file names that are not UTF-8 are
/// percent-encoded.
constexpr int64_t ShardFormat = 4;

/// Writes a unit's results as it goes: a unit whose headers are user code has thousands of
/// functions, and building a json::Value of them first cost more than writing them.
class ShardWriter {
public:
  explicit ShardWriter(llvm::raw_ostream &OS) : J(OS) {}

  void units(llvm::ArrayRef<UnitResult> Units, const ShardOrigin *Origin) {
    J.object([&] {
      J.attribute("pixmapcacheScanShard", ShardFormat);
      if (Origin)
        J.attributeObject("shard", [&] {
          J.attribute("index", Origin->Index);
          J.attribute("count", Origin->Count);
          J.attribute("scan", Origin->Scan);
        });
      J.attributeArray("units", [&] {
        for (const UnitResult &U : Units)
          J.object([&] {
            J.attribute("file", pathText(U.File));
            J.attribute("failed", U.Failed);
            J.attributeArray("findings", [&] {
              for (const Finding &F : U.Findings)
                finding(F);
            });
            if (U.Threads)
              J.attributeObject("threads", [&] { threads(*U.Threads); });
          });
      });
    });
  }

private:
  void position(llvm::StringRef Key, const Position &P) {
    J.attributeObject(Key, [&] {
      J.attribute("file", pathText(P.File));
      J.attribute("offset", P.Offset);
      J.attribute("line", P.Line);
      J.attribute("column", P.Column);
    });
  }

  void finding(const Finding &F) {
    J.object([&] {
      J.attribute("check", F.Check);
      J.attribute("level", levelName(F.Severity));
      J.attribute("message", F.Message);
      position("location", F.Where);
      J.attribute("lineText", F.LineText);
      J.attribute("context", F.Context);
      J.attributeArray("notes", [&] {
        for (const Note &N : F.Notes)
          J.object([&] {
            J.attribute("message", N.Message);
            position("location", N.Where);
          });
      });
      J.attributeArray("fixes", [&] {
        for (const clang::tooling::Replacement &R : F.Fixes)
          J.object([&] {
            J.attribute("file", pathText(R.getFilePath()));
            J.attribute("offset", R.getOffset());
            J.attribute("length", R.getLength());
            J.attribute("text", R.getReplacementText());
          });
      });
      J.attributeArray("fixedSources", [&] {
        for (const SourceVersion &Source : F.FixedSources)
          J.object([&] {
            J.attribute("file", pathText(Source.File));
            J.attribute("hash", Source.Hash);
          });
      });
    });
  }

  void threads(const UnitThreads &T) {
    J.attribute("everyUse", T.Grouping == UseGrouping::PerUse);
    J.attribute("errors", T.FindingsAreErrors);
    J.attributeArray("functions", [&] {
      for (const FunctionSummary &Fn : T.Summary.Functions)
        J.object([&] {
          J.attribute("id", Fn.Id);
          J.attribute("name", Fn.Name);
          J.attributeArray("overrides", [&] {
            for (const std::string &O : Fn.Overrides)
              J.value(O);
          });
          J.attributeArray("calls", [&] {
            for (const CallFact &C : Fn.Calls)
              J.array([&] {
                J.value(C.Callee);
                J.value(C.CalleeName);
                J.value(C.Site);
                J.value(static_cast<int>(C.Kind));
              });
          });
          J.attributeArray("guiUses", [&] {
            for (const GuiUseFact &U : Fn.GuiUses)
              J.array([&] {
                J.value(U.Site);
                J.value(static_cast<int>(U.Kind));
                J.value(static_cast<int>(U.Api));
                J.value(U.What);
                J.value(U.ApiName);
              });
          });
        });
    });
    J.attributeArray("entries", [&] {
      for (const EntryFact &E : T.Summary.Entries)
        J.array([&] {
          J.value(E.Function);
          J.value(E.Name);
          J.value(E.Site);
          J.value(static_cast<int>(E.Kind));
          J.value(E.Via);
          if (E.MovedAt)
            J.value(*E.MovedAt);
          if (E.MovedAt && !E.CreatedIn.empty())
            J.value(E.CreatedIn);
        });
    });
    // A unit of a project whose headers are user code has thousands of sites in a few files:
    // each names its file by index into `siteFiles`, as [file, offset, line, column].
    std::vector<llvm::StringRef> Files;
    llvm::StringMap<unsigned> FileIndex;
    std::vector<unsigned> SiteFiles;
    SiteFiles.reserve(T.Sites.size());
    for (const Position &P : T.Sites) {
      auto [It, New] = FileIndex.try_emplace(P.File, Files.size());
      if (New)
        Files.push_back(P.File);
      SiteFiles.push_back(It->second);
    }
    J.attributeArray("siteFiles", [&] {
      for (llvm::StringRef File : Files)
        J.value(pathText(File));
    });
    J.attributeArray("sites", [&] {
      for (size_t I = 0; I != T.Sites.size(); ++I)
        J.array([&] {
          J.value(SiteFiles[I]);
          J.value(T.Sites[I].Offset);
          J.value(T.Sites[I].Line);
          J.value(T.Sites[I].Column);
        });
    });
  }

  llvm::json::OStream J;
};

/// Reads what ShardWriter wrote; any mismatch is an error naming the path into the document.
class Reader {
public:
  /// llvm::json reads no `unsigned`: through int64_t, range-checked.
  static bool fromJson(const Value &V, unsigned &Out, llvm::json::Path P) {
    int64_t Raw;
    if (!llvm::json::fromJSON(V, Raw, P))
      return false;
    if (Raw < 0 || Raw > std::numeric_limits<unsigned>::max()) {
      P.report("number out of range");
      return false;
    }
    Out = static_cast<unsigned>(Raw);
    return true;
  }
  template <typename T> static bool fromJson(const Value &V, T &Out, llvm::json::Path P) {
    return llvm::json::fromJSON(V, Out, P);
  }

  template <typename T>
  static bool field(const Object &O, llvm::StringLiteral Key, llvm::json::Path P, T &Out) {
    if (const Value *V = O.get(Key))
      return fromJson(*V, Out, P.field(Key));
    P.field(Key).report("missing");
    return false;
  }

  bool position(const Value &V, llvm::json::Path P, Position &Out) {
    const Object *O = V.getAsObject();
    if (!O) {
      P.report("expected an object");
      return false;
    }
    if (!field(*O, "file", P, Out.File) || !field(*O, "offset", P, Out.Offset) ||
        !field(*O, "line", P, Out.Line) || !field(*O, "column", P, Out.Column))
      return false;
    Out.File = pathFromText(Out.File);
    return true;
  }

  template <typename T> bool element(const Array &A, size_t I, llvm::json::Path P, T &Out) {
    return I < A.size() && fromJson(A[I], Out, P.index(I));
  }

  /// An enumerator, which must be one the enumeration has: a shard from a hostile or newer
  /// writer must not make a value no switch of the checks expects.
  template <typename E> bool enumeration(const Array &A, size_t I, llvm::json::Path P, E &Out) {
    int Raw;
    if (!element(A, I, P, Raw))
      return false;
    Out = static_cast<E>(Raw);
    return isEnumerator(Out);
  }

  bool finding(const Value &V, llvm::json::Path P, Finding &F) {
    const Object *O = V.getAsObject();
    llvm::json::ObjectMapper M(V, P);
    std::string Level;
    if (!O || !M || !M.map("check", F.Check) || !M.map("level", Level) ||
        !M.map("message", F.Message) || !M.map("lineText", F.LineText) ||
        !M.map("context", F.Context))
      return false;
    F.Severity = Level == "error" ? Level::Error : Level::Warning;
    if (!O->get("location") || !position(*O->get("location"), P.field("location"), F.Where))
      return false;
    const Array *Notes = O->getArray("notes");
    const Array *Fixes = O->getArray("fixes");
    if (!Notes || !Fixes) {
      P.report("missing notes or fixes");
      return false;
    }
    // A Path refers to its parent: each parent is a named object that outlives its children.
    const llvm::json::Path NotesPath = P.field("notes"), FixesPath = P.field("fixes");
    for (size_t I = 0; I != Notes->size(); ++I) {
      Note N;
      const llvm::json::Path NP = NotesPath.index(I);
      llvm::json::ObjectMapper NM((*Notes)[I], NP);
      const Object *NO = (*Notes)[I].getAsObject();
      if (!NM || !NM.map("message", N.Message) || !NO->get("location") ||
          !position(*NO->get("location"), NP, N.Where))
        return false;
      F.Notes.push_back(std::move(N));
    }
    for (size_t I = 0; I != Fixes->size(); ++I) {
      std::string File, Text;
      unsigned Offset, Length;
      llvm::json::Path FP = FixesPath.index(I);
      const Object *FO = (*Fixes)[I].getAsObject();
      if (!FO) {
        FP.report("expected {file, offset, length, text}");
        return false;
      }
      if (!field(*FO, "file", FP, File) || !field(*FO, "offset", FP, Offset) ||
          !field(*FO, "length", FP, Length) || !field(*FO, "text", FP, Text))
        return false;
      F.Fixes.emplace_back(pathFromText(File), Offset, Length, Text);
    }
    const Array *Sources = O->getArray("fixedSources");
    if (!Sources) {
      P.report("missing fixedSources");
      return false;
    }
    const llvm::json::Path SourcesPath = P.field("fixedSources");
    for (size_t I = 0; I != Sources->size(); ++I) {
      SourceVersion &Source = F.FixedSources.emplace_back();
      llvm::json::Path SP = SourcesPath.index(I);
      const Object *SO = (*Sources)[I].getAsObject();
      if (!SO) {
        SP.report("expected {file, hash}");
        return false;
      }
      if (!field(*SO, "file", SP, Source.File) || !field(*SO, "hash", SP, Source.Hash))
        return false;
      Source.File = pathFromText(Source.File);
    }
    return true;
  }

  bool threads(const Value &V, llvm::json::Path P, UnitThreads &T) {
    const Object *O = V.getAsObject();
    const Array *Functions = O ? O->getArray("functions") : nullptr;
    const Array *Entries = O ? O->getArray("entries") : nullptr;
    const Array *Files = O ? O->getArray("siteFiles") : nullptr;
    const Array *Sites = O ? O->getArray("sites") : nullptr;
    const std::optional<bool> EveryUse = O ? O->getBoolean("everyUse") : std::nullopt;
    const std::optional<bool> Errors = O ? O->getBoolean("errors") : std::nullopt;
    if (!Functions || !Entries || !Files || !Sites || !EveryUse || !Errors) {
      P.report("expected everyUse, errors, functions, entries, siteFiles and sites");
      return false;
    }
    T.FindingsAreErrors = *Errors;
    T.Grouping = *EveryUse ? UseGrouping::PerUse : UseGrouping::PerFunction;
    // A Path refers to its parent: each parent is a named object that outlives its children.
    const llvm::json::Path FilesPath = P.field("siteFiles"), SitesPath = P.field("sites"),
                           FunctionsPath = P.field("functions"), EntriesPath = P.field("entries");
    std::vector<std::string> FileNames(Files->size());
    for (size_t I = 0; I != Files->size(); ++I) {
      if (!fromJson((*Files)[I], FileNames[I], FilesPath.index(I)))
        return false;
      FileNames[I] = pathFromText(FileNames[I]);
    }
    for (size_t I = 0; I != Sites->size(); ++I) {
      llvm::json::Path SP = SitesPath.index(I);
      const Array *Site = (*Sites)[I].getAsArray();
      Position &Out = T.Sites.emplace_back();
      unsigned File;
      if (!Site || !element(*Site, 0, SP, File) || File >= FileNames.size() ||
          !element(*Site, 1, SP, Out.Offset) || !element(*Site, 2, SP, Out.Line) ||
          !element(*Site, 3, SP, Out.Column)) {
        SP.report("expected [file, offset, line, column] with a known file");
        return false;
      }
      Out.File = FileNames[File];
    }
    auto ValidSite = [&](SiteId Id, llvm::json::Path At) {
      if (Id < T.Sites.size())
        return true;
      At.report("site out of range");
      return false;
    };
    for (size_t I = 0; I != Functions->size(); ++I) {
      llvm::json::Path FP = FunctionsPath.index(I);
      llvm::json::ObjectMapper M((*Functions)[I], FP);
      FunctionSummary &Fn = T.Summary.Functions.emplace_back();
      const Object *FO = (*Functions)[I].getAsObject();
      if (!M || !M.map("id", Fn.Id) || !M.map("name", Fn.Name) || !M.map("overrides", Fn.Overrides))
        return false;
      const Array *Calls = FO->getArray("calls");
      const Array *Uses = FO->getArray("guiUses");
      if (!Calls || !Uses) {
        FP.report("expected calls and guiUses");
        return false;
      }
      const llvm::json::Path CallsPath = FP.field("calls"), UsesPath = FP.field("guiUses");
      for (size_t J = 0; J != Calls->size(); ++J) {
        const llvm::json::Path CP = CallsPath.index(J);
        const Array *C = (*Calls)[J].getAsArray();
        CallFact &Call = Fn.Calls.emplace_back();
        if (!C || !element(*C, 0, CP, Call.Callee) || !element(*C, 1, CP, Call.CalleeName) ||
            !element(*C, 2, CP, Call.Site) || !enumeration(*C, 3, CP, Call.Kind) ||
            !ValidSite(Call.Site, CP))
          return fail(CP);
      }
      for (size_t J = 0; J != Uses->size(); ++J) {
        const llvm::json::Path UP = UsesPath.index(J);
        const Array *U = (*Uses)[J].getAsArray();
        GuiUseFact &Use = Fn.GuiUses.emplace_back();
        if (!U || !element(*U, 0, UP, Use.Site) || !enumeration(*U, 1, UP, Use.Kind) ||
            !enumeration(*U, 2, UP, Use.Api) || !element(*U, 3, UP, Use.What) ||
            !element(*U, 4, UP, Use.ApiName) || !ValidSite(Use.Site, UP))
          return fail(UP);
      }
    }
    for (size_t I = 0; I != Entries->size(); ++I) {
      const llvm::json::Path EP = EntriesPath.index(I);
      const Array *E = (*Entries)[I].getAsArray();
      EntryFact &Entry = T.Summary.Entries.emplace_back();
      if (!E || !element(*E, 0, EP, Entry.Function) || !element(*E, 1, EP, Entry.Name) ||
          !element(*E, 2, EP, Entry.Site) || !enumeration(*E, 3, EP, Entry.Kind) ||
          !element(*E, 4, EP, Entry.Via) || !ValidSite(Entry.Site, EP))
        return fail(EP);
      if (E->size() > 5) {
        SiteId MovedAt;
        if (!element(*E, 5, EP, MovedAt) || !ValidSite(MovedAt, EP) ||
            (E->size() > 6 && !element(*E, 6, EP, Entry.CreatedIn)))
          return fail(EP);
        Entry.MovedAt = MovedAt;
      }
    }
    return true;
  }

private:
  bool fail(llvm::json::Path P) {
    P.report("malformed thread fact");
    return false;
  }
};

} // namespace

void writeUnitsJson(llvm::raw_ostream &OS, llvm::ArrayRef<UnitResult> Units) {
  ShardWriter(OS).units(Units, nullptr);
}

void writeShardJson(llvm::raw_ostream &OS, const ShardFile &Shard) {
  ShardWriter(OS).units(Shard.Units, &Shard.Origin);
}

llvm::Expected<ShardFile> shardFromJson(const llvm::json::Value &Document) {
  ShardFile Shard;
  llvm::Expected<std::vector<UnitResult>> Units = unitsFromJson(Document);
  if (!Units)
    return Units.takeError();
  Shard.Units = std::move(*Units);
  // unitsFromJson has seen that the document is an object.
  const Object *Origin = Document.getAsObject()->getObject("shard");
  const std::optional<int64_t> Index = Origin ? Origin->getInteger("index") : std::nullopt;
  const std::optional<int64_t> Count = Origin ? Origin->getInteger("count") : std::nullopt;
  const std::optional<llvm::StringRef> Scan = Origin ? Origin->getString("scan") : std::nullopt;
  if (!Index || !Count || !Scan || *Index < 1 || *Index > *Count ||
      *Count > std::numeric_limits<unsigned>::max())
    return llvm::createStringError(
        "not a shard file: it does not say which shard of which scan it is (--shard=I/N)");
  Shard.Origin = {static_cast<unsigned>(*Index), static_cast<unsigned>(*Count), Scan->str()};
  return Shard;
}

llvm::Expected<std::vector<UnitResult>> unitsFromJson(const llvm::json::Value &Shard) {
  llvm::json::Path::Root Root("shard");
  llvm::json::Path P(Root);
  Reader Read;
  std::vector<UnitResult> Units;
  const Object *O = Shard.getAsObject();
  const Array *Array = O ? O->getArray("units") : nullptr;
  if (!O || !O->getInteger("pixmapcacheScanShard") || !Array)
    return llvm::createStringError("not a pixmapcache-scan shard file (written by --shard)");
  if (O->getInteger("pixmapcacheScanShard") != ShardFormat)
    return llvm::createStringError(
        "a shard file of another version of pixmapcache-scan: write the shards again");
  const llvm::json::Path UnitsPath = P.field("units");
  for (size_t I = 0; I != Array->size(); ++I) {
    llvm::json::Path UP = UnitsPath.index(I);
    const llvm::json::Path FindingsPath = UP.field("findings");
    const Object *UO = (*Array)[I].getAsObject();
    UnitResult &U = Units.emplace_back();
    llvm::json::ObjectMapper M((*Array)[I], UP);
    const llvm::json::Array *Findings = UO ? UO->getArray("findings") : nullptr;
    bool Ok = M && M.map("file", U.File) && M.map("failed", U.Failed) && Findings;
    U.File = pathFromText(U.File);
    for (size_t J = 0; Ok && J != Findings->size(); ++J)
      Ok = Read.finding((*Findings)[J], FindingsPath.index(J), U.Findings.emplace_back());
    if (Ok && UO->get("threads"))
      Ok = Read.threads(*UO->get("threads"), UP.field("threads"), U.Threads.emplace());
    if (!Ok) {
      if (!Findings)
        UP.report("expected file, failed and findings");
      return Root.getError();
    }
  }
  return Units;
}

} // namespace pixmapcache::scan
