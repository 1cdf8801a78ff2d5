import { addTally, countCase, countRecovery, emptyTally, finish, isCategory, ratio, recoveryTimes, type Tally } from './count-case.js';
import { canonicalInstant, isMonth, monthBoundsUtc } from './month.js';
import type { ComplianceSeries, CompliancePoint, DistrictRow, MonthlyReturn, RowCounts } from './types.js';

/**
 * The district CPU's monthly return (issue 7, item 4): a streaming, pure aggregator over the district's `cases`
 * rows. Give it rows in any order and any number (a whole-register scan, or only the month's rows read through
 * the reported_at index with monthBoundsUtc); it keeps one small tally per station, never the rows, so a
 * 250k-case register costs what parsing the rows costs.
 *
 * Which month a case belongs to: the Pakistan calendar month of reportedAt (when the child came to the police),
 * so every table of one return counts the same cases. A juvenile arrested and brought in at 23:30 on the last
 * day of the month is in that month's return. One exception, the missing children's recoveries and hand-overs:
 * they count in the month they happened (recoveredAt, handedOverAt, or the month a district match was
 * confirmed), so the return also needs the missing children reported before the month (see needsRow).
 */

const HOUR_MS = 3600_000;

export type MonthlyReturnOptions = {
  district: string;
  /** "YYYY-MM", a calendar month in Asia/Karachi. */
  month: string;
  /** The "as soon as possible" target for informing the guardian (A2), as in the stations' settings. */
  asapTargetHours?: number;
  /** Stations to show even when they reported nothing this month (the district's enrolled stations). */
  stations?: readonly string[];
};

export type MonthlyReturnBuilder = {
  readonly month: string;
  /** True when reportedAt falls in the month. */
  inMonth(reportedAt: string): boolean;
  /**
   * True when the return reads the row: reported in the month, or a missing child reported before its end
   * (who may have been recovered or handed over in it). Lets a caller skip parsing the other rows.
   */
  needsRow(category: string, reportedAt: string): boolean;
  /** Counts the row if it was reported in the month; returns whether it did. */
  add(row: DistrictRow): boolean;
  /** The return so far; add() may go on after it. */
  result(): MonthlyReturn;
};

function checkTarget(hours: number): number {
  if (!Number.isFinite(hours) || hours <= 0) throw new RangeError(`asapTargetHours must be a positive number of hours, not ${hours}`);
  return hours;
}

function checkMonth(month: string): string {
  if (!isMonth(month)) throw new RangeError(`month must be YYYY-MM, not ${JSON.stringify(month)}`);
  return month;
}

class StationTallies {
  readonly byStation = new Map<string, Tally>();

  constructor(stations: readonly string[] = []) {
    for (const code of stations) this.byStation.set(code, emptyTally());
  }

  get(code: string): Tally {
    let tally = this.byStation.get(code);
    if (!tally) this.byStation.set(code, (tally = emptyTally()));
    return tally;
  }

  sortedCodes(): string[] {
    return [...this.byStation.keys()].sort();
  }

  total(): Tally {
    const total = emptyTally();
    for (const tally of this.byStation.values()) addTally(total, tally);
    return total;
  }
}

const emptyRowCounts = (): RowCounts => ({ seen: 0, counted: 0, outsideMonth: 0, unreadable: 0 });

export function createMonthlyReturn(options: MonthlyReturnOptions): MonthlyReturnBuilder {
  const month = checkMonth(options.month);
  const asapTargetHours = checkTarget(options.asapTargetHours ?? 2);
  const targetMs = asapTargetHours * HOUR_MS;
  const { from, to } = monthBoundsUtc(month);
  const tallies = new StationTallies(options.stations);
  const rows = emptyRowCounts();

  const inMonth = (reportedAt: string) => {
    const at = canonicalInstant(reportedAt);
    return at !== null && at >= from && at < to;
  };

  return {
    month,
    inMonth,
    needsRow(category, reportedAt) {
      const at = canonicalInstant(reportedAt);
      return at !== null && at < to && (at >= from || category === 'missing');
    },
    add(row) {
      rows.seen++;
      const at = canonicalInstant(row.reportedAt);
      if (at === null || !isCategory(row.category) || !row.data?.child) {
        rows.unreadable++;
        return false;
      }
      if (row.category === 'missing' && at < to) countRecovery(tallies.get(row.stationCode), row.data, row.reportedAt, from, to, row.matchConfirmedAt);
      if (at < from || at >= to) {
        rows.outsideMonth++;
        return false;
      }
      rows.counted++;
      countCase(tallies.get(row.stationCode), row.category, row.data, row.reportedAt, targetMs);
      return true;
    },
    result() {
      return {
        district: options.district,
        month,
        ...monthBoundsUtc(month),
        asapTargetHours,
        stations: tallies.sortedCodes().map((stationCode) => ({ stationCode, ...finish(tallies.get(stationCode), asapTargetHours) })),
        total: finish(tallies.total(), asapTargetHours),
        rows: { ...rows },
      };
    },
  };
}

