import { afterEach, describe, expect, it, vi } from 'vitest';
import { progressLine, progressReporter } from '../../src/cli/progress.js';

describe('progress on a terminal', () => {
  afterEach(() => vi.restoreAllMocks());

  it('says the elapsed time first: tenths of a second, then minutes and seconds', () => {
    expect(progressLine(0.04, 'reading mall.csv…')).toBe('[0.0 s] reading mall.csv…');
    expect(progressLine(12.34, 'choosing k')).toBe('[12.3 s] choosing k');
    expect(progressLine(65.2, 'writing the report…')).toBe('[1 min 05 s] writing the report…');
  });

  it('draws each stage on one line of stderr, with a bar when counted, and clears it at the end', () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    const progress = progressReporter(true);
    progress('reading mall.csv');
    progress('choosing k', 3, 6);
    progress.end();
    const clear = '\r\x1b[K';
    expect(written.slice(0, 2).map((w) => w.startsWith(clear))).toEqual([true, true]);
    expect(written[0]!.slice(clear.length)).toMatch(/^\[0\.\d s\] reading mall\.csv…$/);
    expect(written[1]!.slice(clear.length)).toMatch(/^\[0\.\d s\] choosing k \[#{10} {10}\] 3\/6$/);
    expect(written.at(-1)).toBe('\r\x1b[K');
  });

  it('writes nothing when stderr is not a terminal (pipes, CI, --json)', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const progress = progressReporter(false);
    progress('reading mall.csv');
    progress.end();
    expect(write).not.toHaveBeenCalled();
  });
});
