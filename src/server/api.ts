import type { dataOverview } from './dataOverview.js';
import type { ComparisonView } from './runSegmentJob.js';
import type { segmentsView } from './segmentsView.js';
import type { ChooseKView } from './chooseKView.js';
import type { LabelMap } from '../options/optionTypes.js';
import type { MembersPage } from './membersView.js';
import type { ChartDataTable } from '../charts/chartDataTable.js';
import type { RfmGroupSummary } from '../rfm/rfm.js';
import type { ClvSegment, FitReport, HoldoutCheck } from '../clv/clv.js';
import type { CalibrationFitRow } from '../clv/calibrationFit.js';
import type { ModelComparison } from '../clv/modelComparison.js';
import { PURCHASE_MODEL_CHOICES, type PurchaseModelName } from '../clv/purchaseModel.js';
import type { SessionJob } from './sessions.js';
import type { setupView } from './setupView.js';
import { studioSchema } from '../options/studioControls.js';

/*
 * The dashboard's HTTP API as types: what each request sends and each answer holds (as JSON). The server
 * builds its answers with these shapes and web/main.ts reads them through these types.
 */

/** What the studio says when every feature is unticked (a run would otherwise fall back on every column). */
export const NO_FEATURES = 'choose at least one feature: tick the columns the segments should be formed on';

/** Every refused request: HTTP 4xx/5xx with one line. */
export interface ErrorAnswer {
  readonly error: string;
}

/** GET /api/info. */
export interface InfoAnswer {
  readonly startupFile: string | null;
  readonly maxUploadBytes: number;
  readonly limits: { readonly maxColumns: number; readonly maxCells: number; readonly maxTextCells: number; readonly maxDataBytes: number };
  /** The public data sets that ship with Segmenta, offered on the start page (POST /api/data/sample/NAME). */
  readonly samples: ReadonlyArray<{ readonly name: string; readonly file: string; readonly about: string }>;
}

/** POST /api/data/upload (raw bytes), /api/data/demo, /api/data/startup, /api/data/sample/NAME: the loaded table's overview. */
export type DataAnswer = ReturnType<typeof dataOverview>;

/** POST /api/setup: the Setup controls' values (`studioControls('Setup')`), each optional (its default when absent). */
export type SetupRequest = Readonly<Record<string, string | number | string[] | LabelMap>>;
/** Which results are out of date (they came from another setup than the current one). */
export interface Staleness {
  readonly segments: boolean;
  readonly comparison: boolean;
}
/** The preprocessing the setup gives: report and the columns after encoding; and which results it made out of date. */
export type SetupAnswer = ReturnType<typeof setupView> & { readonly stale: Staleness; readonly changed: boolean };

/** POST /api/jobs: choose k (no k) or segment with a given k (the Choose k controls). */
export interface JobRequest {
  readonly k?: number;
}
/** GET /api/jobs/current: progress, and once done the Choose k view (recommended and shown k, shortlist, elbow chart). */
export type JobAnswer = SessionJob & Partial<ChooseKView>;

/** GET /api/segments: cards, shortlist, warnings, charts and, with a baseline, what changed; `stale` when from an earlier setup. */
export type SegmentsAnswer = ReturnType<typeof segmentsView> & { readonly stale: boolean };

/** GET /api/members?segment=&filter=&sort=&desc=&offset=&limit=: a page of a segment's customers. */
export type MembersAnswer = MembersPage & { readonly stale: boolean };

/** PUT /api/segments/:id/name. */
export interface RenameRequest {
  readonly name?: string;
}
export interface RenameAnswer {
  readonly id: number;
  readonly name: string;
}

/** GET /api/compare: progress, and once done the comparison of methods. */
export type CompareAnswer = SessionJob & { readonly comparison?: ComparisonView; readonly stale?: boolean };

/** POST /api/baseline/model.json, /api/baseline/segments.csv (raw bytes); DELETE /api/baseline. */
export interface BaselineAnswer {
  readonly baseline: { readonly name: string; readonly customers: boolean } | null;
}

