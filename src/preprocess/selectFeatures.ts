import type { KeyChoice } from '../data/detectKey.js';
import type { Column, Table } from '../data/table.js';
import { closestName } from '../util/closestName.js';
import { DataError, UsageError } from '../util/errors.js';
import { nameTokens } from '../data/detectKey.js';
import { columnRole, roleFacts, type ColumnRole, type RoleDecision, type RoleFacts } from './columnRoles.js';
import { mention } from '../options/optionMentions.js';

/** Which columns become features, and why others were left out. */
export interface FeatureSelection {
  readonly columns: readonly Column[];
  readonly dropped: ReadonlyArray<{ column: string; reason: string }>;
  /** Usable columns kept out of the distance and described beside the segments (categories, flags, class labels), with why. */
  readonly context: ReadonlyArray<{ column: string; reason: string }>;
  /** The role of every column but the key and identifiers (features or not), in table order. */
  readonly roles: readonly RoleDecision[];
}

/** Columns whose role the user states (`--categorical`, `--numeric`), and where categories go by default. */
export interface RoleOverrides {
  readonly categorical?: readonly string[] | undefined;
  readonly numeric?: readonly string[] | undefined;
  /**
   * Categorical and flag columns not named by the user: `context` (default) describes them on every segment
   * without using them in the distance, when at least two number columns are features; `features` one-hot
   * encodes them into the distance, each weighing one numeric column (see docs/decisions.md, issue 29).
   */
  readonly categories?: CategoryUse | undefined;
}

/** Where categorical and flag columns go when the user did not name them (see `RoleOverrides.categories`). */
export type CategoryUse = 'context' | 'features';

/** Where a method puts the categories the user did not name: k-prototypes is made for them, so always `features`. */
export function categoryUse(o: { readonly method?: string | undefined; readonly categories?: CategoryUse | undefined }): CategoryUse {
  return o.method === 'kprototypes' ? 'features' : (o.categories ?? 'context');
}

/** Name words of a column that holds a known answer (a class, a label, a previous segmentation), not a trait. */
const LABEL_WORDS: readonly string[] = ['class', 'species', 'label', 'target', 'cluster', 'segment', 'segmentation'];

/** Categories with more distinct values than this (and than half the rows) are treated as free text. */
const MAX_CATEGORY_LEVELS = 50;

/**
 * Chooses the feature columns: `features` when given (each must exist; the closest name is suggested),
 * else every column that is not an identifier, less `exclude`. Refuses feature columns holding text among
 * numbers or NaN/Infinity (naming row and value). Drops, with a reason, all-missing and constant columns,
 * dates and free-text columns unless asked for by name (an asked-for all-missing column is an error).
 */
export function selectFeatures(
  table: Table,
  key: KeyChoice,
  features?: readonly string[],
  exclude: readonly string[] = [],
  overrides: RoleOverrides = {},
): FeatureSelection {
  const file = table.source?.path ?? 'the data';
  return chooseFeatures(table.columns, {
    key,
    features,
    exclude,
    ...overrides,
    rows: table.rowCount,
    source: file,
    candidate: (c) => {
      if (c.kind === 'number' && c.invalid) {
        throw new DataError(
          `${file}: column "${c.name}" row ${c.invalid.row + 1} holds ${c.invalid.text}, which is not a usable number${c.invalid.reason ? ` (${c.invalid.reason})` : '; replace it with a number or leave the cell empty'}`,
        );
      }
      if (c.kind === 'string' && c.textInNumbers) {
        const t = c.textInNumbers;
        throw new DataError(
          `${file}: column "${c.name}" holds numbers but row ${t.row + 1} is "${t.text}"; fix that cell (or leave it empty), or leave the column out (${mention('exclude', c.name)})`,
        );
      }
      return {
        name: c.name,
        kind: c.kind,
        present: () => presentCount(c),
        constant: () => isConstant(c),
        levels: () => new Set((c.values as ReadonlyArray<string | null>).filter((v) => v !== null)).size,
      };
    },
    facts: roleFacts,
  });
}

/**
 * The feature rule of `selectFeatures` over any kind of column (file columns, database columns): `features`
 * when given (each must exist; the closest name is suggested), else every non-identifier column, less
 * `exclude`, less the columns `dropReason` leaves out; and the role of every non-identifier column by
 * `columnRole` with the user's `categorical` / `numeric`. Throws when none is left. O(columns) plus the checks.
 */
