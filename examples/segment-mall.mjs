// Segments the Mall Customers data with the built library and predicts new customers with the model.
// Run after `npm run build`: node examples/segment-mall.mjs [FILE]
import { predict, readTable, segment, tableFromRecords } from '../dist/index.js';

const file = process.argv[2] ?? new URL('../data/mall_customers.csv', import.meta.url).pathname;
const table = await readTable(file);
const result = segment(table, { features: ['Annual Income (k$)', 'Spending Score (1-100)'], seed: 0 });
console.log(result.choice.reason);
for (const s of result.segments) console.log(`${s.id}. ${s.name} — ${s.description}`);

const newcomers = tableFromRecords([
  { 'Annual Income (k$)': 120, 'Spending Score (1-100)': 90 },
  { 'Annual Income (k$)': 20, 'Spending Score (1-100)': 10 },
]);
const { labels } = predict(result.model, newcomers);
labels.forEach((l, i) => console.log(`newcomer ${i + 1} → segment ${l + 1} (${result.segments[l].name})`));
