// Prints the mixed-data tables of docs/decisions.md (issue 29): how often Segmenta's rule finds the true k on
// the known-groups suite with categorical noise or signal added, for each way categories enter the distance,
// and what each way gives on the shared real files with categories.
// Usage: npm run build && node scripts/mixed-data-table.mjs [repeats] [rows] [--real-only]
import { knownGroupsSuite } from '../dist/demo/knownGroups.js';
import { evaluateMixedWeightings, mixedGroupsSuite, mixedAnswers, MIXED_WEIGHTINGS } from '../dist/select/mixedDataEvaluation.js';
import { readTable } from '../dist/data/readTable.js';

const realOnly = process.argv.includes('--real-only');
const suite = realOnly ? [] : mixedGroupsSuite(knownGroupsSuite(Number(process.argv[2] ?? 5), Number(process.argv[3] ?? 400)));
const scores = evaluateMixedWeightings(suite, MIXED_WEIGHTINGS, {
  onSet: (d, t) => process.stderr.write(`\r${d}/${t}`),
});
process.stderr.write('\n');
for (const variant of [...new Set(scores.map((s) => s.variant))]) {
  const rows = scores.filter((s) => s.variant === variant);
  const families = rows[0].byFamily.map((f) => `${f.family} (${f.of})`);
  console.log(`\n**${variant}**\n`);
  console.log(`| weighting | ${families.join(' | ')} | all (${rows[0].of}) | segments ≥ 95% one noise level |`);
  console.log(`|---|${families.map(() => '---:').join('|')}|---:|---:|`);
  for (const s of rows) console.log(`| ${s.weighting} | ${s.byFamily.map((f) => f.right).join(' | ')} | **${s.right}** | ${s.splitByNoise} |`);
}
const real = [
  ['mall_customers.csv', ['Age', 'Annual Income (k$)', 'Spending Score (1-100)'], ['Gender']],
  ['wholesale_customers.csv', ['Fresh', 'Milk', 'Grocery', 'Frozen', 'Detergents_Paper', 'Delicassen'], ['Channel', 'Region']],
  [
    'marketing_campaign.csv',
    [
      'Year_Birth',
      'Income',
      'Kidhome',
      'Teenhome',
      'Recency',
      'MntWines',
      'MntFruits',
      'MntMeatProducts',
      'MntFishProducts',
      'MntSweetProducts',
      'MntGoldProds',
    ].concat(['NumDealsPurchases', 'NumWebPurchases', 'NumCatalogPurchases', 'NumStorePurchases', 'NumWebVisitsMonth']),
    ['Education', 'Marital_Status', 'AcceptedCmp3', 'AcceptedCmp4', 'AcceptedCmp5', 'AcceptedCmp1', 'AcceptedCmp2', 'Complain', 'Response'],
  ],
];
console.log('\n| file | weighting | k (1 = no clear structure) | segments at that k | segments ≥ 95% one level of a category |');
console.log('|---|---|---:|---:|---:|');
for (const [file, numeric, categorical] of real) {
  const table = await readTable(new URL(`../data/${file}`, import.meta.url).pathname);
  for (const a of mixedAnswers(table, numeric, categorical, categorical))
    console.log(`| ${file} | ${a.weighting} | ${a.k} | ${a.segmentsK} | ${a.splitByNoise} |`);
}
