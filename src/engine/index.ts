/** `segmenta/engine`: segmenting, profiling and scoring inside DuckDB, PostgreSQL or ClickHouse (named re-exports only). */
export { scoringSql, SQL_DIALECTS, type SqlDialect } from './scoringSql.js';
export { openEngine } from './openEngine.js';
export { type SqlEngine, type EngineColumn } from './sqlEngine.js';
export { segmentInEngine, type EngineSegmentation, type EngineInit, type EngineRunInfo } from './segmentInEngine.js';
export { profileInEngine } from './profileInEngine.js';
export { writeSegmentsTable, checkWriteTable, checkWriteTarget, type StagedTable } from './writeSegments.js';
export { redact } from './sqlEngine.js';
