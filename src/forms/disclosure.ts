import type { FormName } from './types.js';

/**
 * What each form discloses, and why (JJSA 2018 s.13: nothing that may identify a juvenile is disclosed
 * beyond who needs it). A form that leaves the police carries only what its recipient needs; the tests check
 * that the fields marked "never" do not appear in the printed HTML.
 *
 * | form             | recipient                  | leaves police | child identity printed                      | never printed                                          |
 * |------------------|----------------------------|---------------|---------------------------------------------|--------------------------------------------------------|
 * | intake           | the station file           | no            | everything recorded, with notes             | (nothing withheld: it is the station's own record)     |
 * | age              | station file / court       | with the file | name, father, gender, DOB, B-Form (the      | address, guardian contact, notes, other children      |
 * |                  |                            |               | evidence relied on)                         |                                                        |
 * | guardian-notice  | the child's guardian       | yes           | name; FIR no. and sections (the guardian    | B-Form, DOB, notes, checklist, other children          |
 * |                  |                            |               | needs them for bail and a lawyer)           |                                                        |
 * | probation-notice | the probation officer      | yes           | name, father, age, address, language,       | B-Form, notes, referrals, other children               |
 * |                  |                            |               | disability, guardian (background report)    |                                                        |
 * | legal-aid        | legal aid office / lawyer  | yes           | name, age, language, disability; FIR no.,   | address, B-Form, DOB, notes                            |
 * |                  |                            |               | sections, where held; guardian contact      | (the father's name only as the guardian, if he is one) |
 * | production       | the Juvenile Court         | yes           | full identity, age evidence, guardian,      | B-Form, notes, referrals                               |
 * |                  |                            |               | offence and custody (the court decides)     |                                                        |
 * | bail-diversion   | court / JJC / prosecutor   | yes           | name, age band, FIR no., sections           | father's name, address, B-Form, DOB, guardian, notes   |
 * | referral         | Edhi, SWD, shelter,        | yes           | name, gender, age in years, language,       | FIR no. and date, sections, offence class, category    |
 * |                  | hospital, NGO (one letter  |               | disability: what is needed to receive and   | (accused / victim), address, B-Form, DOB, father's     |
 * |                  | per referral)              |               | care for the child                          | name, guardian, notes, other referrals' outcomes       |
 * | missing-report   | stations, CPU, ZARRA and   | yes, and      | name(s), gender, age in years, language,    | B-Form, DOB, father's name, address, disability,       |
 * |                  | the public (posted,        | posted        | description, last seen; the station to      | guardian's name and phone, notes, offence details      |
 * |                  | shared)                    |               | contact (a caller needs only the station)   | beyond the FIR no. (the station's file has them)       |
 * | handover         | the person receiving the   | yes (a copy)  | name, father, gender, age in years          | FIR, sections, B-Form, address, description, notes     |
 * |                  | child                      |               |                                             |                                                        |
 *
 * No form prints another child's data: every form is about one case. Audit rows of a print hold the form
 * name, language, revision and digest, never a name.
 */

/** Case fields that must never appear on a form, by JSON path (checked by the tests against the HTML). */
export const NEVER_PRINTED: Record<FormName, readonly string[]> = {
  intake: [],
  age: ['child.address', 'guardian.phone', 'notes'],
  'guardian-notice': ['child.bForm', 'child.dateOfBirth', 'notes'],
  'probation-notice': ['child.bForm', 'notes'],
  'legal-aid': ['child.address', 'child.bForm', 'child.dateOfBirth', 'notes'],
  production: ['child.bForm', 'notes'],
  'bail-diversion': ['child.fatherName', 'child.address', 'child.bForm', 'child.dateOfBirth', 'guardian.name', 'guardian.phone', 'notes'],
  referral: ['offence.firNumber', 'offence.firDate', 'offence.sections', 'child.address', 'child.bForm', 'child.dateOfBirth', 'child.fatherName', 'guardian.name', 'guardian.phone', 'notes'],
  // Circulated and posted: what lets anyone recognise the child and call the station, nothing that identifies
  // the family or lets a stranger pass as them (B-Form, date of birth, the family's phone).
  'missing-report': ['child.address', 'child.bForm', 'child.dateOfBirth', 'child.fatherName', 'child.disability', 'guardian.name', 'guardian.phone', 'notes'],
  handover: ['offence.firNumber', 'offence.sections', 'child.bForm', 'child.address', 'missing.description', 'notes'],
};
