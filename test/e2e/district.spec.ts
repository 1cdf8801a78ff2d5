import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCase } from '../../src/services/cases.js';
import { enrollStation, exportBundle, importBundles, pinDistrict, writeDistrictKeyFile, writeStationKeyFile } from '../../src/services/bundles.js';
import { initStation, login } from '../../src/services/register.js';
import { juvenileCase } from '../support/register.js';
import { expect, FAST_TEST_SCRYPT, screenshot, test } from './fixtures.js';

const PASSPHRASE = 'district passphrase long enough';

test('district CPU: set up, import a station bundle, see the station board, read a case without names, add a note', async ({ page, districtServer }) => {
  await page.goto(districtServer.url);
  await page.getByLabel('the district Child Protection Unit').check();
  await expect(page.getByRole('heading', { name: 'Set up the district register' })).toBeVisible();
  await page.getByLabel('District', { exact: true }).fill('Quetta');
  await page.getByLabel('CPU officer user name').fill('cpu');
  await page.getByLabel('Full name').fill('Ms Rukhsana');
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Passphrase again').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create register' }).click();
  await page.getByLabel(/I have printed or written down/).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Case register' })).toBeVisible();

  // A station exchanges keys and sends a bundle (the register is shared with the page's server).
  const dir = mkdtempSync(join(tmpdir(), 'childdesk-e2e-station-'));
  try {
    const { session: station } = await initStation({ path: join(dir, 's.db'), stationCode: 'QTA01', stationName: 'Civil Lines', district: 'Quetta', username: 'incharge', passphrase: PASSPHRASE }, { scrypt: FAST_TEST_SCRYPT });
    const district = await login(districtServer.host.registerPath, 'cpu', PASSPHRASE, { scrypt: FAST_TEST_SCRYPT });
    await writeDistrictKeyFile(district, join(dir, 'district.pub'));
    await pinDistrict(station, join(dir, 'district.pub'));
    await writeStationKeyFile(station, join(dir, 'QTA01.pub'));
    await enrollStation(district, join(dir, 'QTA01.pub'));
    createCase(station, juvenileCase());
    createCase(station, {
      category: 'missing',
      reportedAt: '2026-11-10T09:00:00+05:00',
      child: { name: 'Zainab Bibi', fatherName: 'Muhammad Ali Kakar', gender: 'female', claimedAge: 9, district: 'Quetta' },
      missing: { lastSeenAt: '2026-11-10T08:00:00+05:00', lastSeenPlace: 'Quetta bus stand' },
    });
    await exportBundle(station, join(dir, 'b1.chd'));
    expect((await importBundles(district, [join(dir, 'b1.chd')]))[0]).toMatchObject({ code: 'ok' });
    // A second station finds a girl who may be her.
    const { session: pishin } = await initStation({ path: join(dir, 'p.db'), stationCode: 'PSN01', stationName: 'Pishin City', district: 'Quetta', username: 'incharge', passphrase: PASSPHRASE }, { scrypt: FAST_TEST_SCRYPT });
    await pinDistrict(pishin, join(dir, 'district.pub'));
    await writeStationKeyFile(pishin, join(dir, 'PSN01.pub'));
    await enrollStation(district, join(dir, 'PSN01.pub'));
    createCase(pishin, { category: 'found', reportedAt: '2026-11-14T16:00:00+05:00', child: { name: 'زینب', fatherName: 'محمد علی', gender: 'female', claimedAge: 10, district: 'Pishin' } });
    await exportBundle(pishin, join(dir, 'p1.chd'));
    expect((await importBundles(district, [join(dir, 'p1.chd')]))[0]).toMatchObject({ code: 'ok' });
    // Pishin's bundle 2 is lost on the way and bundle 3 arrives: a gap. Then Pishin goes quiet: its last
    // import is moved 20 days back, past the board's 14 silent days.
    await exportBundle(pishin, join(dir, 'p2.chd'));
    await exportBundle(pishin, join(dir, 'p3.chd'));
    expect((await importBundles(district, [join(dir, 'p3.chd')]))[0]).toMatchObject({ code: 'gap' });
    const twentyDaysAgo = new Date(Date.now() - 20 * 86_400_000 - 3_600_000).toISOString();
    district.register.db.sqlite.prepare("UPDATE imported_bundles SET imported_at = ? WHERE station_code = 'PSN01'").run(twentyDaysAgo);
    pishin.register.close();
    district.register.close();
    station.register.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  await page.getByRole('button', { name: 'Stations' }).click();
  const row = page.locator('tr[data-station="QTA01"]');
  await expect(row).toContainText('No. 1, 0 day(s) ago');
  await expect(row).toContainText('All well');
  const pishinRow = page.locator('tr[data-station="PSN01"]');
  await expect(pishinRow).toContainText('No. 3, 20 day(s) ago');
  await expect(pishinRow.locator('[data-advice="gap"]')).toHaveText('Bundles 2 never arrived: ask the station to send them again.');
  await expect(pishinRow.locator('[data-advice="silent"]')).toHaveText('Silent for 20 days: call the station in-charge for a new bundle.');
  // A longer silence allowed: the advice goes, the gap stays.
  await page.getByLabel('Silent after (days)').fill('30');
  await expect(pishinRow.locator('[data-advice="silent"]')).toHaveCount(0);
  await expect(pishinRow.locator('[data-advice="gap"]')).toBeVisible();
  await page.getByLabel('Silent after (days)').fill('14');
  await expect(pishinRow.locator('[data-advice="silent"]')).toBeVisible();
  await screenshot(page, 'district-stations-en');

  await page.getByRole('button', { name: 'Register' }).click();
  const rows = page.getByTestId('register-rows').getByRole('listitem');
  await expect(rows).toHaveCount(3);
  const juvenile = rows.filter({ hasText: 'Juvenile accused' });
  await expect(juvenile).toContainText('name withheld (JJSA s.13)');
  await juvenile.click();
  await expect(page.getByText('Station record (read-only at the district)')).toBeVisible();
  await expect(page.getByTestId('provenance')).toHaveText(/^From QTA01, bundle no\. \d+, imported \u2066\d{4}-\d{2}-\d{2} \d{2}:\d{2}\u2069$/);
  await expect(page.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expect(page.locator('li[data-rule="A6"]')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Mark done' })).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('Zainab');

  await page.getByLabel('Note', { exact: true }).fill('Ask the station for the medical report');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.locator('[data-note]')).toContainText('goes with the next receipt');
  await screenshot(page, 'district-case-en');
  await page.getByRole('button', { name: 'اردو' }).click();
  await expect(page.getByText('تھانے کا ریکارڈ (ضلع میں صرف پڑھنے کے لیے)')).toBeVisible();
  await screenshot(page, 'district-case-ur');
  await page.getByRole('button', { name: 'تھانے' }).click();
  await screenshot(page, 'district-stations-ur');
  await page.getByRole('button', { name: 'English' }).click();

  // Missing and found across stations: the found girl at PSN01 may be the girl missing from QTA01.
  await page.getByRole('button', { name: 'Matches' }).click();
  const suggestion = page.locator('li[data-found^="PSN01-"] li[data-missing^="QTA01-"]');
  await expect(suggestion).toBeVisible();
  await expect(suggestion).toContainText('names sound alike');
  await screenshot(page, 'district-matches-en');
  await suggestion.getByRole('button', { name: 'Same child', exact: true }).click();
  await expect(page.getByText('Confirmed. Both stations will be told in their next receipts.')).toBeVisible();
  await expect(page.getByText('No suggestions now.')).toBeVisible();

  // The monthly return: charts and tables for November 2026, in English and Urdu.
  await page.getByRole('button', { name: 'Monthly return' }).click();
  await page.getByLabel('Month', { exact: true }).fill('2026-11');
  await expect(page.getByTestId('return-charts').locator('svg')).toHaveCount(3);
  await expect(page.locator('.return-table').first()).toContainText('QTA01');
  await screenshot(page, 'district-return-en');
  // Print / PDF: the printed return (as the CLI's --pdf) goes into the print frame and its dialog.
  await page.getByRole('button', { name: 'Print / PDF' }).click();
  // The frame has no size on screen (it only feeds the print dialog), so its content is looked for, not seen.
  await expect(page.frameLocator('[data-testid="return-print-frame"]').locator('h1')).toHaveText('Monthly return');
  await expect(page.frameLocator('[data-testid="return-print-frame"]').locator('svg')).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Print / PDF' })).toBeEnabled();
  // Save as PDF: the same return, printed by the host's Chromium, named by district, month and language.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save as PDF' }).click();
  const pdf = await download;
  expect(pdf.suggestedFilename()).toBe('return-Quetta-2026-11-en.pdf');
  expect(readFileSync((await pdf.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(page.getByTestId('return-pdf-saved')).toContainText(/is ready \(\d+ pages\)/);
  await page.getByRole('button', { name: 'اردو' }).click();
  await expect(page.getByRole('heading', { name: 'ماہانہ گوشوارہ' })).toBeVisible();
  await screenshot(page, 'district-return-ur');
  await page.getByRole('button', { name: 'English' }).click();
});