/** POST /api/rfm: which columns of the loaded order log hold what (an amount, or a quantity and a price). */
export interface RfmRequest {
  readonly customer?: string;
  readonly date?: string;
  readonly invoice?: string;
  readonly amount?: string;
  readonly quantity?: string;
  readonly price?: string;
}
/** POST /api/clv: the order log's columns as for RFM, and the model's calibration end (YYYY-MM-DD), horizon (months) and time unit. */
export interface ClvRequest extends RfmRequest {
  /** bgnbd, mbgnbd, paretonbd, bgbb or auto, as --purchase-model. */
  readonly purchaseModel?: string;
  readonly calibrationEnd?: string;
  readonly holdoutEnd?: string;
  readonly horizon?: number;
  readonly timeUnit?: string;
}
/** GET /api/clv: progress, and once done clv_summary.json and the value charts. */
export type ClvAnswer = SessionJob & Partial<{ readonly summary: ClvSummary; readonly charts: Record<string, { spec: object; table: ChartDataTable | null }> }>;
/** clv_summary.json as the studio reads it (see src/clv/clvOutputs.ts). */
export type ClvSummary = ClvSummaryFields & Partial<Record<PurchaseModelName, ClvFit>>;
interface ClvSummaryFields {
  readonly timeUnit: string;
  readonly horizonMonths: number;
  readonly periods: { readonly firstDate: string; readonly calibrationEnd: string; readonly lastDate: string; readonly holdoutLength: number };
  readonly customers: number;
  readonly repeatCustomers: number;
  readonly newInHoldout: number;
  /** The purchase model's name; its fit is under that name. */
  readonly purchaseModel: PurchaseModelName;
  readonly purchaseModelLabel: string;
  readonly gammaGamma: ClvFit;
  readonly comparison?: ModelComparison;
  readonly calibrationFit: readonly CalibrationFitRow[];
  readonly pAliveNote: string;
  readonly frequencyValueCorrelation: number;
  readonly segments: ReadonlyArray<ClvSegment>;
  readonly holdout: HoldoutCheck | null;
  readonly warnings: readonly string[];
}
/** A fit of clv_summary.json: parameters with their standard errors (none for a given model). */
export type ClvFit = Partial<FitReport> & { readonly params: Record<string, number> };

/** GET /api/rfm: progress, and once done the RFM summary (rfm_summary.json) and charts. */
export type RfmAnswer = SessionJob & Partial<{ readonly summary: RfmSummary; readonly charts: Record<string, { spec: object; table: ChartDataTable | null }> }>;
/** The parts of rfm_summary.json the studio shows. */
export interface RfmSummary {
  readonly cleaning: { readonly lines: number; readonly customers: number };
  readonly dateFormat: string;
  readonly asOf: string;
  readonly segments: ReadonlyArray<RfmGroup>;
  readonly clusters: ReadonlyArray<RfmGroup>;
  readonly clustering: { readonly k: number; readonly reason: string };
  /** Customers of each RFM segment in each cluster (counts in cluster order). */
  readonly crossTable: ReadonlyArray<{ readonly segment: string; readonly counts: readonly number[] }>;
}
/** A rule segment or a cluster of the RFM summary. */
export type RfmGroup = RfmGroupSummary;

/** The order log's column roles a request names. */
const ORDER_LOG_COLUMNS = ['customer', 'date', 'invoice', 'amount', 'quantity', 'price'] as const;

/**
 * JSON Schemas of the JSON request bodies, registered with their routes: they document the API and refuse a
 * body of the wrong shape (an unknown field, a list where a number belongs) with HTTP 400. The server's own
 * checks then name a bad value as the CLI and the library do.
 */
export const REQUEST_SCHEMAS = {
  setup: studioSchema('Setup'),
  job: studioSchema('Choose k'),
  rename: { type: 'object', additionalProperties: false, properties: { name: { type: 'string' } } },
  rfm: {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(ORDER_LOG_COLUMNS.map((c) => [c, { type: 'string' }])),
  },
  clv: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...Object.fromEntries(ORDER_LOG_COLUMNS.map((c) => [c, { type: 'string' }])),
      purchaseModel: { type: 'string', enum: [...PURCHASE_MODEL_CHOICES] },
      calibrationEnd: { type: 'string' },
      holdoutEnd: { type: 'string' },
      horizon: { type: 'integer' },
      timeUnit: { type: 'string' },
    },
  },
};
