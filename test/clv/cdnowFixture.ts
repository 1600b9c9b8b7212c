import { join } from 'node:path';
import { DATA_DIR } from '../helpers.js';

/** The bundled CDNOW sample (space-aligned, no header) and the columns that hold its customer, date and amount. */
export const CDNOW = join(DATA_DIR, 'cdnow_sample.txt');
export const columns = { customer: 'column0', date: 'column2', amount: 'column4' };

/**
 * The RFM clustering of tests whose subject is not the RFM segments joined to each customer (periods,
 * purchase models, progress): k = 3 without stability, ~2 s less a call than the full k sweep. The CLI tests
 * and the output fingerprints run clv with every default.
 */
export const lightClustering = { k: 3, kMin: 2, kMax: 3, stability: 'off' } as const;
