// Makes data/online_retail_sample.csv.gz, the Online Retail sample that ships with the package, from the full
// data/online_retail.csv.gz (UCI "Online Retail", CC BY 4.0): every order line of one customer in eight (the
// CustomerIDs divisible by 8), the header and the lines' bytes as they are, in file order; deterministic.
// Run: node scripts/make-online-retail-sample.mjs  (then record its sha256 in data/SOURCES.md)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';

const text = gunzipSync(readFileSync('data/online_retail.csv.gz')).toString('utf8');
const lines = text.split('\n');
const header = lines[0];
const customer = header.split(',').indexOf('CustomerID');
if (customer < 0) throw new Error('no CustomerID column');
// The columns before CustomerID hold no quoted commas in the lines kept? Check by counting fields from the end.
const fromEnd = header.split(',').length - customer;
const kept = [header];
for (const line of lines.slice(1)) {
  if (!line) continue;
  const fields = line.split(',');
  const id = Number(fields[fields.length - fromEnd]);
  if (Number.isInteger(id) && id > 0 && id % 8 === 0) kept.push(line);
}
const out = kept.join('\n') + '\n';
const gz = gzipSync(Buffer.from(out, 'utf8'), { level: 9 });
writeFileSync('data/online_retail_sample.csv.gz', gz);
const sha = (b) => createHash('sha256').update(b).digest('hex');
console.log(`${kept.length - 1} order lines; ${gz.length} bytes gz (sha256 ${sha(gz)}); CSV sha256 ${sha(Buffer.from(out, 'utf8'))}`);