export type ComplianceSeriesOptions = {
  /** The months to chart, in the order to show them ("YYYY-MM", Asia/Karachi). */
  months: readonly string[];
  asapTargetHours?: number;
  /** Stations to show even in months they reported nothing. */
  stations?: readonly string[];
};

export type ComplianceSeriesBuilder = {
  readonly months: readonly string[];
  add(row: DistrictRow): boolean;
  result(): ComplianceSeries;
};

/**
 * Compliance over months, for the charts: per station and month the share of arrested juveniles produced
 * within 24 h (A6) and whose guardian was told within the target (A2); cases by category per month; missing
 * children reported, recovered and handed over per month (each in the month it happened, as the monthly
 * return counts them: give it the missing children reported before the first month too).
 */
export function createComplianceSeries(options: ComplianceSeriesOptions): ComplianceSeriesBuilder {
  const months = options.months.map(checkMonth);
  if (new Set(months).size !== months.length) throw new RangeError('months must not repeat');
  const asapTargetHours = checkTarget(options.asapTargetHours ?? 2);
  const targetMs = asapTargetHours * HOUR_MS;
  const byMonth = new Map(months.map((month) => [month, new StationTallies(options.stations)]));
  // The months in time order with their UTC bounds: a row finds its month by binary search on the string.
  const ordered = [...months].sort().map((month) => ({ ...monthBoundsUtc(month), tallies: byMonth.get(month)! }));
  const monthOf = (at: string): (typeof ordered)[number] | undefined => {
    let low = 0;
    let high = ordered.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const candidate = ordered[mid]!;
      if (at < candidate.from) high = mid - 1;
      else if (at >= candidate.to) low = mid + 1;
      else return candidate;
    }
    return undefined;
  };
  const rows = emptyRowCounts();

  const point = (month: string, tally: Tally): CompliancePoint => ({
    month,
    arrested: tally.arrested,
    producedWithin24h: ratio(tally.production.within_24h, tally.arrested),
    guardianWithinTarget: ratio(tally.guardianInformed.within_target, tally.arrested),
  });

  return {
    months,
    add(row) {
      rows.seen++;
      const at = canonicalInstant(row.reportedAt);
      if (at === null || !isCategory(row.category) || !row.data?.child) {
        rows.unreadable++;
        return false;
      }
      if (row.category === 'missing') {
        // Recoveries and hand-overs in the month they happened, as the monthly return counts them.
        const { recoveredAt, handedOverAt, byMatch } = recoveryTimes(row.data, row.reportedAt, row.matchConfirmedAt);
        const recovered = recoveredAt === null ? undefined : monthOf(recoveredAt);
        if (recovered && at < recovered.to) {
          const tally = recovered.tallies.get(row.stationCode);
          tally.missingRecovered++;
          if (byMatch) tally.missingRecoveredByMatch++;
        }
        const handed = handedOverAt === null ? undefined : monthOf(handedOverAt);
        if (handed && at < handed.to) handed.tallies.get(row.stationCode).missingHandedOver++;
      }
      const reported = monthOf(at);
      if (!reported) {
        rows.outsideMonth++;
        return false;
      }
      rows.counted++;
      countCase(reported.tallies.get(row.stationCode), row.category, row.data, row.reportedAt, targetMs);
      return true;
    },
    result() {
      const codes = [...new Set([...byMonth.values()].flatMap((tallies) => tallies.sortedCodes()))].sort();
      const totals = months.map((month) => ({ month, tally: byMonth.get(month)!.total() }));
      return {
        months,
        asapTargetHours,
        stations: codes.map((stationCode) => ({
          stationCode,
          points: months.map((month) => point(month, byMonth.get(month)!.byStation.get(stationCode) ?? emptyTally())),
        })),
        district: totals.map(({ month, tally }) => point(month, tally)),
        categories: totals.map(({ month, tally }) => ({ month, byCategory: { ...tally.byCategory }, total: tally.cases })),
        missing: totals.map(({ month, tally }) => ({
          month,
          reported: tally.missingReported,
          recovered: tally.missingRecovered,
          handedOver: tally.missingHandedOver,
        })),
        rows: { ...rows },
      };
    },
  };
}
