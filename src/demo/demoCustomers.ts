import type { Table } from '../data/table.js';
import { createRandom, type Random } from '../util/random.js';

interface Persona {
  readonly weight: number;
  readonly age: [number, number];
  readonly income: [number, number];
  readonly spending: [number, number];
  readonly visits: [number, number];
  readonly female: number;
  readonly online: number;
}

// Five latent customer types, loosely after the Mall Customers data, plus web behaviour and tenure.
const PERSONAS: readonly Persona[] = [
  { weight: 0.22, age: [25, 4], income: [28, 7], spending: [76, 9], visits: [12, 3], female: 0.6, online: 0.5 },
  { weight: 0.18, age: [44, 8], income: [92, 10], spending: [18, 8], visits: [3, 1.5], female: 0.45, online: 0.15 },
  { weight: 0.17, age: [33, 4], income: [88, 9], spending: [83, 7], visits: [9, 2.5], female: 0.55, online: 0.35 },
  { weight: 0.28, age: [42, 11], income: [55, 8], spending: [50, 7], visits: [6, 2], female: 0.55, online: 0.2 },
  { weight: 0.15, age: [63, 6], income: [40, 9], spending: [24, 8], visits: [2, 1], female: 0.5, online: 0.05 },
];
const REGIONS = ['North', 'South', 'East', 'West'];

function normal(rng: Random, [mean, sd]: [number, number]): number {
  const u = 1 - rng.next(), v = rng.next();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/**
 * A seeded, realistic synthetic customer table for `segmenta demo`: CustomerID, Gender, Age, Region,
 * Annual Income (k$), Spending Score (1-100), Web Visits per Month and Tenure (years), drawn from five
 * customer types, with about 3% of incomes and 1.5% of regions missing. O(rows).
 */
export function demoCustomers(rows = 1000, seed = 42): Table {
  const rng = createRandom(seed);
  const id: string[] = [], gender: string[] = [], region: (string | null)[] = [];
  const age = new Float64Array(rows), income = new Float64Array(rows), spending = new Float64Array(rows);
  const visits = new Float64Array(rows), tenure = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let u = rng.next(), p = PERSONAS[0]!;
    for (const q of PERSONAS) {
      if (u < q.weight) {
        p = q;
        break;
      }
      u -= q.weight;
    }
    id.push(`C${String(i + 1).padStart(5, '0')}`);
    gender.push(rng.next() < p.female ? 'Female' : 'Male');
    age[i] = Math.round(clamp(normal(rng, p.age), 18, 80));
    income[i] = rng.next() < 0.03 ? NaN : Math.round(clamp(normal(rng, p.income), 12, 160));
    spending[i] = Math.round(clamp(normal(rng, p.spending), 1, 100));
    visits[i] = Math.round(clamp(normal(rng, p.visits), 0, 30));
    tenure[i] = Math.round(clamp(normal(rng, [(age[i]! - 18) / 6, 2]), 0, 25) * 10) / 10;
    region.push(rng.next() < 0.015 ? null : rng.next() < p.online ? 'Online' : REGIONS[rng.int(REGIONS.length)]!);
  }
  return {
    rowCount: rows,
    source: { path: 'demo:customers', format: 'csv' },
    columns: [
      { name: 'CustomerID', kind: 'string', values: id },
      { name: 'Gender', kind: 'string', values: gender },
      { name: 'Age', kind: 'number', values: age, integer: true },
      { name: 'Region', kind: 'string', values: region },
      { name: 'Annual Income (k$)', kind: 'number', values: income, integer: true },
      { name: 'Spending Score (1-100)', kind: 'number', values: spending, integer: true },
      { name: 'Web Visits per Month', kind: 'number', values: visits, integer: true },
      { name: 'Tenure (years)', kind: 'number', values: tenure, integer: false },
    ],
  };
}