export function chooseFeatures<C extends { readonly name: string }>(
  all: readonly C[],
  o: {
    key: KeyChoice;
    features?: readonly string[] | undefined;
    exclude?: readonly string[] | undefined;
    categorical?: readonly string[] | undefined;
    numeric?: readonly string[] | undefined;
    categories?: CategoryUse | undefined;
    rows: number;
    source: string;
    candidate: (c: C) => FeatureCandidate;
    /** What the role rule needs of a column (never throws: it is asked of columns that are not features too). */
    facts: (c: C) => RoleFacts;
  },
): { columns: C[]; dropped: Array<{ column: string; reason: string }>; roles: RoleDecision[]; context: Array<{ column: string; reason: string }> } {
  const names = all.map((c) => c.name);
  const exclude = o.exclude ?? [];
  const lookup = (name: string, flag: string): C => {
    const c = all.find((col) => col.name === name);
    if (c) return c;
    const near = closestName(name, names);
    throw new DataError(`${flag} column "${name}" is not in ${o.source}${near ? `; did you mean "${near}"?` : `; columns are: ${names.join(', ')}`}`);
  };
  exclude.forEach((e) => lookup(e, '--exclude'));
  o.categorical?.forEach((e) => lookup(e, '--categorical'));
  o.numeric?.forEach((e) => lookup(e, '--numeric'));
  const both = o.categorical?.find((n) => o.numeric?.includes(n));
  if (both !== undefined) throw new UsageError(`"${both}" is named in both --categorical and --numeric; name it in one of them`);
  const explicit = o.features !== undefined && o.features.length > 0;
  if (explicit) checkAskedFeatures(o.features!, o.key, o.source);
  const candidates = explicit ? o.features!.map((f) => lookup(f, '--features')) : all.filter((c) => !o.key.identifierColumns.includes(c.name));
  const dropped: Array<{ column: string; reason: string }> = [];
  const columns: C[] = [];
  for (const c of candidates) {
    if (exclude.includes(c.name)) continue;
    const reason = dropReason(o.candidate(c), explicit, o.rows, o.source);
    if (reason) dropped.push({ column: c.name, reason });
    else columns.push(c);
  }
  const roles = all
    .filter((c) => c.name !== o.key.column && !o.key.identifierColumns.includes(c.name))
    .map((c) => {
      const facts = o.facts(c);
      if (o.numeric?.includes(c.name) && facts.kind !== 'number')
        throw new DataError(
          `--numeric column "${c.name}" of ${o.source} holds ${facts.kind === 'date' ? 'dates' : 'text'}, not numbers; leave it out of --numeric`,
        );
      return columnRole(facts, o);
    });
  if (columns.length === 0) {
    throw new DataError(
      `${o.source}: no usable feature columns${dropped.length ? ` (${dropped.map((d) => `${d.column}: ${d.reason}`).join('; ')})` : ''}; name them with --features`,
    );
  }
  const context = explicit ? [] : contextFeatures(columns, roles, o);
  const asContext = new Set(context.map((c) => c.column));
  return { columns: columns.filter((c) => !asContext.has(c.name)), dropped, roles, context };
}

/**
 * The usable columns described beside the segments rather than clustered on, when the user did not name the
 * features: columns named like a class label (LABEL_WORDS) whose values are levels or whole numbers — a known
 * answer, not a trait — and, with `categories` "context" (the default) and at least two number columns left,
 * every category, code and flag not named in `--categorical`. Never all the features. O(columns).
 */
function contextFeatures(
  columns: ReadonlyArray<{ readonly name: string }>,
  roles: readonly RoleDecision[],
  o: { categorical?: readonly string[] | undefined; categories?: CategoryUse | undefined },
): Array<{ column: string; reason: string }> {
  const roleOf = new Map(roles.map((r) => [r.column, r.role]));
  const named = (c: string): boolean => o.categorical?.includes(c) === true;
  const labels = columns
    .filter(
      (c) => !named(c.name) && roleOf.get(c.name) !== 'number' && roleOf.get(c.name) !== 'date' && nameTokens(c.name).some((w) => LABEL_WORDS.includes(w)),
    )
    .map((c) => ({ column: c.name, reason: CLASS_LABEL_REASON }));
  const rest = columns.filter((c) => !labels.some((l) => l.column === c.name));
  const numbers = rest.filter((c) => roleOf.get(c.name) === 'number').length;
  const categorical = (o.categories ?? 'context') === 'context' && numbers >= 2 ? rest.filter((c) => isCategorical(roleOf.get(c.name)) && !named(c.name)) : [];
  const context = [...labels, ...categorical.map((c) => ({ column: c.name, reason: CATEGORY_CONTEXT_REASON[roleOf.get(c.name) as 'category'] }))];
  return context.length === columns.length ? [] : context;
}

