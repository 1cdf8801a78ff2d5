import { describe, expect, it } from 'vitest';
import { CASE_CATEGORIES } from '../../src/core/case-model.js';
import { createComplianceSeries, createMonthlyReturn, monthRange } from '../../src/core/returns/index.js';
import { districtStationCodes, generateDistrict } from '../support/generate-district.js';

/**
 * A generated district of 40 stations and 250,000 cases through the monthly return and the compliance series:
 * every station is listed, stations add up to the district, and the months add up to the whole register.
 */
describe('a district of 40 stations and 250,000 cases', () => {
  it('adds up: stations to the district, months to the register', () => {
    const stations = districtStationCodes(40);
    const month = createMonthlyReturn({ district: 'Quetta', month: '2026-10', stations });
    const months = monthRange('2024-01', '2026-11');
    const series = createComplianceSeries({ months, stations });
    let rows = 0;
    for (const row of generateDistrict({ cases: 250_000, stations: 40 })) {
      rows++;
      month.add(row);
      series.add(row);
    }
    expect(rows).toBe(250_000);
    const result = month.result();
    expect(result.stations.map((s) => s.stationCode)).toEqual([...stations].sort());
    expect(result.total.cases).toBeGreaterThan(0);
    expect(result.stations.reduce((n, s) => n + s.cases, 0)).toBe(result.total.cases);
    for (const category of CASE_CATEGORIES) expect(result.stations.reduce((n, s) => n + s.byCategory[category], 0)).toBe(result.total.byCategory[category]);
    expect(result.stations.reduce((n, s) => n + s.arrested, 0)).toBe(result.total.arrested);

    const all = series.result();
    const perMonth = all.categories.reduce((n, m) => n + m.total, 0);
    expect(perMonth + all.rows.outsideMonth + all.rows.unreadable).toBe(250_000);
    expect(all.categories.find((m) => m.month === '2026-10')!.total).toBe(result.total.cases);
  }, 120_000);
});
