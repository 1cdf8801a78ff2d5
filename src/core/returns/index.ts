/** The district CPU's monthly return and compliance series (issue 7): pure, streaming, bilingual. */
export * from './types.js';
export * from './month.js';
export { createMonthlyReturn, createComplianceSeries } from './monthly-return.js';
export type { MonthlyReturnOptions, MonthlyReturnBuilder, ComplianceSeriesOptions, ComplianceSeriesBuilder } from './monthly-return.js';
export { ageBandAtReport } from './count-case.js';
export * from './labels.js';
export * from './tables.js';
