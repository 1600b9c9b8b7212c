import { BG_BB } from './bgbb.js';
import { BG_NBD } from './bgnbd.js';
import { MODIFIED_BG_NBD } from './modifiedBgNbd.js';
import { PARETO_NBD } from './paretoNbd.js';
import type { PurchaseModel, PurchaseModelName } from './purchaseModel.js';

/** Every purchase model by name: the one table `--purchase-model`, model.json and the comparison read. */
export const PURCHASE_MODELS: Readonly<Record<PurchaseModelName, PurchaseModel>> = {
  bgnbd: BG_NBD,
  mbgnbd: MODIFIED_BG_NBD,
  paretonbd: PARETO_NBD,
  bgbb: BG_BB,
};
