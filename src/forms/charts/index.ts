/** The district CPU's charts: static, print-safe SVG React components (see svg-kit.tsx for why no library). */
export { ComplianceChart, type ComplianceChartProps } from './compliance-chart.js';
export { CategoryChart, type CategoryChartProps } from './category-chart.js';
export { MissingRecoveredChart, type MissingRecoveredChartProps } from './missing-recovered-chart.js';
export type { ChartLang } from './svg-kit.js';
