import { CLUSTER_METHODS } from '../cluster/methods/planMethod.js';
import { SCALING_KINDS } from '../preprocess/scaling.js';
import { MAX_MAGNITUDE } from '../data/columnBuilders.js';
import { DataError } from '../util/errors.js';
import type { SegmentaModel } from './model.js';
import { hasControl } from '../util/terminalText.js';

/** Path of a field inside the model, for messages ("pipeline.steps[2].scale"). */
type At = string;

/** The checks of one model file: each returns the value as its type, or throws the DataError naming the field. */
interface Checks {
  fail(at: At, what: string): never;
  obj(v: unknown, at: At): Record<string, unknown>;
  arr(v: unknown, at: At, length?: number): unknown[];
  num(v: unknown, at: At): number;
  positive(v: unknown, at: At): number;
  str(v: unknown, at: At): string;
  oneOf<T extends string>(v: unknown, at: At, allowed: readonly T[]): T;
  vector(v: unknown, at: At, length: number): number[];
}

/** The checks of `file`, each failing with "FILE: FIELD is …; expected …; give a model.json written by segmenta run". */
function checksOf(file: string): Checks {
  const fail = (at: At, what: string): never => {
    throw new DataError(`${file}: ${at} ${what}; give a model.json written by segmenta run (or fix that field)`);
  };
  const c: Checks = {
    fail,
    obj: (v, at) =>
      v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : fail(at, `is ${describe(v)}; expected an object`),
    arr: (v, at, length) => {
      if (!Array.isArray(v)) return fail(at, `is ${describe(v)}; expected a list`);
      if (length !== undefined && v.length !== length) fail(at, `has ${v.length} entries; expected ${length}`);
      return v;
    },
    num: (v, at) =>
      typeof v === 'number' && Number.isFinite(v)
        ? Math.abs(v) <= MAX_MAGNITUDE
          ? v
          : fail(at, `is ${v}; expected a number within ±${MAX_MAGNITUDE} (larger ones overflow when squared)`)
        : fail(at, `is ${describe(v)}; expected a finite number`),
    positive: (v, at) => (c.num(v, at) > 0 ? (v as number) : fail(at, `is ${String(v)}; expected a number > 0`)),
    str: (v, at) => (typeof v === 'string' ? v : fail(at, `is ${describe(v)}; expected text`)),
    oneOf: (v, at, allowed) => (allowed.includes(v as never) ? (v as never) : fail(at, `is ${describe(v)}; expected one of ${allowed.join(', ')}`)),
    vector: (v, at, length) => c.arr(v, at, length).map((x, i) => c.num(x, `${at}[${i}]`)),
  };
  return c;
}

/**
 * Checks a parsed model.json against the model's schema before anything uses it: format and version,
 * method (and the parameters that method needs), finite numbers everywhere, every shape consistent
 * (centres × preprocessed columns, one segment with a name per centre, mixture and prototype sizes),
 * step kinds and scalings, text fields as text. The first problem is a DataError naming the file and the
 * field ("model.json: centroids[1][0] is null; expected a finite number"). O(size of the model).
 */
