import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { gzipBomb } from '../helpers.js';

/** Small hostile input files for the hardening tests, written into `dir`; returns their paths by name. */
export function writeHostileFiles(dir: string): Record<string, string> {
  const files: Record<string, string | Buffer> = {};
  const rows = (n: number, row: (i: number) => string): string => Array.from({ length: n }, (_, i) => row(i + 1)).join('\n') + '\n';
  files['hex.csv'] = `id,visits,spend\n1,0x1F,30\n${rows(40, (i) => `${i + 1},${i % 7},${(i * 13) % 50}`)}`;
  const log = Buffer.from(`id,visits,spend\n${rows(200_000, (i) => `${i},${i % 7},${(i * 13) % 50}`)}`);
  const gz = gzipSync(log);
  files['truncated.csv.gz'] = gz.subarray(0, Math.floor(gz.length * 0.6));
  files['bomb.csv.gz'] = gzipBomb('a,b\n', '1,2\n', 64 * 1024 * 1024);
  files['wide.csv'] =
    `${Array.from({ length: 10_000 }, (_, j) => `c${j}`).join(',')}\n${rows(3, () => Array.from({ length: 10_000 }, (_, j) => String(j % 3)).join(','))}`;
  files['ragged.csv'] = `id,a,b\n1,2,3\n2,5,4,9\n3,6,7\n4,1,1\n`;
  files['latin1-late.csv'] = Buffer.from(`id,name,visits\n${rows(6000, (i) => `${i},plain${i},${i % 7}`)}6001,Caf\xe9,3\n`, 'latin1');
  const utf16 = `id,visits,spend\n${rows(60, (i) => `${i},${i % 5},${(i * 7) % 11}`)}`;
  files['utf16be.csv'] = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(utf16, 'utf16le').swap16()]);
  files['cr-only.csv'] = `id,visits,spend\r${rows(40, (i) => `${i},${i % 5},${(i * 7) % 11}`).replaceAll('\n', '\r')}`;
  files['many-levels.csv'] = `id,note,visits\n${rows(60_000, (i) => `${i},note ${i % 30_000},${i % 7}`)}`;
  files['huge-values.csv'] = `id,a,b\n1,1e307,2\n${rows(30, (i) => `${i + 1},${i},${i % 4}`)}`;
  const paths: Record<string, string> = {};
  for (const [name, content] of Object.entries(files)) writeFileSync((paths[name] = join(dir, name)), content);
  return paths;
}
