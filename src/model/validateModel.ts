import { CLUSTER_METHODS } from '../cluster/methods/planMethod.js';
import { SCALING_KINDS } from '../preprocess/scaling.js';
import { MAX_MAGNITUDE } from '../data/columnBuilders.js';
import { DataError } from '../util/errors.js';
import type { SegmentaModel } from './model.js';
import { hasControl } from '../util/terminalText.js';

/** Path of a field inside the model, for messages ("pipeline.steps[2].scale"). */
type At = string;

/**
 * Checks a parsed model.json against the model's schema before anything uses it: format and version,
 * method (and the parameters that method needs), finite numbers everywhere, every shape consistent
 * (centres × preprocessed columns, one segment with a name per centre, mixture and prototype sizes),
 * step kinds and scalings, text fields as text. The first problem is a DataError naming the file and the
 * field ("model.json: centroids[1][0] is null; expected a finite number"). O(size of the model).
 */
export function validateModel(value: unknown, file: string): SegmentaModel {
  const fail = (at: At, what: string): never => {
    throw new DataError(`${file}: ${at} ${what}; give a model.json written by segmenta run (or fix that field)`);
  };
  const obj = (v: unknown, at: At): Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : fail(at, `is ${describe(v)}; expected an object`);
  const arr = (v: unknown, at: At, length?: number): unknown[] => {
    if (!Array.isArray(v)) return fail(at, `is ${describe(v)}; expected a list`);
    if (length !== undefined && v.length !== length) fail(at, `has ${v.length} entries; expected ${length}`);
    return v;
  };
  const num = (v: unknown, at: At): number =>
    typeof v === 'number' && Number.isFinite(v)
      ? Math.abs(v) <= MAX_MAGNITUDE
        ? v
        : fail(at, `is ${v}; expected a number within ±${MAX_MAGNITUDE} (larger ones overflow when squared)`)
      : fail(at, `is ${describe(v)}; expected a finite number`);
  const positive = (v: unknown, at: At): number => (num(v, at) > 0 ? (v as number) : fail(at, `is ${String(v)}; expected a number > 0`));
  const str = (v: unknown, at: At): string => (typeof v === 'string' ? v : fail(at, `is ${describe(v)}; expected text`));
  const oneOf = <T extends string>(v: unknown, at: At, allowed: readonly T[]): T =>
    allowed.includes(v as T) ? (v as T) : fail(at, `is ${describe(v)}; expected one of ${allowed.join(', ')}`);
  const vector = (v: unknown, at: At, length: number): number[] => arr(v, at, length).map((x, i) => num(x, `${at}[${i}]`));

  const m = obj(value, 'the file');
  if (m['format'] !== 'segmenta-model') fail('"format"', `is ${describe(m['format'])}; expected "segmenta-model" (this is not a Segmenta model)`);
  if (m['formatVersion'] !== 1) fail('"formatVersion"', `is ${describe(m['formatVersion'])}; this Segmenta reads version 1`);
  str(m['segmentaVersion'], 'segmentaVersion');
  const method = oneOf(m['method'], 'method', CLUSTER_METHODS);
  if (m['key'] !== null) str(m['key'], 'key');
  const features = arr(m['features'], 'features').map((f, i) => str(f, `features[${i}]`));
  if (features.length === 0) fail('features', 'is empty; expected the input columns');

  const pipeline = obj(m['pipeline'], 'pipeline');
  oneOf(pipeline['scaling'], 'pipeline.scaling', SCALING_KINDS);
  const outputNames = arr(pipeline['outputNames'], 'pipeline.outputNames').map((n, i) => str(n, `pipeline.outputNames[${i}]`));
  let width = 0;
  arr(pipeline['steps'], 'pipeline.steps').forEach((raw, s) => {
    const at = `pipeline.steps[${s}]`;
    const step = obj(raw, at);
    const column = str(step['column'], `${at}.column`);
    if (!features.includes(column)) fail(`${at}.column`, `is "${column}", which is not among the model's features`);
    if (oneOf(step['kind'], `${at}.kind`, ['number', 'category'] as const) === 'number') {
      oneOf(step['source'], `${at}.source`, ['number', 'date'] as const);
      num(step['fill'], `${at}.fill`);
      num(step['center'], `${at}.center`);
      positive(step['scale'], `${at}.scale`);
      if (typeof step['log'] !== 'boolean') fail(`${at}.log`, `is ${describe(step['log'])}; expected true or false`);
      if (step['clip'] !== undefined) {
        const [low, high] = vector(step['clip'], `${at}.clip`, 2);
        if (!(low! <= high!)) fail(`${at}.clip`, `is [${low}, ${high}]; expected [low, high] with low ≤ high`);
      }
      width += 1;
    } else {
      const levels = arr(step['levels'], `${at}.levels`).map((l, i) => str(l, `${at}.levels[${i}]`));
      if (typeof step['other'] !== 'boolean') fail(`${at}.other`, `is ${describe(step['other'])}; expected true or false`);
      str(step['fill'], `${at}.fill`);
      const w = levels.length + (step['other'] ? 1 : 0);
      vector(step['centers'], `${at}.centers`, w);
      arr(step['scales'], `${at}.scales`, w).forEach((x, i) => positive(x, `${at}.scales[${i}]`));
      width += w;
    }
  });
  if (width !== outputNames.length) fail('pipeline.outputNames', `has ${outputNames.length} names but the steps make ${width} columns`);
  if (width === 0) fail('pipeline.steps', 'is empty; expected the preprocessing of the features');

  const centroids = arr(m['centroids'], 'centroids');
  if (centroids.length === 0) fail('centroids', 'is empty; expected one centre per segment');
  const k = centroids.length;
  centroids.forEach((c, j) => vector(c, `centroids[${j}]`, width));
  const segments = arr(m['segments'], 'segments', k);
  const ids = new Set<unknown>();
  segments.forEach((raw, j) => {
    const s = obj(raw, `segments[${j}]`);
    // Numbered from 1 in order, or (a run with --baseline) distinct increasing numbers kept from the baseline.
    if (
      !Number.isInteger(s['id']) ||
      (s['id'] as number) < 1 ||
      (s['id'] as number) > 1_000_000 ||
      ids.has(s['id']) ||
      (j > 0 && (s['id'] as number) <= (obj(segments[j - 1], `segments[${j - 1}]`)['id'] as number))
    ) {
      fail(`segments[${j}].id`, `is ${describe(s['id'])}; expected ${j + 1} (segments are numbered from 1, in increasing order)`);
    }
    ids.add(s['id']);
    const name = str(s['name'], `segments[${j}].name`);
    if (name.trim() === '') fail(`segments[${j}].name`, 'is empty; expected a segment name');
    if (hasControl(name)) fail(`segments[${j}].name`, 'holds a control character (a tab, line break or escape); expected a plain name');
    num(s['size'], `segments[${j}].size`);
    num(s['share'], `segments[${j}].share`);
  });
  if (m['distancePercentiles'] !== undefined)
    arr(m['distancePercentiles'], 'distancePercentiles', k).forEach((row, j) => {
      const at = `distancePercentiles[${j}]`;
      const v = vector(row, at, 101);
      if (v.some((x, i) => x < 0 || (i > 0 && x < v[i - 1]!))) fail(at, 'is not a non-decreasing list of distances ≥ 0');
    });
  if (m['unusual'] !== undefined) {
    const u = obj(m['unusual'], 'unusual');
    const c = num(u['contamination'], 'unusual.contamination');
    if (!(c > 0 && c < 0.5)) fail('unusual.contamination', `is ${c}; expected a share above 0 and below 0.5`);
    if (num(u['threshold'], 'unusual.threshold') < 0) fail('unusual.threshold', 'is negative; expected a relative distance ≥ 0');
  }
  if (m['rules'] !== undefined) {
    const rules = obj(m['rules'], 'rules');
    const columns = arr(rules['columns'], 'rules.columns').map((c, i) => str(c, `rules.columns[${i}]`));
    columns.forEach((c, i) => features.includes(c) || fail(`rules.columns[${i}]`, `is "${c}", which is not among the model's features`));
    arr(rules['rules'], 'rules.rules', k).forEach((raw, j) => {
      const at = `rules.rules[${j}]`;
      const rule = obj(raw, at);
      const id = (segments[j] as { id: number }).id;
      if (rule['segment'] !== id) fail(`${at}.segment`, `is ${describe(rule['segment'])}; expected ${id} (the number of segments[${j}])`);
      arr(rule['paths'], `${at}.paths`).forEach((path, p) =>
        arr(path, `${at}.paths[${p}]`).forEach((rawCondition, c) => {
          const cond = obj(rawCondition, `${at}.paths[${p}][${c}]`);
          const column = str(cond['column'], `${at}.paths[${p}][${c}].column`);
          if (!columns.includes(column)) fail(`${at}.paths[${p}][${c}].column`, `is "${column}", which is not among rules.columns`);
          const op = oneOf(cond['op'], `${at}.paths[${p}][${c}].op`, ['<=', '>', 'is', 'is not'] as const);
          if (op === 'is' || op === 'is not') str(cond['level'], `${at}.paths[${p}][${c}].level`);
          else num(cond['value'], `${at}.paths[${p}][${c}].value`);
        }),
      );
    });
  }
  if (!Number.isInteger(m['seed'])) fail('seed', `is ${describe(m['seed'])}; expected an integer`);
  obj(m['options'] ?? {}, 'options');
  const training = obj(m['training'], 'training');
  num(training['rows'], 'training.rows');
  str(training['fingerprint'], 'training.fingerprint');

  if (method === 'gmm') {
    const g = obj(m['gmm'], 'gmm (a gmm model needs its mixture)');
    const cov = oneOf(g['covariance'], 'gmm.covariance', ['full', 'diag'] as const);
    arr(g['weights'], 'gmm.weights', k).forEach((w, j) => positive(w, `gmm.weights[${j}]`));
    arr(g['means'], 'gmm.means', k).forEach((mu, j) => vector(mu, `gmm.means[${j}]`, width));
    arr(g['covariances'], 'gmm.covariances', k).forEach((c, j) => {
      if (cov === 'diag')
        return arr(c, `gmm.covariances[${j}]`, 1).forEach((row, r) =>
          arr(row, `gmm.covariances[${j}][${r}]`, width).forEach((v, t) => positive(v, `gmm.covariances[${j}][${r}][${t}]`)),
        );
      arr(c, `gmm.covariances[${j}]`, width).forEach((row, r) => vector(row, `gmm.covariances[${j}][${r}]`, width));
    });
  }
  if (method === 'kprototypes') {
    const kp = obj(m['kprototypes'], 'kprototypes (a kprototypes model needs its prototypes)');
    num(kp['gamma'], 'kprototypes.gamma');
    const layout = obj(kp['layout'], 'kprototypes.layout');
    const numeric = arr(layout['numericColumns'], 'kprototypes.layout.numericColumns').map((c, i) =>
      columnIndex(c, `kprototypes.layout.numericColumns[${i}]`, width, fail),
    );
    const blocks = arr(layout['categoryBlocks'], 'kprototypes.layout.categoryBlocks').map((b, i) => {
      const block = obj(b, `kprototypes.layout.categoryBlocks[${i}]`);
      columnIndex(block['start'], `kprototypes.layout.categoryBlocks[${i}].start`, width, fail);
      return vector(
        block['thresholds'],
        `kprototypes.layout.categoryBlocks[${i}].thresholds`,
        arr(block['thresholds'], `kprototypes.layout.categoryBlocks[${i}].thresholds`).length,
      ).length;
    });
    arr(kp['numeric'], 'kprototypes.numeric', k).forEach((p, j) => vector(p, `kprototypes.numeric[${j}]`, numeric.length));
    arr(kp['categorical'], 'kprototypes.categorical', k).forEach((p, j) => {
      const at = `kprototypes.categorical[${j}]`;
      arr(p, at, blocks.length).forEach((level, b) => {
        const v = num(level, `${at}[${b}]`);
        if (!Number.isInteger(v) || v < 0 || v >= blocks[b]!) fail(`${at}[${b}]`, `is ${v}; expected a level index from 0 to ${blocks[b]! - 1}`);
      });
    });
  }
  if (method === 'bisecting' && m['bisecting'] !== undefined) {
    const nodes = arr(obj(m['bisecting'], 'bisecting')['nodes'], 'bisecting.nodes');
    nodes.forEach((raw, i) => {
      const at = `bisecting.nodes[${i}]`;
      const node = obj(raw, at);
      vector(node['center'], `${at}.center`, width);
      if (node['segment'] !== undefined) {
        if (!Number.isInteger(node['segment']) || (node['segment'] as number) < 0 || (node['segment'] as number) >= k)
          fail(`${at}.segment`, `is ${describe(node['segment'])}; expected a segment position from 0 to ${k - 1}`);
      } else
        for (const side of ['left', 'right'])
          // Children come after their parent (depth-first order), so descending always ends.
          if (!Number.isInteger(node[side]) || (node[side] as number) <= i || (node[side] as number) >= nodes.length)
            fail(`${at}.${side}`, `is ${describe(node[side])}; expected a later node (from ${i + 1} to ${nodes.length - 1}) or a segment`);
    });
  }
  if (method === 'hierarchical' && m['linkage'] !== undefined) oneOf(m['linkage'], 'linkage', ['ward', 'complete', 'average', 'single'] as const);
  return value as SegmentaModel;
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
