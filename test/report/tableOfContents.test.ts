import { describe, expect, it } from 'vitest';
import { withTableOfContents } from '../../src/report/tableOfContents.js';

describe("the report's table of contents", () => {
  it('links every titled section, keeping ids it has and making unique ones from titles', () => {
    const html = withTableOfContents(
      '<header></header>\n<!-- toc -->\n<section><h2>Segments in 2D</h2></section><section id="unusual"><h2>Unusual customers</h2></section><section class="keep"><h2>Segments in 2D</h2></section>',
    );
    expect(html).toContain('<section id="segments-in-2d"><h2>Segments in 2D</h2>');
    expect(html).toContain('<section id="unusual"><h2>Unusual customers</h2>');
    expect(html).toContain('<section class="keep" id="segments-in-2d-2"><h2>Segments in 2D</h2>');
    expect(html).toContain(
      '<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol><li><a href="#segments-in-2d">Segments in 2D</a></li><li><a href="#unusual">Unusual customers</a></li><li><a href="#segments-in-2d-2">Segments in 2D</a></li></ol></nav>',
    );
    expect(html).not.toContain('<!-- toc -->');
  });
});
