import {
  anyInteger,
  choice,
  columnList,
  columnName,
  labelsFile,
  numberAtLeast,
  share,
  sizeLimit,
  wholeNumber,
  wholeNumberOr,
  wordsOrColumns,
  yesNo,
  type OptionKind,
} from './optionKinds.js';
import {
  BISECTING_STRATEGIES,
  CATEGORY_USES,
  CLIP_KINDS,
  CLUSTER_METHODS,
  COVARIANCE_TYPES,
  IMPUTE_KINDS,
  KMEANS_ALGORITHMS,
  LINKAGE_METHODS,
  SCALING_KINDS,
  type DeclaredOptions,
  type OptionName,
} from './optionTypes.js';

/** Where an option is shown in `--help` and the options table. */
export type OptionGroup = 'Columns' | 'Method' | 'Number of segments' | 'Preprocessing' | 'k-means' | 'Segments';
/** The groups in the order help and docs show them. */
export const OPTION_GROUPS: readonly OptionGroup[] = ['Columns', 'Method', 'Number of segments', 'Preprocessing', 'k-means', 'Segments'];

/** How the studio offers an option: a control in Setup or in Choose k. */
export interface StudioControl {
  /** The element's id in the page. */
  readonly id: string;
  /** The control's label, also how the studio names the option in an error. */
  readonly label: string;
  /** The studio's panel. */
  readonly panel: 'Setup' | 'Choose k';
  /** A tighter upper bound than the library's (the studio's k sweep stays interactive). */
  readonly max?: number;
  /** Shown only while another option has this value (the linkage of hierarchical clustering). */
  readonly when?: { readonly option: OptionName; readonly is: string };
  /** The words a drop-down shows for each value (the value itself where absent). */
  readonly choices?: Readonly<Record<string, string>>;
  /** A line under the control. */
  readonly hint?: string;
}

/**
 * One declared option, the single place that spells it: its kind (what a value is), default, one-line doc,
 * CLI flag, studio control, and whether model.json records it. The CLI parser and `--help`, the docs' and
 * docs options tables, the studio's request schema and controls, and the model's recorded options are all
 * derived from these entries (see docs/architecture.md, "An option").
 */
export interface OptionSpec<N extends OptionName = OptionName> {
  readonly name: N;
  readonly kind: OptionKind;
  /** The default; absent when there is none (detected from the data, or off). */
  readonly default?: DeclaredOptions[N];
  /** The default as help and tables show it when it is not the default itself ("detected", "every core"). */
  readonly shownDefault?: string;
  /** The CLI flag without dashes, or null for a library-only option. */
  readonly flag: string | null;
  /** What it does, in one line (help, tables, the studio's hint). */
  readonly doc: string;
  /** More for the options table: how it works, where to read on. */
  readonly more?: string;
  readonly group: OptionGroup;
  /** Whether model.json records the option: when it was given, or always (its default when not given). */
  readonly recorded: boolean | 'always';
  readonly studio?: StudioControl;
  /** How the studio says "set this option (to v)" where a message names the CLI flag; "omit" drops the mention. */
  readonly studioSays?: ((value: string | undefined) => string) | 'omit';
  /** A constraint beyond the kind that depends on other options (kMax ≥ kMin): "expected …" text or null. */
  readonly check?: (value: unknown, all: DeclaredOptions) => string | null;
}

/** A typed entry: its default must be a value of its option. */
const option = <N extends OptionName>(spec: OptionSpec<N>): OptionSpec<N> => spec;
const unquoted = (v: string): string => (/^'.*'$/.test(v) ? v.slice(1, -1).replaceAll("'\\''", "'") : v.replace(/^"(.*)"$/, '$1'));

/**
 * Every option of a segmentation, in the spirit of scikit-learn's `_parameter_constraints`. The order is
 * the order model.json records them in.
 */
