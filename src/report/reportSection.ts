import type { Chart } from '../charts/chartSpec.js';

/** An extra report section (such as RFM): a title, HTML text, and charts drawn after it. */
export interface ReportSection {
  readonly title: string;
  /** Trusted HTML built by Segmenta (every data value escaped). */
  readonly html: string;
  readonly charts: readonly Chart[];
}
