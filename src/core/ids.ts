import { v7 as uuidv7 } from 'uuid';

/** Record ids are UUIDv7: unique across every station and sortable by creation time. */
export function newRecordId(): string {
  return uuidv7();
}

export const STATION_CODE_PATTERN = /^[A-Z][A-Z0-9]{1,11}$/;

/** The human case number, `STATION-YYYY-NNNN` (at least four digits; grows past 9999). */
export function formatCaseNumber(stationCode: string, year: number, serial: number): string {
  return `${stationCode}-${year}-${String(serial).padStart(4, '0')}`;
}

export const CASE_NUMBER_PATTERN = /^[A-Z][A-Z0-9]{1,11}-\d{4}-\d{4,}$/;
