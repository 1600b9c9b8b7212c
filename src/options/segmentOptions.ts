import { UsageError } from '../util/errors.js';

/** One entry of labels.json: a label, or a label with unit, direction and level names. */
export type LabelSpec =
  string | { readonly label?: string; readonly unit?: string; readonly better?: 'higher' | 'lower'; readonly levels?: Readonly<Record<string, string>> };

/** labels.json: column name → LabelSpec. */
export type LabelMap = Readonly<Record<string, LabelSpec>>;

/** A segment size limit as given: a number of customers, or a share of them written "15%". */
export type SizeLimit = number | `${number}%`;

/** Ways to scale the preprocessed columns. */
export const SCALING_KINDS = ['standard', 'robust', 'minmax', 'none'] as const;
/** Clustering methods. */
export const CLUSTER_METHODS = ['kmeans', 'hierarchical', 'gmm', 'kprototypes', 'bisecting'] as const;
/** A clustering method's name. */
export type ClusterMethodName = (typeof CLUSTER_METHODS)[number];
/** Which segment bisecting k-means splits next (scikit-learn's `bisecting_strategy`). */
export const BISECTING_STRATEGIES = ['biggest_inertia', 'largest_cluster'] as const;
/** Linkages of hierarchical clustering. */
export const LINKAGE_METHODS = ['ward', 'complete', 'average', 'single'] as const;
/** Covariance shapes of Gaussian mixtures. */
export const COVARIANCE_TYPES = ['full', 'diag'] as const;
/** k-means algorithms ("auto" picks per data shape). */
export const KMEANS_ALGORITHMS = ['auto', 'lloyd', 'hamerly', 'elkan'] as const;
/** How missing numbers are filled. */
export const IMPUTE_KINDS = ['median', 'mean'] as const;
/** Whether outliers are clipped before scaling. */
export const CLIP_KINDS = ['none', 'auto'] as const;
/** Where categorical and flag columns the user did not name go: described beside the segments, or into the distance. */
export const CATEGORY_USES = ['context', 'features'] as const;

/** The options that have a default, with their types. */
export interface OptionDefaults {
  readonly method: (typeof CLUSTER_METHODS)[number];
  readonly linkage: (typeof LINKAGE_METHODS)[number];
  readonly covariance: (typeof COVARIANCE_TYPES)[number];
  readonly bisectingStrategy: (typeof BISECTING_STRATEGIES)[number];
  readonly k: number | 'auto';
  readonly kMin: number;
  readonly kMax: number;
  readonly scale: (typeof SCALING_KINDS)[number];
  readonly log: 'none' | 'auto' | readonly string[];
  readonly impute: (typeof IMPUTE_KINDS)[number];
  readonly clip: (typeof CLIP_KINDS)[number];
  /** Categorical and flag columns not named by the user: `context` (described, not clustered on) or `features`; k-prototypes always uses them. */
  readonly categories: (typeof CATEGORY_USES)[number];
  readonly seed: number;
  readonly nInit: number | 'auto';
  readonly maxIter: number;
  readonly tol: number;
  readonly algorithm: (typeof KMEANS_ALGORITHMS)[number];
  readonly sweepSampleSize: number;
  readonly rareLevelShare: number;
  readonly maxLevels: number;
  readonly balanceCategories: boolean;
  readonly silhouetteSampleSize: number;
  readonly gapReferences: number;
  readonly gapSampleSize: number;
  readonly strengthSplits: number;
  /** Depth of each segment's rule tree (levels of conditions). */
  readonly rulesDepth: number;
  /** Share of customers flagged unusual: the farthest from their segment's centre, relative to its typical member. */
  readonly contamination: number;
}

/**
 * Every default of a segmentation, spelled once: the library, the CLI, the studio and the database path all
 * read them from here.
 */
export const OPTION_DEFAULTS: OptionDefaults = Object.freeze({
  method: 'kmeans',
  linkage: 'ward',
  covariance: 'full',
  bisectingStrategy: 'biggest_inertia',
  k: 'auto',
  kMin: 2,
  kMax: 10,
  scale: 'standard',
  log: 'none',
  impute: 'median',
  clip: 'none',
  categories: 'context',
  seed: 0,
  nInit: 'auto',
  maxIter: 300,
  tol: 1e-4,
  algorithm: 'auto',
  sweepSampleSize: 200_000,
  rareLevelShare: 0.01,
  maxLevels: 20,
  balanceCategories: true,
  silhouetteSampleSize: 5_000,
  gapReferences: 10,
  gapSampleSize: 2_000,
  strengthSplits: 10,
  rulesDepth: 3,
  contamination: 0.01,
});

