#pragma once
// Join types of the physical join operators. Sides are physical: "left" is
// the probe side (child 0), "right" the build side (child 1); the planner
// swaps a logical right join into a physical one as it sees fit.

#include <cstdint>
#include <string>

namespace loch {

enum class JoinType : uint8_t { Inner, LeftOuter, RightOuter, FullOuter, LeftSemi, LeftAnti, Cross };

/// "Inner", "LeftOuter", "RightOuter", "FullOuter", "LeftSemi", "LeftAnti",
/// "Cross" (Spark's JoinType names as EXPLAIN shows them).
inline std::string joinTypeName(JoinType t) {
  switch (t) {
    case JoinType::Inner: return "Inner";
    case JoinType::LeftOuter: return "LeftOuter";
    case JoinType::RightOuter: return "RightOuter";
    case JoinType::FullOuter: return "FullOuter";
    case JoinType::LeftSemi: return "LeftSemi";
    case JoinType::LeftAnti: return "LeftAnti";
    case JoinType::Cross: return "Cross";
  }
  return "Unknown";
}

/// True when the output holds probe rows only.
inline bool joinOutputsProbeOnly(JoinType t) { return t == JoinType::LeftSemi || t == JoinType::LeftAnti; }
/// True when unmatched probe rows are emitted NULL-padded.
inline bool joinKeepsProbe(JoinType t) { return t == JoinType::LeftOuter || t == JoinType::FullOuter; }
/// True when unmatched build rows are emitted NULL-padded.
inline bool joinKeepsBuild(JoinType t) { return t == JoinType::RightOuter || t == JoinType::FullOuter; }

}  // namespace loch
