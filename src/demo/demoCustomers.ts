import type { Table } from '../data/table.js';
import { createRandom, type Random } from '../util/random.js';

interface Persona {
  readonly weight: number;
  readonly age: [number, number];
  readonly income: [number, number];
  readonly spending: [number, number];
  readonly visits: [number, number];
  readonly member: number;
  readonly online: number;
}

// Five latent customer types, loosely after the Mall Customers data, plus web behaviour and tenure.
const PERSONAS: readonly Persona[] = [
  { weight: 0.22, age: [24, 3], income: [25, 5], spending: [80, 6], visits: [13, 1.5], member: 0.06, online: 0.94 },
  { weight: 0.18, age: [47, 5], income: [96, 7], spending: [16, 6], visits: [3, 1], member: 0.94, online: 0.04 },
  { weight: 0.17, age: [33, 3], income: [88, 7], spending: [85, 5], visits: [9, 1.5], member: 0.92, online: 0.93 },
  { weight: 0.28, age: [41, 5], income: [56, 5], spending: [50, 5], visits: [6, 1], member: 0.07, online: 0.05 },
  { weight: 0.15, age: [65, 4], income: [38, 6], spending: [22, 6], visits: [2, 0.8], member: 0.9, online: 0.03 },
];
const CHANNELS = ['Online', 'In store'];

function normal(rng: Random, [mean, sd]: [number, number]): number {
  const u = 1 - rng.next(),
    v = rng.next();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/**
 * A seeded, realistic synthetic customer table for `segmenta demo`: CustomerID, Loyalty Member, Age, Preferred Channel,
 * Annual Income (k$), Spending Score (1-100), Web Visits per Month and Tenure (years), drawn from five
 * customer types, with about 3% of incomes and 1.5% of channels missing. O(rows).
 */
export function demoCustomers(rows = 1000, seed = 42): Table {
  const rng = createRandom(seed);
  const id: string[] = [],
    member: string[] = [],
    region: (string | null)[] = [];
  const age = new Float64Array(rows),
    income = new Float64Array(rows),
    spending = new Float64Array(rows);
  const visits = new Float64Array(rows),
    tenure = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let u = rng.next(),
      p = PERSONAS[0]!;
    for (const q of PERSONAS) {
      if (u < q.weight) {
        p = q;
        break;
      }
      u -= q.weight;
    }
    id.push(`C${String(i + 1).padStart(5, '0')}`);
    member.push(rng.next() < p.member ? 'Yes' : 'No');
    age[i] = Math.round(clamp(normal(rng, p.age), 18, 80));
    income[i] = rng.next() < 0.03 ? NaN : Math.round(clamp(normal(rng, p.income), 12, 160));
    spending[i] = Math.round(clamp(normal(rng, p.spending), 1, 100));
    visits[i] = Math.round(clamp(normal(rng, p.visits), 0, 30));
    tenure[i] = Math.round(clamp(normal(rng, [(age[i]! - 18) / 6, 2]), 0, 25) * 10) / 10;
    region.push(rng.next() < 0.015 ? null : CHANNELS[rng.next() < p.online ? 0 : 1]!);
  }
  return {
    rowCount: rows,
    source: { path: 'demo:customers', format: 'csv' },
    columns: [
      { name: 'CustomerID', kind: 'string', values: id },
      { name: 'Loyalty Member', kind: 'string', values: member },
      { name: 'Age', kind: 'number', values: age, integer: true },
      { name: 'Preferred Channel', kind: 'string', values: region },
      { name: 'Annual Income (k$)', kind: 'number', values: income, integer: true },
      { name: 'Spending Score (1-100)', kind: 'number', values: spending, integer: true },
      { name: 'Web Visits per Month', kind: 'number', values: visits, integer: true },
      { name: 'Tenure (years)', kind: 'number', values: tenure, integer: false },
    ],
  };
}
