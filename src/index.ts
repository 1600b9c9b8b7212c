/**
 * Segmenta's public API (`segmenta`): named re-exports only. The database layer is `segmenta/engine`, the
 * dashboard server `segmenta/server`, the report builders `segmenta/report`: importing this module loads
 * neither Fastify, Vega, resvg nor a database client.
 */
export { readTable, type ReadTableOptions } from './data/readTable.js';
export { NUMBER_GRAMMAR, MAX_MAGNITUDE } from './data/columnBuilders.js';
export { CLI_READ_LIMITS, STUDIO_READ_LIMITS, type ReadLimits } from './data/readLimits.js';
export { tableFromRecords, type Table, type Column, type SourceInfo } from './data/table.js';
export { detectKey, type KeyChoice } from './data/detectKey.js';
export { profileTable, profileColumn, type TableProfile, type ColumnProfile } from './profile/profileTable.js';
export { pearsonMatrix, spearmanMatrix } from './profile/correlation.js';
export { fitPipeline, transformTable, type Pipeline, type PipelineOptions, type PreprocessReport } from './preprocess/pipeline.js';
export { selectFeatures } from './preprocess/selectFeatures.js';
export { type ScalingKind } from './preprocess/scaling.js';
export { kmeans, autoRestarts, type KMeansOptions, type KMeansResult } from './cluster/kmeans.js';
export { kmeansPlusPlus } from './cluster/kmeansPlusPlus.js';
export { lloyd } from './cluster/lloyd.js';
export { hamerly } from './cluster/hamerly.js';
export { assignNearest, inertiaOf } from './cluster/assignNearest.js';
export { silhouette, type SilhouetteResult } from './metrics/silhouette.js';
export { calinskiHarabasz } from './metrics/calinskiHarabasz.js';
export { daviesBouldin } from './metrics/daviesBouldin.js';
export { gapStatistic, type GapResult } from './select/gapStatistic.js';
export { adjustedRandIndex } from './metrics/adjustedRandIndex.js';
export { kneedle } from './select/kneedle.js';
export { sweepK, type KSweep, type KFigures, type SweepOptions } from './select/sweepK.js';
export { chooseK, K_RULE, type KChoice, type KCandidate, type KStructure, type Vote } from './select/chooseK.js';
export { pca, pcaProject, type PcaResult } from './reduce/pca.js';
export {
  bootstrapJaccard,
  stabilityVerdict,
  type SegmentStability,
  type StabilityVerdict,
  type BootstrapJaccardOptions,
  type Recluster,
} from './stability/bootstrapJaccard.js';
export { kmeansRecluster } from './stability/kmeansRecluster.js';
export { predictionStrength, type PredictionStrengthResult, type PredictionStrengthOptions } from './stability/predictionStrength.js';
export { kWarnings, type KWarning, type KWarningCode } from './select/kWarnings.js';
export { knownGroupsSuite, type KnownGroups } from './demo/knownGroups.js';
export { evaluateKRules, K_RULES, type KRule, type KRuleScore } from './select/knownKEvaluation.js';
export { matchSegments, MATCH_SHARE, type SegmentMatch, type SegmentMatching, type BaselineSegment } from './baseline/matchSegments.js';
export { optimalAssignment } from './baseline/optimalAssignment.js';
export { loadBaseline, type Baseline } from './baseline/loadBaseline.js';
export { alignToBaseline, type BaselineComparison } from './baseline/alignToBaseline.js';
export { migrationCsv, type MigrationTable } from './output/migrationCsv.js';
export { profileSegments } from './explain/profileSegments.js';
export { nameSegments, distinctions } from './explain/nameSegments.js';
export { describeSegment } from './explain/describeSegment.js';
export { predict, type Prediction } from './model/predict.js';
export { loadModel } from './model/loadModel.js';
export { validateModel } from './model/validateModel.js';
export { type SegmentaModel } from './model/model.js';
export { segment, segmentationSilhouette, type Segment, type Segmentation, type SegmentOptions } from './pipeline/segment.js';
export { demoCustomers } from './demo/demoCustomers.js';
export { createRandom, type Random } from './util/random.js';
export { fromRows, sharedZeros, zeros, type Matrix } from './util/matrix.js';
export { DataError, UsageError, EngineError, SegmentaError } from './util/errors.js';
export { VERSION } from './util/version.js';
export { rfm, type RfmOptions, type RfmResult, type RfmCustomer, type RfmGroupSummary } from './rfm/rfm.js';
export { computeRfmTable, type RfmRow, type RfmCleaning } from './rfm/computeRfmTable.js';
export { type RfmColumns } from './rfm/cleanOrderLog.js';
export { quantileCuts, scoreOf } from './rfm/scoreQuantiles.js';
export { DEFAULT_RFM_RULES, nameByRules, loadRfmRules, type RfmRule } from './rfm/rfmRules.js';
export { customerValue, type ClvOptions, type ClvResult, type ClvCustomer, type ClvSegment, type HoldoutCheck } from './clv/clv.js';
export type { ClvModel } from './clv/clvModel.js';
export { purchaseHistories, TIME_UNIT_DAYS, type TimeUnit, type CustomerHistory, type PurchaseHistories } from './clv/purchaseHistories.js';
export {
  fitBgNbd,
  bgNbdLikelihood,
  probabilityAlive,
  expectedPurchases,
  expectedPurchasesNewCustomer,
  type BgNbdParams,
  type PurchaseHistory,
} from './clv/bgnbd.js';
export { fitGammaGamma, gammaGammaLikelihood, expectedAverageValue, type GammaGammaParams, type SpendHistory } from './clv/gammaGamma.js';
export { writeRunFolder, stageRunFolder, checkOutFolder, type RunIdentity, type StagedRun } from './output/runFolder.js';
