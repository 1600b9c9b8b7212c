import { describe, expect, it } from 'vitest';
import { cellTextColour, contrastRatio, divergingColour, relativeLuminance, textColourOn } from '../../src/charts/textContrast.js';

describe('heatmap text colour by contrast (WCAG 2)', () => {
  it('computes the WCAG contrast: black on white 21:1, the AA threshold example #777 on white ≈ 4.48:1', () => {
    expect(contrastRatio(relativeLuminance([0, 0, 0]), relativeLuminance([255, 255, 255]))).toBeCloseTo(21, 6);
    expect(contrastRatio(relativeLuminance([119, 119, 119]), 1)).toBeCloseTo(4.48, 2);
  });

  it('meets AA (4.5:1) on every cell colour of the diverging scale, picking white only on dark cells', () => {
    for (let v = -2; v <= 2.0001; v += 0.05) {
      const bg = divergingColour(v, [-2, 2]);
      const ink = cellTextColour(v, [-2, 2]);
      const ratio = contrastRatio(relativeLuminance(bg), ink === 'white' ? 1 : 0);
      expect(ratio, `value ${v.toFixed(2)}`).toBeGreaterThanOrEqual(4.5);
    }
    expect(cellTextColour(0, [-2, 2])).toBe('black');
    expect(cellTextColour(2, [-2, 2])).toBe('white'); // darkest orange
    expect(cellTextColour(-2, [-2, 2])).toBe('white'); // darkest blue
    expect(cellTextColour(1.2, [-2, 2])).toBe('black'); // the medium orange that white text failed on (2.5:1)
    expect(textColourOn([242, 240, 235])).toBe('black');
  });
});
