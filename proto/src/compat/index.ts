export { loadSchema, type SchemaJson } from './load-schema.ts';
export { diffSchemas, type BreakingChange } from './diff-schemas.ts';