export function validateModel(value: unknown, file: string): SegmentaModel {
  const c = checksOf(file);
  const m = c.obj(value, 'the file');
  if (m['format'] !== 'segmenta-model') c.fail('"format"', `is ${describe(m['format'])}; expected "segmenta-model" (this is not a Segmenta model)`);
  if (m['formatVersion'] !== 1) c.fail('"formatVersion"', `is ${describe(m['formatVersion'])}; this Segmenta reads version 1`);
  c.str(m['segmentaVersion'], 'segmentaVersion');
  const method = c.oneOf(m['method'], 'method', CLUSTER_METHODS);
  if (m['key'] !== null) c.str(m['key'], 'key');
  const features = c.arr(m['features'], 'features').map((f, i) => c.str(f, `features[${i}]`));
  if (features.length === 0) c.fail('features', 'is empty; expected the input columns');
  const width = checkPipeline(c, c.obj(m['pipeline'], 'pipeline'), features);
  const centroids = c.arr(m['centroids'], 'centroids');
  if (centroids.length === 0) c.fail('centroids', 'is empty; expected one centre per segment');
  const k = centroids.length;
  centroids.forEach((centre, j) => c.vector(centre, `centroids[${j}]`, width));
  const segments = checkSegments(c, m['segments'], k);
  checkUnusual(c, m, k);
  if (m['rules'] !== undefined) checkRules(c, c.obj(m['rules'], 'rules'), features, segments);
  if (!Number.isInteger(m['seed'])) c.fail('seed', `is ${describe(m['seed'])}; expected an integer`);
  c.obj(m['options'] ?? {}, 'options');
  const training = c.obj(m['training'], 'training');
  c.num(training['rows'], 'training.rows');
  c.str(training['fingerprint'], 'training.fingerprint');
  if (method === 'gmm') checkGmm(c, c.obj(m['gmm'], 'gmm (a gmm model needs its mixture)'), k, width);
  if (method === 'kprototypes') checkKPrototypes(c, c.obj(m['kprototypes'], 'kprototypes (a kprototypes model needs its prototypes)'), k, width);
  if (method === 'bisecting' && m['bisecting'] !== undefined)
    checkBisecting(c, c.arr(c.obj(m['bisecting'], 'bisecting')['nodes'], 'bisecting.nodes'), k, width);
  if (method === 'hierarchical' && m['linkage'] !== undefined) c.oneOf(m['linkage'], 'linkage', ['ward', 'complete', 'average', 'single'] as const);
  return value as SegmentaModel;
}

/** The pipeline: scaling, each step's kind and figures, and output names that match the steps. Returns the width. */
function checkPipeline(c: Checks, pipeline: Record<string, unknown>, features: readonly string[]): number {
  c.oneOf(pipeline['scaling'], 'pipeline.scaling', SCALING_KINDS);
  const outputNames = c.arr(pipeline['outputNames'], 'pipeline.outputNames').map((n, i) => c.str(n, `pipeline.outputNames[${i}]`));
  let width = 0;
  c.arr(pipeline['steps'], 'pipeline.steps').forEach((raw, s) => {
    const at = `pipeline.steps[${s}]`;
    const step = c.obj(raw, at);
    const column = c.str(step['column'], `${at}.column`);
    if (!features.includes(column)) c.fail(`${at}.column`, `is "${column}", which is not among the model's features`);
    width += c.oneOf(step['kind'], `${at}.kind`, ['number', 'category'] as const) === 'number' ? checkNumericStep(c, step, at) : checkCategoryStep(c, step, at);
  });
  if (width !== outputNames.length) c.fail('pipeline.outputNames', `has ${outputNames.length} names but the steps make ${width} columns`);
  if (width === 0) c.fail('pipeline.steps', 'is empty; expected the preprocessing of the features');
  return width;
}

/** A numeric step: source, fill, centre, scale > 0, log, an ordered clip. One output column. */
function checkNumericStep(c: Checks, step: Record<string, unknown>, at: At): number {
  c.oneOf(step['source'], `${at}.source`, ['number', 'date'] as const);
  c.num(step['fill'], `${at}.fill`);
  c.num(step['center'], `${at}.center`);
  c.positive(step['scale'], `${at}.scale`);
  if (typeof step['log'] !== 'boolean') c.fail(`${at}.log`, `is ${describe(step['log'])}; expected true or false`);
  if (step['clip'] !== undefined) {
    const [low, high] = c.vector(step['clip'], `${at}.clip`, 2);
    if (!(low! <= high!)) c.fail(`${at}.clip`, `is [${low}, ${high}]; expected [low, high] with low ≤ high`);
  }
  return 1;
}

/** A category step: levels, other, fill, a centre and a scale > 0 per output column. Returns its width. */
function checkCategoryStep(c: Checks, step: Record<string, unknown>, at: At): number {
  const levels = c.arr(step['levels'], `${at}.levels`).map((l, i) => c.str(l, `${at}.levels[${i}]`));
  if (typeof step['other'] !== 'boolean') c.fail(`${at}.other`, `is ${describe(step['other'])}; expected true or false`);
  c.str(step['fill'], `${at}.fill`);
  const w = levels.length + (step['other'] ? 1 : 0);
  c.vector(step['centers'], `${at}.centers`, w);
  c.arr(step['scales'], `${at}.scales`, w).forEach((x, i) => c.positive(x, `${at}.scales[${i}]`));
  return w;
}

