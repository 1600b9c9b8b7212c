import { optimalAssignment } from './optimalAssignment.js';

/** A segment of the baseline: its number and name. */
export interface BaselineSegment {
  readonly id: number;
  readonly name: string;
}

/** How one new segment relates to the baseline. */
export interface SegmentMatch {
  /** The new segment's position (0-based label). */
  readonly index: number;
  /** The baseline segment it continues, or null for a new segment. */
  readonly baseline: BaselineSegment | null;
  /** Customers counted in both (the overlap the match rests on). */
  readonly overlap: number;
  /** Share of the baseline segment's customers that are in this one (0..1; 0 for a new segment). */
  readonly shareOfBaseline: number;
  /** Share of this segment's customers that came from the baseline segment (0..1). */
  readonly shareOfNew: number;
}

/** The matching of new segments to baseline segments. */
export interface SegmentMatching {
  readonly matches: readonly SegmentMatch[];
  /** Baseline segments no new segment continues. */
  readonly vanished: readonly BaselineSegment[];
}

/** A pair is a match when at least this share of one side is in the other. */
export const MATCH_SHARE = 0.5;

/**
 * Matches new segments to baseline segments from their cross-table (`cross[a][b]` = customers in baseline
 * segment a and new segment b): the one-to-one assignment with the largest total overlap (Hungarian method),
 * keeping a pair only when at least half of the baseline segment went to the new one or half of the new one
 * came from it. Unmatched new segments are new; unmatched baseline segments vanished. O(max(k_old, k_new)³).
 */
export function matchSegments(cross: ReadonlyArray<ArrayLike<number>>, baseline: readonly BaselineSegment[]): SegmentMatching {
  const kOld = baseline.length,
    kNew = kOld ? cross[0]!.length : 0;
  const oldSize = cross.map((row) => Array.from(row).reduce((s, v) => s + v, 0));
  const newSize = Array.from({ length: kNew }, (_, b) => cross.reduce((s, row) => s + row[b]!, 0));
  const assignment = optimalAssignment(cross);
  const oldOf = new Array<number>(kNew).fill(-1);
  assignment.forEach((b, a) => {
    if (b < 0) return;
    const c = cross[a]![b]!;
    if (c > 0 && (c >= MATCH_SHARE * oldSize[a]! || c >= MATCH_SHARE * newSize[b]!)) oldOf[b] = a;
  });
  const matches = Array.from({ length: kNew }, (_, b): SegmentMatch => {
    const a = oldOf[b]!;
    if (a < 0) return { index: b, baseline: null, overlap: 0, shareOfBaseline: 0, shareOfNew: 0 };
    const c = cross[a]![b]!;
    return { index: b, baseline: baseline[a]!, overlap: c, shareOfBaseline: c / oldSize[a]!, shareOfNew: c / newSize[b]! };
  });
  const vanished = baseline.filter((_, a) => !oldOf.includes(a));
  return { matches, vanished };
}
