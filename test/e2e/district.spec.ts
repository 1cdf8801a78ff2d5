import { mkdtempSync, rmSync } from 'node:fs';
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
    await exportBundle(station, join(dir, 'b1.chd'));
    expect((await importBundles(district, [join(dir, 'b1.chd')]))[0]).toMatchObject({ code: 'ok' });
    district.register.close();
    station.register.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  await page.getByRole('button', { name: 'Stations' }).click();
  const row = page.locator('tr[data-station="QTA01"]');
  await expect(row).toContainText('No. 1, 0 day(s) ago');
  await expect(row).toContainText('All well');
  await screenshot(page, 'district-stations-en');

  await page.getByRole('button', { name: 'Register' }).click();
  const rows = page.getByTestId('register-rows').getByRole('listitem');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('name withheld (JJSA s.13)');
  await rows.first().click();
  await expect(page.getByText('Station record (read-only at the district)')).toBeVisible();
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
});