/** One segment per centre, numbered from 1 in order (or increasing baseline numbers), with a plain name, size and share. */
function checkSegments(c: Checks, value: unknown, k: number): unknown[] {
  const segments = c.arr(value, 'segments', k);
  const ids = new Set<unknown>();
  segments.forEach((raw, j) => {
    const s = c.obj(raw, `segments[${j}]`);
    // Numbered from 1 in order, or (a run with --baseline) distinct increasing numbers kept from the baseline.
    if (
      !Number.isInteger(s['id']) ||
      (s['id'] as number) < 1 ||
      (s['id'] as number) > 1_000_000 ||
      ids.has(s['id']) ||
      (j > 0 && (s['id'] as number) <= (c.obj(segments[j - 1], `segments[${j - 1}]`)['id'] as number))
    ) {
      c.fail(`segments[${j}].id`, `is ${describe(s['id'])}; expected ${j + 1} (segments are numbered from 1, in increasing order)`);
    }
    ids.add(s['id']);
    const name = c.str(s['name'], `segments[${j}].name`);
    if (name.trim() === '') c.fail(`segments[${j}].name`, 'is empty; expected a segment name');
    if (hasControl(name)) c.fail(`segments[${j}].name`, 'holds a control character (a tab, line break or escape); expected a plain name');
    c.num(s['size'], `segments[${j}].size`);
    c.num(s['share'], `segments[${j}].share`);
  });
  return segments;
}

/** The distance percentiles (101 non-decreasing distances per segment) and the rule for unusual customers. */
function checkUnusual(c: Checks, m: Record<string, unknown>, k: number): void {
  if (m['distancePercentiles'] !== undefined)
    c.arr(m['distancePercentiles'], 'distancePercentiles', k).forEach((row, j) => {
      const at = `distancePercentiles[${j}]`;
      const v = c.vector(row, at, 101);
      if (v.some((x, i) => x < 0 || (i > 0 && x < v[i - 1]!))) c.fail(at, 'is not a non-decreasing list of distances ≥ 0');
    });
  if (m['unusual'] !== undefined) {
    const u = c.obj(m['unusual'], 'unusual');
    const share = c.num(u['contamination'], 'unusual.contamination');
    if (!(share > 0 && share < 0.5)) c.fail('unusual.contamination', `is ${share}; expected a share above 0 and below 0.5`);
    if (c.num(u['threshold'], 'unusual.threshold') < 0) c.fail('unusual.threshold', 'is negative; expected a relative distance ≥ 0');
  }
}

/** The readable rules: columns among the features, one rule per segment (its number), conditions on those columns. */
function checkRules(c: Checks, rules: Record<string, unknown>, features: readonly string[], segments: readonly unknown[]): void {
  const columns = c.arr(rules['columns'], 'rules.columns').map((col, i) => c.str(col, `rules.columns[${i}]`));
  columns.forEach((col, i) => features.includes(col) || c.fail(`rules.columns[${i}]`, `is "${col}", which is not among the model's features`));
  c.arr(rules['rules'], 'rules.rules', segments.length).forEach((raw, j) => {
    const at = `rules.rules[${j}]`;
    const rule = c.obj(raw, at);
    const id = (segments[j] as { id: number }).id;
    if (rule['segment'] !== id) c.fail(`${at}.segment`, `is ${describe(rule['segment'])}; expected ${id} (the number of segments[${j}])`);
    c.arr(rule['paths'], `${at}.paths`).forEach((path, p) =>
      c.arr(path, `${at}.paths[${p}]`).forEach((rawCondition, n) => {
        const where = `${at}.paths[${p}][${n}]`;
        const cond = c.obj(rawCondition, where);
        const column = c.str(cond['column'], `${where}.column`);
        if (!columns.includes(column)) c.fail(`${where}.column`, `is "${column}", which is not among rules.columns`);
        const op = c.oneOf(cond['op'], `${where}.op`, ['<=', '>', 'is', 'is not'] as const);
        if (op === 'is' || op === 'is not') c.str(cond['level'], `${where}.level`);
        else c.num(cond['value'], `${where}.value`);
      }),
    );
  });
}

