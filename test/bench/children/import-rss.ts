/**
 * Child process for the importer's peak-RSS figure: logs in to a district register and imports the bundles
 * named (or none, for the baseline), then prints its peak resident set size in MB as JSON.
 */
import { importBundles } from '../../../src/services/bundles.js';
import { login } from '../../../src/services/register.js';

const [dbPath, ...bundles] = process.argv.slice(2);
const session = await login(dbPath!, 'cpu', process.env.CHILDDESK_PASSPHRASE!);
const reports = await importBundles(session, bundles);
session.register.close();
console.log(JSON.stringify({ peakRssMb: process.resourceUsage().maxRSS / 1024, codes: reports.map((r) => r.code), cases: reports.reduce((n, r) => n + r.casesAdded, 0) }));
