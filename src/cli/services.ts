/**
 * Everything the commands call, loaded when a command runs (`await services()` in command.ts) rather than when
 * the CLI starts: the register, bundles, forms and returns are most of the bundle, and `childdesk case schema`,
 * `--help` or a usage error should not wait for them.
 */
export { addDistrictNote, caseProvenance, districtNotes, stationStatusBoard } from '../services/district.js';
export { acceptRotation, enrollStation, exportBundle, importBundles, importReceipt, pinDistrict, revokeStationKey, rotateStationKey, writeDistrictKeyFile, writeReceipt, writeStationKeyFile } from '../services/bundles.js';
export { caseChecklist, completeStep, dueList } from '../services/checklist.js';
export { changeSettings, readSettings } from '../services/settings.js';
export { createCase, createCases, listCases, showCase, updateCase } from '../services/cases.js';
export { addStationUser, changePassphrase, listUsers, removeStationUser } from '../services/users.js';
export { decideMatch, matchSuggestions } from '../services/matching.js';
export { FormPrinter } from '../forms/pdf.js';
export { initDistrict, initStation, login, recoverAccess, verifyAudit } from '../services/register.js';
export { keyFilePathFor, readKeyFile } from '../store/key-file.js';
export { storeErrorFor } from '../store/database.js';
export { monthlyReportHtml, monthlyReportPdf } from '../services/district-report.js';
export { monthlyReturnFromRegister, toCsv, toXlsx } from '../services/district-report-files.js';
export { openCasesFor, printForms, renderFormHtml, verifyPrint } from '../services/forms.js';