/** A mixture: covariance kind, k positive weights, k means and k covariances of the model's width. */
function checkGmm(c: Checks, g: Record<string, unknown>, k: number, width: number): void {
  const cov = c.oneOf(g['covariance'], 'gmm.covariance', ['full', 'diag'] as const);
  c.arr(g['weights'], 'gmm.weights', k).forEach((w, j) => c.positive(w, `gmm.weights[${j}]`));
  c.arr(g['means'], 'gmm.means', k).forEach((mu, j) => c.vector(mu, `gmm.means[${j}]`, width));
  c.arr(g['covariances'], 'gmm.covariances', k).forEach((cv, j) => {
    if (cov === 'diag')
      return c
        .arr(cv, `gmm.covariances[${j}]`, 1)
        .forEach((row, r) => c.arr(row, `gmm.covariances[${j}][${r}]`, width).forEach((v, t) => c.positive(v, `gmm.covariances[${j}][${r}][${t}]`)));
    c.arr(cv, `gmm.covariances[${j}]`, width).forEach((row, r) => c.vector(row, `gmm.covariances[${j}][${r}]`, width));
  });
}

/** k-prototypes: γ, the layout's column indexes and level thresholds, and k prototypes that fit them. */
function checkKPrototypes(c: Checks, kp: Record<string, unknown>, k: number, width: number): void {
  c.num(kp['gamma'], 'kprototypes.gamma');
  const layout = c.obj(kp['layout'], 'kprototypes.layout');
  const numeric = c
    .arr(layout['numericColumns'], 'kprototypes.layout.numericColumns')
    .map((col, i) => columnIndex(col, `kprototypes.layout.numericColumns[${i}]`, width, c.fail));
  const blocks = c.arr(layout['categoryBlocks'], 'kprototypes.layout.categoryBlocks').map((b, i) => {
    const at = `kprototypes.layout.categoryBlocks[${i}]`;
    const block = c.obj(b, at);
    columnIndex(block['start'], `${at}.start`, width, c.fail);
    return c.vector(block['thresholds'], `${at}.thresholds`, c.arr(block['thresholds'], `${at}.thresholds`).length).length;
  });
  c.arr(kp['numeric'], 'kprototypes.numeric', k).forEach((p, j) => c.vector(p, `kprototypes.numeric[${j}]`, numeric.length));
  c.arr(kp['categorical'], 'kprototypes.categorical', k).forEach((p, j) => {
    const at = `kprototypes.categorical[${j}]`;
    c.arr(p, at, blocks.length).forEach((level, b) => {
      const v = c.num(level, `${at}[${b}]`);
      if (!Number.isInteger(v) || v < 0 || v >= blocks[b]!) c.fail(`${at}[${b}]`, `is ${v}; expected a level index from 0 to ${blocks[b]! - 1}`);
    });
  });
}

/** Bisecting k-means: every node a centre of the model's width and either a segment or two later children. */
function checkBisecting(c: Checks, nodes: readonly unknown[], k: number, width: number): void {
  nodes.forEach((raw, i) => {
    const at = `bisecting.nodes[${i}]`;
    const node = c.obj(raw, at);
    c.vector(node['center'], `${at}.center`, width);
    if (node['segment'] !== undefined) {
      if (!Number.isInteger(node['segment']) || (node['segment'] as number) < 0 || (node['segment'] as number) >= k)
        c.fail(`${at}.segment`, `is ${describe(node['segment'])}; expected a segment position from 0 to ${k - 1}`);
    } else
      for (const side of ['left', 'right'])
        // Children come after their parent (depth-first order), so descending always ends.
        if (!Number.isInteger(node[side]) || (node[side] as number) <= i || (node[side] as number) >= nodes.length)
          c.fail(`${at}.${side}`, `is ${describe(node[side])}; expected a later node (from ${i + 1} to ${nodes.length - 1}) or a segment`);
  });
}

function columnIndex(v: unknown, at: At, width: number, fail: (at: At, what: string) => never): number {
  return Number.isInteger(v) && (v as number) >= 0 && (v as number) < width
    ? (v as number)
    : fail(at, `is ${describe(v)}; expected a column index from 0 to ${width - 1}`);
}

/** A value as a message shows it: its JSON text, shortened. */
function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  const text = typeof v === 'number' && !Number.isFinite(v) ? String(v) : JSON.stringify(v);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
