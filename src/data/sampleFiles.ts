import { fileURLToPath } from 'node:url';

/** A public data set shipped with the package, to try Segmenta on before one's own file. */
export interface SampleFile {
  /** The name `segmenta samples NAME` takes. */
  readonly name: string;
  /** The file in the package's data/ folder (written out under the same name). */
  readonly file: string;
  readonly about: string;
  /** A command that runs on it as written, once it is written out. */
  readonly tryIt: string;
  readonly source: string;
  readonly licence: string;
}

/** The bundled samples, in the order a new user would try them (the seed notebook's Mall file first). */
export const SAMPLE_FILES: readonly SampleFile[] = [
  {
    name: 'mall',
    file: 'mall_customers.csv',
    about: '200 mall customers: gender, age, annual income (k$), spending score (1-100)',
    tryIt: 'segmenta run mall_customers.csv',
    source: 'Kaggle "Mall Customer Segmentation Data" (vjchoudhary7)',
    licence: 'none stated (a teaching data set)',
  },
  {
    name: 'wholesale',
    file: 'wholesale_customers.csv',
    about: '440 clients of a wholesale distributor: channel, region, yearly spending on six product kinds',
    tryIt: 'segmenta run wholesale_customers.csv',
    source: 'UCI Machine Learning Repository, "Wholesale customers"',
    licence: 'CC BY 4.0',
  },
  {
    name: 'cdnow',
    file: 'cdnow_sample.txt',
    about: '6,919 orders of 2,357 CDNOW customers, 1997-98 (no header; dates as yyyymmdd)',
    tryIt: 'segmenta clv cdnow_sample.txt --customer column0 --date column2 --amount column4 --out cdnow-clv',
    source: 'the lifetimes package (CamDavidsonPilon/lifetimes, lifetimes/datasets/CDNOW_sample.txt)',
    licence: 'MIT',
  },
  {
    name: 'retail',
    file: 'online_retail_sample.csv.gz',
    about: '49,238 order lines of 547 customers of a UK online retailer, 2010-11 (one customer in eight of "Online Retail")',
    tryIt:
      'segmenta rfm online_retail_sample.csv.gz --customer CustomerID --date InvoiceDate --quantity Quantity --price UnitPrice --invoice InvoiceNo --out retail-rfm',
    source: 'UCI Machine Learning Repository, "Online Retail" (Chen, Sain & Guo, 2012); the sample made by scripts/make-online-retail-sample.mjs',
    licence: 'CC BY 4.0',
  },
];

/** The folder the package's sample files are in (data/ beside dist/ and src/). */
export function sampleFolder(): string {
  return fileURLToPath(new URL('../../data/', import.meta.url));
}

/** The sample of that name, or undefined. */
export function sampleNamed(name: string): SampleFile | undefined {
  return SAMPLE_FILES.find((s) => s.name === name.toLowerCase());
}
