import { DIVERGING_SCHEME } from './palette.js';

/** The anchors of Vega's "blueorange" scheme (DIVERGING_SCHEME), from its low to its high end. */
const BLUE_ORANGE = ['134b85', '2f78b3', '5da2cb', '9dcae1', 'd2e5ef', 'f2f0eb', 'fce0ba', 'fbbf74', 'e8932f', 'c5690d', '994a07'].map((h) => [
  parseInt(h.slice(0, 2), 16),
  parseInt(h.slice(2, 4), 16),
  parseInt(h.slice(4, 6), 16),
]);

/** WCAG 2 relative luminance of an sRGB colour (0–255 channels). */
export function relativeLuminance([r, g, b]: readonly number[]): number {
  const linear = (c: number): number => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!);
}

/** WCAG 2 contrast ratio of two luminances (1–21). */
export function contrastRatio(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** Black or white, whichever contrasts more with a background colour (0–255 channels). */
export function textColourOn(background: readonly number[]): 'black' | 'white' {
  const l = relativeLuminance(background);
  return contrastRatio(l, 0) >= contrastRatio(l, 1) ? 'black' : 'white';
}

/**
 * The colour a heatmap cell gets for `value` on the diverging scheme over `domain` (clamped), interpolated
 * between the scheme's anchors — close enough to Vega's own to choose the text colour by contrast.
 */
export function divergingColour(value: number, domain: readonly [number, number]): number[] {
  if (DIVERGING_SCHEME !== 'blueorange') throw new Error('textContrast knows the blueorange anchors only');
  return colourOnRamp(BLUE_ORANGE, (value - domain[0]) / (domain[1] - domain[0]));
}

/** The colour at t ∈ [0, 1] (clamped) of a ramp of evenly spaced anchor colours (0–255 channels), linear in RGB. */
export function colourOnRamp(anchors: ReadonlyArray<readonly number[]>, t: number): number[] {
  const at = Math.min(1, Math.max(0, t)) * (anchors.length - 1);
  const i = Math.min(Math.floor(at), anchors.length - 2);
  const f = at - i;
  return [0, 1, 2].map((c) => anchors[i]![c]! + f * (anchors[i + 1]![c]! - anchors[i]![c]!));
}

/** The text colour for a diverging heatmap cell holding `value` (NaN: black). */
export function cellTextColour(value: number, domain: readonly [number, number]): 'black' | 'white' {
  return Number.isNaN(value) ? 'black' : textColourOn(divergingColour(value, domain));
}