/** The options the table below declares, as the library takes them (all optional). */
export type DeclaredOptions = Partial<OptionDefaults> & {
  readonly gamma?: number;
  readonly stability?: number | 'off';
  /** Feature columns (default: every usable column but identifiers). */
  readonly features?: readonly string[];
  /** Columns to leave out. */
  readonly exclude?: readonly string[];
  /** Columns to treat as categories (codes), whatever the role rule says (see `columnRole`). */
  readonly categorical?: readonly string[];
  /** Number columns to treat as measurements, never as codes or flags. */
  readonly numeric?: readonly string[];
  /** Column labels, units and level names for names, descriptions, tables and charts (labels.json). */
  readonly labels?: LabelMap;
  /** The key column (default: detected). */
  readonly id?: string;
  readonly threads?: number;
  /** k-means only: every segment holds at least this many customers (a count, or a share "15%"). */
  readonly minSize?: SizeLimit;
  /** k-means only: every segment holds at most this many customers (a count, or a share "40%"). */
  readonly maxSize?: SizeLimit;
};

/** One declared option: its library name, its CLI flag, the default as the README's options table shows it, and its check. */
export interface OptionSpec {
  readonly name: keyof DeclaredOptions;
  /** The CLI flag without dashes, or null when the CLI has none. */
  readonly flag: string | null;
  /** The README's default column when it is not the default itself (no default: "detected", "none", …). */
  readonly readmeDefault?: string;
  /** What a value must be, as "expected …" text, or null when `value` is fine. `all` holds the other options. */
  readonly check: (value: unknown, all: DeclaredOptions) => string | null;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const oneOf =
  (values: readonly string[]) =>
  (v: unknown): string | null =>
    typeof v === 'string' && values.includes(v) ? null : values.join(', ');
const intAtLeast =
  (min: number, text = `an integer ≥ ${min}`) =>
  (v: unknown): string | null =>
    isInt(v) && v >= min ? null : text;
const sizeLimit = (v: unknown): string | null =>
  (isInt(v) && v >= 1) || (typeof v === 'string' && /^\d+(\.\d+)?%$/.test(v) && Number(v.slice(0, -1)) > 0 && Number(v.slice(0, -1)) <= 100)
    ? null
    : 'a number of customers such as 30, or a share such as 15%';
const names = (v: unknown): boolean => Array.isArray(v) && v.every((s) => typeof s === 'string');

/**
 * The declared options, in the spirit of scikit-learn's `_parameter_constraints`: each option's check and
 * default live here and nowhere else. O(1).
 */
export const OPTION_SPECS: readonly OptionSpec[] = [
  { name: 'features', flag: 'features', readmeDefault: 'every usable column', check: (v) => (names(v) ? null : 'a list of column names') },
  { name: 'exclude', flag: 'exclude', readmeDefault: 'none', check: (v) => (names(v) ? null : 'a list of column names') },
  { name: 'categorical', flag: 'categorical', readmeDefault: 'detected', check: (v) => (names(v) ? null : 'a list of column names') },
  { name: 'numeric', flag: 'numeric', readmeDefault: 'detected', check: (v) => (names(v) ? null : 'a list of column names') },
  {
    name: 'labels',
    flag: 'labels',
    readmeDefault: 'from the names',
    check: (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? null : 'an object of column name → label'),
  },
  { name: 'id', flag: 'id', readmeDefault: 'detected', check: (v) => (typeof v === 'string' && v !== '' ? null : 'a column name') },
  { name: 'method', flag: 'method', check: oneOf(CLUSTER_METHODS) },
  { name: 'linkage', flag: 'linkage', check: oneOf(LINKAGE_METHODS) },
  { name: 'covariance', flag: 'covariance', check: oneOf(COVARIANCE_TYPES) },
  { name: 'bisectingStrategy', flag: 'bisecting-strategy', check: oneOf(BISECTING_STRATEGIES) },
  { name: 'gamma', flag: 'gamma', readmeDefault: "Huang's", check: (v) => (typeof v === 'number' && v >= 0 ? null : 'a number ≥ 0') },
  { name: 'k', flag: 'k', check: (v) => (v === 'auto' || (isInt(v) && v >= 2) ? null : 'an integer ≥ 2 or "auto"') },
  { name: 'kMin', flag: 'k-min', check: intAtLeast(2) },
  { name: 'kMax', flag: 'k-max', check: (v, all) => intAtLeast(all.kMin ?? OPTION_DEFAULTS.kMin)(v) },
  { name: 'scale', flag: 'scale', check: oneOf(SCALING_KINDS) },
  { name: 'log', flag: 'log', check: (v) => (v === 'none' || v === 'auto' || names(v) ? null : 'none, auto or column names') },
  { name: 'impute', flag: 'impute', check: oneOf(IMPUTE_KINDS) },
  { name: 'clip', flag: 'clip', check: oneOf(CLIP_KINDS) },
  { name: 'categories', flag: 'categories', check: oneOf(CATEGORY_USES) },
  { name: 'seed', flag: 'seed', check: (v) => (isInt(v) ? null : 'an integer') },
  {
    name: 'nInit',
    flag: 'n-init',
    check: (v) => (v === 'auto' || (isInt(v) && v >= 1 && v <= 10_000) ? null : 'an integer from 1 to 10,000, or "auto"'),
  },
  { name: 'maxIter', flag: 'max-iter', check: intAtLeast(1) },
  { name: 'tol', flag: null, check: (v) => (typeof v === 'number' && v >= 0 ? null : 'a number ≥ 0') },
  { name: 'algorithm', flag: 'algorithm', check: oneOf(KMEANS_ALGORITHMS) },
  { name: 'sweepSampleSize', flag: 'sample-size', check: intAtLeast(1000) },
  { name: 'threads', flag: 'threads', readmeDefault: 'every core', check: intAtLeast(1) },
  {
    name: 'stability',
    flag: 'stability',
    readmeDefault: '`20` (k-means)',
    check: (v) => (v === 'off' || (isInt(v) && v >= 1 && v <= 1000) ? null : 'a number of resamples from 1 to 1,000, or off'),
  },
  { name: 'rareLevelShare', flag: null, check: (v) => (typeof v === 'number' && v >= 0 && v < 1 ? null : 'a share from 0 to 1') },
  { name: 'maxLevels', flag: null, check: intAtLeast(1) },
  { name: 'balanceCategories', flag: null, check: (v) => (typeof v === 'boolean' ? null : 'true or false') },
  { name: 'silhouetteSampleSize', flag: null, check: intAtLeast(2) },
  { name: 'gapReferences', flag: null, check: intAtLeast(1) },
  { name: 'gapSampleSize', flag: null, check: intAtLeast(2) },
  { name: 'strengthSplits', flag: null, check: intAtLeast(1) },
  { name: 'minSize', flag: 'min-size', readmeDefault: 'none', check: sizeLimit },
  { name: 'maxSize', flag: 'max-size', readmeDefault: 'none', check: sizeLimit },
  { name: 'rulesDepth', flag: 'rules-depth', check: (v) => (isInt(v) && v >= 1 && v <= 8 ? null : 'an integer from 1 to 8') },
  {
    name: 'contamination',
    flag: 'contamination',
    readmeDefault: '1%',
    check: (v) => (typeof v === 'number' && v > 0 && v < 0.5 ? null : 'a share above 0 and below 0.5, e.g. 0.01 or 1%'),
  },
];

/** Options with every default filled in, checked and frozen. */
export type ResolvedOptions<T extends DeclaredOptions> = Readonly<T & OptionDefaults>;

/**
 * Checks every declared option that is set and returns one frozen object with the defaults filled in. A bad
 * value is a UsageError naming it as the caller knows it: the library name (`kMax`) or, with `naming`
 * "flag", the CLI flag (`--k-max`). Other fields (callbacks, a baseline) pass through. O(options).
 */
export function resolveSegmentOptions<T extends DeclaredOptions>(options: T, naming: 'option' | 'flag' = 'option'): ResolvedOptions<T> {
  for (const spec of OPTION_SPECS) {
    const value = options[spec.name];
    if (value === undefined) continue;
    const expected = spec.check(value, options);
    if (expected !== null) throw new UsageError(`invalid ${optionLabel(spec, naming)}: ${shown(value)} (expected ${expected})`);
  }
  return Object.freeze({ ...OPTION_DEFAULTS, ...definedOnly(options) }) as ResolvedOptions<T>;
}

/** The fields of an options object that are set (undefined ones would hide a default when spread). */
export function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Checks one option (for functions the library also offers on their own, such as fitPipeline). */
export function checkOption(name: keyof DeclaredOptions, value: unknown): void {
  const spec = OPTION_SPECS.find((s) => s.name === name)!;
  const expected = value === undefined ? null : spec.check(value, {});
  if (expected !== null) throw new UsageError(`invalid ${name}: ${shown(value)} (expected ${expected})`);
}

/** The default as the README's options table shows it: `auto` for names, 200,000 for numbers. */
export function readmeDefault(spec: OptionSpec): string {
  if (spec.readmeDefault !== undefined) return spec.readmeDefault;
  const value = (OPTION_DEFAULTS as unknown as Record<string, unknown>)[spec.name];
  return typeof value === 'number' ? value.toLocaleString('en-US') : `\`${String(value)}\``;
}

function optionLabel(spec: OptionSpec, naming: 'option' | 'flag'): string {
  return naming === 'flag' && spec.flag ? `--${spec.flag}` : spec.name;
}

function shown(v: unknown): string {
  return Array.isArray(v) ? v.join(',') : String(v);
}
