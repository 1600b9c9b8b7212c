// Prints the known-k table of docs/choosing-k.md: how often each rule for choosing k finds the true number of
// groups on the generated suite (src/demo/knownGroups.ts). Usage: npm run build && node scripts/known-k-table.mjs [repeats] [rows]
import { knownGroupsSuite } from '../dist/demo/knownGroups.js';
import { evaluateKRules } from '../dist/select/knownKEvaluation.js';

const suite = knownGroupsSuite(Number(process.argv[2] ?? 5), Number(process.argv[3] ?? 400));
const scores = evaluateKRules(suite);
const families = scores[0].byFamily.map((f) => `${f.family} (${f.of})`);
console.log(`| rule | ${families.join(' | ')} | all (${scores[0].of}) |`);
console.log(`|---|${families.map(() => '---:').join('|')}|---:|`);
for (const s of scores) console.log(`| ${s.rule} | ${s.byFamily.map((f) => f.right).join(' | ')} | **${s.right}** (${((100 * s.right) / s.of).toFixed(0)}%) |`);