export const OPTION_SPECS: ReadonlyArray<OptionSpec> = [
  option({
    name: 'method',
    kind: choice(CLUSTER_METHODS),
    default: 'kmeans',
    flag: 'method',
    group: 'Method',
    recorded: true,
    doc: 'the clustering method',
    more: 'see *Methods*',
    studio: {
      id: 'method',
      label: 'Clustering',
      panel: 'Setup',
      choices: {
        kmeans: 'k-means (k-means++, restarts)',
        hierarchical: 'hierarchical (agglomerative)',
        gmm: 'Gaussian mixture (k by BIC)',
        kprototypes: 'k-prototypes (numbers and categories)',
        bisecting: 'bisecting k-means (a tree of splits)',
      },
      hint: 'k-prototypes needs at least one category among the features; hierarchical clustering keeps every pair distance in memory (fine up to about 20,000 customers).',
    },
  }),
  option({
    name: 'linkage',
    kind: choice(LINKAGE_METHODS),
    default: 'ward',
    flag: 'linkage',
    group: 'Method',
    recorded: true,
    doc: 'hierarchical: how segments are merged',
    studio: {
      id: 'linkage',
      label: 'Linkage',
      panel: 'Setup',
      when: { option: 'method', is: 'hierarchical' },
      choices: { ward: 'Ward (compact, even segments)', single: 'single (chains)' },
    },
  }),
  option({
    name: 'covariance',
    kind: choice(COVARIANCE_TYPES),
    default: 'full',
    flag: 'covariance',
    group: 'Method',
    recorded: true,
    doc: 'gmm: the shape of each component',
  }),
  option({
    name: 'bisectingStrategy',
    kind: choice(BISECTING_STRATEGIES),
    default: 'biggest_inertia',
    flag: 'bisecting-strategy',
    group: 'Method',
    recorded: true,
    doc: "bisecting: which segment is split next (scikit-learn's `bisecting_strategy`)",
  }),
  option({
    name: 'gamma',
    kind: numberAtLeast(0),
    shownDefault: "Huang's",
    flag: 'gamma',
    group: 'Method',
    recorded: true,
    doc: 'kprototypes: weight of one categorical mismatch',
  }),
  option({
    name: 'features',
    kind: columnList(),
    shownDefault: 'every usable column',
    flag: 'features',
    group: 'Columns',
    recorded: true,
    doc: 'feature columns',
    more: 'an unknown name is refused with the closest match',
    studio: { id: 'features', label: 'Features', panel: 'Setup' },
    studioSays: (v) => (v === undefined ? 'the features in Setup' : `ticking only ${unquoted(v).split(',').join(', ')} among the features in Setup`),
  }),
  option({
    name: 'exclude',
    kind: columnList(),
    shownDefault: 'none',
    flag: 'exclude',
    group: 'Columns',
    recorded: true,
    doc: 'columns to leave out',
    studioSays: (v) => (v === undefined ? 'untick that column among the features in Setup' : `untick "${unquoted(v)}" among the features in Setup`),
  }),
  option({
    name: 'categorical',
    kind: columnList(),
    shownDefault: 'detected',
    flag: 'categorical',
    group: 'Columns',
    recorded: true,
    doc: 'columns to treat as categories (codes such as Region 1/2/3), whatever the role rule says',
    more: 'see *Column roles*; a column named here is clustered on',
  }),
  option({
    name: 'numeric',
    kind: columnList(),
    shownDefault: 'detected',
    flag: 'numeric',
    group: 'Columns',
    recorded: true,
    doc: 'number columns to treat as measurements, never as codes',
  }),
  option({
    name: 'categories',
    kind: choice(CATEGORY_USES),
    default: 'context',
    flag: 'categories',
    group: 'Columns',
    recorded: false,
    doc: 'categorical and flag columns not named elsewhere: described on every segment (context) or clustered on (features)',
    more: '`context` describes them without clustering on them (when at least two number columns are features); `features` one-hot encodes them into the distance, each weighing one numeric column. k-prototypes always uses them (see *Categories describe, numbers form*)',
  }),
  option({
    name: 'labels',
    kind: labelsFile(),
    shownDefault: 'from the names',
    flag: 'labels',
    group: 'Columns',
    recorded: true,
    doc: 'a labels.json: column → label, unit, `better` and level names, for names, descriptions, tables and the report',
    more: 'see *Readable labels*',
    studio: { id: 'labels', label: 'Labels', panel: 'Setup', hint: 'edited column by column in the Setup view, downloadable as labels.json' },
  }),
  option({
    name: 'id',
    kind: columnName(),
    shownDefault: 'detected',
    flag: 'id',
    group: 'Columns',
    recorded: true,
    doc: 'the customer key column',
    more: 'detected: a column named like an id (`CustomerID`, `CUST_ID`, `ID`) that is unique per row, else a text column unique per row, else row numbers. Key and id-named columns are never features',
  }),
  option({
    name: 'k',
    kind: wholeNumberOr('auto', 2, Infinity, 'an integer ≥ 2 or "auto"'),
    default: 'auto',
    flag: 'k',
    group: 'Number of segments',
    recorded: 'always',
    doc: 'number of segments; auto: the vote of six criteria (gmm: lowest BIC)',
    more: 'see *How k is chosen*',
    studio: { id: 'k', label: 'Number of segments', panel: 'Choose k', max: 50 },
    studioSays: (v) => (v === undefined || v === 'N' ? 'pick them in Choose k' : `pick k = ${v} in Choose k`),
  }),
  option({ name: 'kMin', kind: wholeNumber(2), default: 2, flag: 'k-min', group: 'Number of segments', recorded: true, doc: 'the smallest k tried' }),
  option({
    name: 'kMax',
    kind: wholeNumber(2),
    default: 10,
    flag: 'k-max',
    group: 'Number of segments',
    recorded: true,
    doc: 'the largest k tried',
    check: (v, all) => wholeNumber(all.kMin ?? 2).check(v),
    studio: { id: 'kmax', label: 'Largest k to try', panel: 'Setup', max: 20 },
    studioSays: (v) => `a largest k of ${v ?? 'more'} in Setup`,
  }),
  option({
    name: 'scale',
    kind: choice(SCALING_KINDS),
    default: 'standard',
    flag: 'scale',
    group: 'Preprocessing',
    recorded: true,
    doc: 'standard (mean 0, population sd 1, as scikit-learn), robust (median, IQR), minmax or none',
    studio: {
      id: 'scale',
      label: 'Scaling',
      panel: 'Setup',
      choices: { standard: 'standard (mean 0, sd 1)', robust: 'robust (median, IQR)', minmax: 'min–max (0 to 1)' },
    },
  }),
  option({
    name: 'log',
    kind: wordsOrColumns(['none', 'auto']),
    default: 'none',
    flag: 'log',
    group: 'Preprocessing',
    recorded: true,
    doc: '`log1p` of skewed money columns',
    more: '`auto` takes non-negative columns with skewness > 1 and > 10 distinct values',
    studio: { id: 'log', label: 'Log transform', panel: 'Setup', choices: { auto: 'log1p of skewed non-negative columns' } },
  }),
  option({
    name: 'impute',
    kind: choice(IMPUTE_KINDS),
    default: 'median',
    flag: 'impute',
    group: 'Preprocessing',
    recorded: true,
    doc: 'missing numbers get the median or the mean (categories: the most frequent level)',
    studio: {
      id: 'impute',
      label: 'Missing numbers',
      panel: 'Setup',
      choices: { median: 'fill with the median', mean: 'fill with the mean' },
      hint: 'Missing categories get the most frequent level. Categories are one-hot encoded (rare levels grouped as "other") and weigh as one feature.',
    },
  }),
  option({
    name: 'clip',
    kind: choice(CLIP_KINDS),
    default: 'none',
    flag: 'clip',
    group: 'Preprocessing',
    recorded: true,
    doc: 'auto: winsorize numbers at the outlier fences (quartiles ∓ 3 × IQR) before log and scaling',
    more: 'the bounds are stored in `model.json` and replayed by `predict`; the summary and the report say how many values moved (files only, not `--db`)',
  }),
  option({
    name: 'seed',
    kind: anyInteger(),
    default: 0,
    flag: 'seed',
    group: 'k-means',
    recorded: false,
    doc: 'random seed: the same data and seed give byte-identical `segments.csv` and `summary.json`',
  }),
  option({
    name: 'nInit',
    kind: wholeNumberOr('auto', 1, 10_000, 'an integer from 1 to 10,000, or "auto"'),
    default: 'auto',
    flag: 'n-init',
    group: 'k-means',
    recorded: true,
    doc: 'k-means restarts; auto: clamp(⌈200,000 / (n·k)⌉, 10, 100), so small data gets up to 100 restarts',
  }),
  option({ name: 'maxIter', kind: wholeNumber(1), default: 300, flag: 'max-iter', group: 'k-means', recorded: true, doc: 'iterations per k-means run' }),
  option({
    name: 'tol',
    kind: numberAtLeast(0),
    default: 1e-4,
    flag: null,
    group: 'k-means',
    recorded: true,
    doc: "k-means stops when the centres move less than this (relative to the data's variance, as scikit-learn)",
  }),
  option({
    name: 'algorithm',
    kind: choice(KMEANS_ALGORITHMS),
    default: 'auto',
    flag: 'algorithm',
    group: 'k-means',
    recorded: true,
    doc: 'lloyd, hamerly or elkan (both exact: the same assignments as Lloyd); auto: Hamerly, Elkan for k ≥ 12 with ≥ 16 columns, Lloyd above 50 columns',
  }),
  option({
    name: 'sweepSampleSize',
    kind: wholeNumber(1000),
    default: 200_000,
    flag: 'sample-size',
    group: 'k-means',
    recorded: false,
    doc: 'above this many rows k is chosen on a seeded sample of N rows, then the centres are refined on all rows',
  }),
  option({
    name: 'threads',
    kind: wholeNumber(1),
    shownDefault: 'every core',
    flag: 'threads',
    group: 'k-means',
    recorded: false,
    doc: 'threads for k-means (also `SEGMENTA_THREADS`); the segments are the same bytes on any number of threads',
    more: 'restarts, and the k-means++ seeding and the Lloyd/Hamerly/Elkan passes of one large fit',
  }),
  option({
    name: 'stability',
    kind: wholeNumberOr('off', 1, 1000, 'a number of resamples from 1 to 1,000, or off'),
    shownDefault: '20 for k-means, off for the others',
    flag: 'stability',
    group: 'Segments',
    recorded: false,
    doc: "bootstrap resamples for each segment's stability (R's `fpc::clusterboot`)",
    more: "the mean Jaccard similarity to its best match when the customers are resampled (boot scheme), with the resamples it dissolved in (≤ 0.5) and fpc's words: < 0.6 not stable, 0.6–0.75 doubtful, 0.75–0.85 stable, ≥ 0.85 highly stable. On the k-sweep's sample above `--sample-size` rows; in `summary.json` (`segments[i].stability`), the table and the report's cards",
  }),
  option({
    name: 'rareLevelShare',
    kind: share(0, 1, 'a share from 0 to 1', true),
    default: 0.01,
    flag: null,
    group: 'Preprocessing',
    recorded: false,
    doc: 'category levels rarer than this share are pooled into "other"',
  }),
  option({
    name: 'maxLevels',
    kind: wholeNumber(1),
    default: 20,
    flag: null,
    group: 'Preprocessing',
    recorded: false,
    doc: 'at most this many levels of a category are kept (the rest pooled)',
  }),
  option({
    name: 'balanceCategories',
    kind: yesNo(),
    default: true,
    flag: null,
    group: 'Preprocessing',
    recorded: false,
    doc: 'one-hot columns are scaled so a category weighs as much as one numeric column',
  }),
  option({
    name: 'silhouetteSampleSize',
    kind: wholeNumber(2),
    default: 5_000,
    flag: null,
    group: 'Number of segments',
    recorded: false,
    doc: 'rows the silhouette of each k is computed on',
  }),
  option({
    name: 'gapReferences',
    kind: wholeNumber(1),
    default: 10,
    flag: null,
    group: 'Number of segments',
    recorded: false,
    doc: 'uniform reference sets of the gap statistic',
  }),
  option({
    name: 'gapSampleSize',
    kind: wholeNumber(2),
    default: 2_000,
    flag: null,
    group: 'Number of segments',
    recorded: false,
    doc: 'rows the gap statistic is computed on',
  }),
  option({
    name: 'strengthSplits',
    kind: wholeNumber(1),
    default: 10,
    flag: null,
    group: 'Number of segments',
    recorded: false,
    doc: 'random halvings of the prediction strength (reproducibility)',
  }),
  option({
    name: 'rulesDepth',
    kind: wholeNumber(1, 8),
    default: 3,
    flag: 'rules-depth',
    group: 'Segments',
    recorded: true,
    doc: "levels of each segment's rule tree (1–8): deeper rules fit the segment more closely and read less easily",
    more: 'see *Who is in each segment: rules*',
  }),
  option({
    name: 'contamination',
    kind: share(0, 0.5, 'a share above 0 and below 0.5, e.g. 0.01 or 1%'),
    default: 0.01,
    shownDefault: '1%',
    flag: 'contamination',
    group: 'Segments',
    recorded: true,
    doc: "share of customers flagged `unusual` in `segments.csv`: the farthest from their segment's centre relative to its typical member",
    more: 'see *Unusual customers*; `0.02` and `2%` both work',
    studioSays: 'omit',
  }),
  option({
    name: 'minSize',
    kind: sizeLimit(),
    shownDefault: 'none',
    flag: 'min-size',
    group: 'Segments',
    recorded: true,
    doc: 'k-means only: every segment holds at least N customers or P% of them',
    more: 'size-limited k-means, see *Segment size limits*; the sweep tries only the ks that can meet them',
  }),
  option({
    name: 'maxSize',
    kind: sizeLimit(),
    shownDefault: 'none',
    flag: 'max-size',
    group: 'Segments',
    recorded: true,
    doc: 'k-means only: every segment holds at most N customers or P% of them',
  }),
];

/** The declared option of a name. */
export function specOf(name: OptionName, specs: ReadonlyArray<OptionSpec> = OPTION_SPECS): OptionSpec {
  const spec = specs.find((s) => s.name === name);
  if (!spec) throw new Error(`no option ${name} is declared`);
  return spec;
}