const isCategorical = (role: ColumnRole | undefined): boolean => role === 'category' || role === 'code' || role === 'flag';

/** Why a column named like a class label is not a feature. */
export const CLASS_LABEL_REASON = 'named like a class label (a known answer, not a trait); name it in --features to cluster on it';

/** Why a category, code or flag is described rather than clustered on, by role. */
const CATEGORY_CONTEXT_REASON: Record<'category' | 'code' | 'flag', string> = {
  category: 'a category: described on every segment, not used to form them (--categories features uses it)',
  code: 'a code (category): described on every segment, not used to form them (--categories features uses it)',
  flag: 'a yes/no flag: described on every segment, not used to form them (--categories features uses it)',
};

/**
 * Refuses a feature named twice (it would weigh double) and the customer key or an identifier column as a
 * feature (segments would follow the numbering of customers, not their behaviour).
 */
function checkAskedFeatures(features: readonly string[], key: KeyChoice, source: string): void {
  const seen = new Set<string>();
  for (const f of features) {
    if (seen.has(f)) throw new UsageError(`--features names "${f}" twice; name each column once (a repeated column would weigh double)`);
    seen.add(f);
    if (f === key.column)
      throw new UsageError(
        `--features names "${f}", the customer key of ${source}; a key numbers customers and says nothing about them, so it cannot be a feature (if it is not a key, say which column is with --id)`,
      );
    if (key.identifierColumns.includes(f))
      throw new UsageError(`--features names "${f}", an identifier column of ${source}; identifiers are never features (leave it out of --features)`);
  }
}

/** What the feature rule needs to know of one column (computed only when needed). */
export interface FeatureCandidate {
  readonly name: string;
  readonly kind: 'number' | 'string' | 'date' | 'other';
  present(): number;
  constant(): boolean;
  /** Distinct present values (asked of text columns only). */
  levels(): number;
}

/** Why a date column is not a feature unless asked for: the one drop reason that leaves the column usable. */
const DATE_NOT_ASKED = 'a date; name it in --features to use it as days since 1970-01-01';

/**
 * The columns described besides the features, for files and database tables alike: every column with a role
 * (so no key or identifier) that is not a feature and was not left out as unusable (all missing, constant,
 * free text, no usable kind); dates not asked for stay. In role (table) order. O(columns).
 */
export function contextColumns(
  roles: readonly RoleDecision[],
  features: ReadonlySet<string>,
  dropped: ReadonlyArray<{ column: string; reason: string }>,
): string[] {
  const unusable = new Set(dropped.filter((d) => d.reason !== DATE_NOT_ASKED).map((d) => d.column));
  return roles.map((r) => r.column).filter((c) => !features.has(c) && !unusable.has(c));
}

/**
 * Why a candidate feature is left out (all missing, constant, a date not asked for, free text), or undefined
 * when it is used. An asked-for (explicit) all-missing column is a DataError naming it. Shared by files and
 * database tables.
 */
function dropReason(c: FeatureCandidate, explicit: boolean, rows: number, source: string): string | undefined {
  if (c.kind === 'other') {
    if (explicit) throw new DataError(`${source}: column "${c.name}" is neither a number, text nor a date; choose another feature`);
    return 'neither a number, text nor a date';
  }
  if (c.present() === 0) {
    if (explicit) throw new DataError(`${source}: column "${c.name}" is empty in every row; choose another feature`);
    return 'all values missing';
  }
  if (c.constant()) return 'the same value in every row';
  if (c.kind === 'date' && !explicit) return DATE_NOT_ASKED;
  if (c.kind === 'string' && !explicit) {
    const levels = c.levels();
    if (levels > MAX_CATEGORY_LEVELS && levels > rows / 2) return `free text or an identifier (${levels} distinct values)`;
  }
  return undefined;
}

function presentCount(c: Column): number {
  if (c.kind === 'string') return c.values.reduce((s, v) => s + (v === null ? 0 : 1), 0);
  let n = 0;
  for (const v of c.values) if (!Number.isNaN(v)) n++;
  return n;
}

function isConstant(c: Column): boolean {
  let first: string | number | undefined;
  const values: ArrayLike<string | number | null> = c.values;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || (typeof v === 'number' && Number.isNaN(v))) continue;
    if (first === undefined) first = v!;
    else if (v !== first) return false;
  }
  return true;
}
