import { predictionStrength } from '../stability/predictionStrength.js';
import { takeRows, type Matrix } from '../util/matrix.js';
import { createRandom } from '../util/random.js';
import { sampleIndices } from '../util/sample.js';

/** A change of the run to try when no k reproduces: its flags, why it may help, and the matrix it gives. */
export interface StructureTry {
  /** The flags as a user types them: "--log auto". */
  readonly flags: string;
  /** Why it may help on this file: "the money columns are skewed". */
  readonly why: string;
  readonly matrix: () => Matrix;
}

/** What was measured to help on this file, or that nothing tried did. */
export interface StructureAdvice {
  /** The tries measured, each with the best reproducibility (prediction strength) it reaches and at which k. */
  readonly tried: ReadonlyArray<{ readonly flags: string; readonly why: string; readonly k: number; readonly reproducibility: number }>;
  /** The first try, in the given order of preference, that makes a k reproduce (reproducibility > 0.8), or null. */
  readonly helps: { readonly flags: string; readonly why: string; readonly k: number; readonly reproducibility: number } | null;
}

/** A k reproduces above this prediction strength (fpc's cut-off, as the structure test). */
const REPRODUCES = 0.8;

/**
 * Measures, when no k of the sweep reproduces, whether a change that often helps makes one reproduce on this
 * file: each try's matrix (on a seeded sample of `sampleRows` rows) gets the prediction strength of the
 * sweep's ks, as the structure test computes it. Returns every try's best figure and the first that passes.
 * O(tries · splits · |ks| · 2 k-means on the sample).
 */
export function structureAdvice(
  tries: readonly StructureTry[],
  ks: readonly number[],
  o: { readonly seed: number; readonly sampleRows: number; readonly splits: number; readonly threads?: number | undefined },
): StructureAdvice {
  const tried = tries.map((t) => {
    const x = t.matrix();
    const sample = x.rows > o.sampleRows ? takeRows(x, sampleIndices(x.rows, o.sampleRows, createRandom(o.seed ^ 0x5eed))) : x;
    const ps = predictionStrength(sample, ks, { splits: o.splits, seed: o.seed ^ 0x9e3779, nInit: 3, threads: o.threads });
    const best = ps.chosen ?? ks[ps.strength.indexOf(Math.max(...ps.strength))]!;
    return { flags: t.flags, why: t.why, k: best, reproducibility: ps.strength[ks.indexOf(best)]! };
  });
  return { tried, helps: tried.find((t) => t.reproducibility > REPRODUCES) ?? null };
}
