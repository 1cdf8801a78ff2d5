import { z } from 'zod';
import { caseInputSchema, childSchema, guardianSchema, type CaseRecord } from './case-model.js';
import { ageInYears } from './age.js';
import { caseSearchText } from './search-text.js';

/**
 * What of a case leaves the station for the district CPU (JJSA s.13: nothing that may identify a juvenile is
 * disclosed beyond who needs it). The CPU needs:
 * - for every case: category, status, dates, custody and production times, offence sections and maximum
 *   punishment, referrals, gender and age — the monthly return and the compliance figures;
 * - for missing, found and at-risk children also the names, father's name, date of birth, B-Form, district,
 *   description and the guardian's contact — to match children across stations and arrange hand-over.
 * It never needs, and so never receives, the name, father's name, B-Form, address or guardian contact of a
 * juvenile accused, a child victim or a child witness, nor any free-text notes (which may name anyone).
 */

export const IDENTIFIED_CATEGORIES = ['missing', 'found', 'at_risk'] as const;

export type DistrictCase = Omit<CaseRecord, 'notes' | 'child' | 'guardian'> & {
  child: Partial<CaseRecord['child']> & Pick<CaseRecord['child'], 'gender'> & { ageYearsAtReport?: number };
  guardian?: Partial<NonNullable<CaseRecord['guardian']>>;
};

export function districtView(record: CaseRecord): DistrictCase {
  const { notes: _notes, child, guardian, ...rest } = record;
  if ((IDENTIFIED_CATEGORIES as readonly string[]).includes(record.category)) {
    const { address: _address, ...childForMatching } = child;
    return { ...rest, child: childForMatching, ...(guardian ? { guardian: { name: guardian.name, relation: guardian.relation, phone: guardian.phone } } : {}) };
  }
  return {
    ...rest,
    child: {
      gender: child.gender,
      ...(child.claimedAge !== undefined ? { claimedAge: child.claimedAge } : {}),
      ...(child.dateOfBirth ? { ageYearsAtReport: ageInYears(child.dateOfBirth, record.reportedAt) } : {}),
      ...(child.district ? { district: child.district } : {}),
      ...(child.disability ? { disability: child.disability } : {}),
    },
    ...(guardian ? { guardian: { relation: guardian.relation } } : {}),
  };
}

/**
 * A case as the district receives it: the case model without notes, and with identity fields optional (they
 * are present only for the categories the CPU matches across stations). Validated again on import.
 */
export const districtCaseSchema = caseInputSchema.omit({ notes: true, child: true, guardian: true }).extend({
  child: childSchema.partial().extend({ gender: childSchema.shape.gender, ageYearsAtReport: z.number().int().min(0).max(120).optional() }),
  guardian: guardianSchema.partial().optional(),
});
export type DistrictCaseData = z.output<typeof districtCaseSchema>;

/** Names appear only for the categories the CPU matches (see districtView); the rest index by numbers. */
export function districtSearchText(caseNumber: string, data: DistrictCaseData): string {
  return caseSearchText([data.child.name, data.child.altName, data.child.fatherName, data.guardian?.name, caseNumber, data.offence?.firNumber, data.child.bForm?.replace(/-/g, '')]);
}
