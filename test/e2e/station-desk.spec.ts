import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enrollStation, importBundles, writeDistrictKeyFile, writeReceipt } from '../../src/services/bundles.js';
import { initDistrict } from '../../src/services/register.js';
import { expect, karachiLocal, screenshot, test } from './fixtures.js';

const PASSPHRASE = 'correct horse battery staple';

test.describe.configure({ mode: 'serial' });

// Each test starts at the lock screen, as the next officer at a shared PC would.
test.beforeEach(({ server }) => server.host.lock());

async function unlock(page: import('@playwright/test').Page, url: string) {
  await page.goto(url);
  await page.getByLabel('User name').fill('incharge');
  await page.getByLabel('Passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { name: 'Case register' })).toBeVisible();
}

test('first run: set up the station, see the recovery key once, confirm it was printed', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: 'Set up this station' })).toBeVisible();
  await page.getByLabel('Station code').fill('QTA01');
  await page.getByLabel('Station name').fill('Civil Lines Quetta');
  await page.getByLabel('District', { exact: true }).fill('Quetta');
  await page.getByLabel('In-charge user name').fill('incharge');
  await page.getByLabel('Full name').fill('Inspector Naseem');
  await page.getByLabel('Passphrase', { exact: true }).fill('short');
  await page.getByLabel('Passphrase again').fill('shorter');
  await expect(page.getByText('At least 10 characters', { exact: true })).toBeVisible();
  await expect(page.getByText('The two passphrases differ')).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Passphrase again').fill(PASSPHRASE);
  await screenshot(page, 'setup-en');
  await page.getByRole('button', { name: 'Create register' }).click();

  await expect(page.getByTestId('recovery-key')).toHaveText(/^([A-Z2-7]{5}-){10}[A-Z2-7]{5}$/);
  await screenshot(page, 'recovery-key-en');
  const continueButton = page.getByRole('button', { name: 'Continue' });
  await expect(continueButton).toBeDisabled();
  await page.getByLabel(/I have printed or written down/).check();
  await continueButton.click();
  await expect(page.getByRole('heading', { name: 'Case register' })).toBeVisible();
});

test('intake: a juvenile arrested 23 hours ago, with field errors in place and nothing lost', async ({ page, server }) => {
  await unlock(page, server.url);

  await page.keyboard.press('Alt+N');
  await expect(page.getByRole('heading', { name: 'New case' })).toBeVisible();
  await expect(page.getByLabel('Child’s name')).toBeFocused();
  await page.getByLabel('Child’s name').fill('زینب بی بی');
  await page.getByLabel('Name in the other script').fill('Zainab Bibi');
  await page.getByLabel('B-Form / CRC number').fill('12345');
  await page.getByRole('button', { name: 'Save case' }).click();
  // Errors appear beside their fields; what was typed stays.
  await expect(page.getByText('13 digits, e.g. 54400-1234567-1')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Gender' })).toHaveAccessibleDescription('Choose one of the options');
  await expect(page.getByLabel('Child’s name')).toHaveValue('زینب بی بی');
  await screenshot(page, 'intake-errors-en');

  await page.getByLabel('B-Form / CRC number').fill('54400-1234567-1');
  await page.getByLabel('Gender').selectOption('female');
  await page.getByLabel('Age (claimed or apparent)').fill('15');
  await page.getByLabel('Guardian’s name', { exact: true }).fill('Muhammad Ali');
  await page.getByLabel('Relation').fill('father');
  await page.getByLabel('Phone').fill('0300-1234567');
  await page.getByLabel('FIR number').fill('123/2026');
  await page.getByLabel('Sections (comma separated)').fill('PPC 379');
  await page.getByLabel('Arrested at').fill(karachiLocal(new Date(Date.now() - 23 * 3600_000)));
  await page.getByLabel('Place of custody').selectOption('observation_home');
  await page.keyboard.press('Control+S');

  await expect(page.getByRole('heading', { name: /QTA01-\d{4}-0001 · Juvenile accused/ })).toBeVisible();
  await expect(page.getByText('زینب بی بی')).toBeVisible();

  // The checklist: A6 (production within 24 h of arrest) shows its live clock with an hour left.
  const a6 = page.locator('li[data-rule="A6"]');
  await expect(a6).toHaveAttribute('data-state', 'due_soon');
  await expect(a6.locator('[data-clock]')).toHaveText(/^due in (1h 0m|5\dm)$/);
  await expect(a6).toContainText('Constitution Art.10(2)');
  await screenshot(page, 'case-en');

  // Complete A2 (inform the guardian) with its evidence; a missing field is refused in place.
  const a2 = page.locator('li[data-rule="A2"]');
  await a2.getByRole('button', { name: 'Mark done' }).click();
  const form = page.getByRole('form', { name: 'Record A2 as done' });
  await form.getByLabel('Guardian informed').fill('Muhammad Ali (father)');
  await form.getByLabel('How').selectOption('phone');
  await form.getByLabel('When', { exact: true }).fill(karachiLocal(new Date(Date.now() - 22 * 3600_000)));
  await screenshot(page, 'complete-step-en');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(a2).toHaveAttribute('data-state', 'done');
  await expect(a2).toContainText('Done by Inspector Naseem');
  await expect(a2).toContainText('How: Phone');

  // The due board lists the case's A6 with its clock, most urgent first, without names.
  await page.keyboard.press('Alt+D');
  await expect(page.getByRole('heading', { name: 'Due now' })).toBeVisible();
  const dueA6 = page.locator('tr[data-rule="A6"]');
  await expect(dueA6).toContainText(/QTA01-\d{4}-0001/);
  await expect(dueA6.locator('[data-clock]')).toHaveText(/^due in/);
  await expect(page.locator('.due-table')).not.toContainText('زینب');
  await screenshot(page, 'due-en');
});

test('register: names masked until shown, search by a Urdu fragment, Urdu right-to-left', async ({ page, server }) => {
  await unlock(page, server.url);
  const rows = page.getByTestId('register-rows').getByRole('listitem');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).not.toContainText('زینب بی بی');
  await page.getByRole('button', { name: 'Show names' }).click();
  await expect(rows.first()).toContainText('زینب بی بی');

  await page.keyboard.press('/');
  await page.keyboard.type('زین');
  await expect(rows).toHaveCount(1);
  await page.getByRole('searchbox').fill('nobody-like-this');
  await expect(page.getByText('No cases match.')).toBeVisible();
  await page.getByRole('searchbox').fill('زین');
  await screenshot(page, 'register-en');

  await page.getByRole('button', { name: 'اردو' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { name: 'کیس رجسٹر' })).toBeVisible();
  await screenshot(page, 'register-ur');
  await rows.first().click();
  await expect(page.getByRole('heading', { name: /QTA01-\d{4}-0001 · کم عمر ملزم/ })).toBeVisible();
  // Right-to-left: the page's inline start is on the right.
  const back = await page.getByRole('button', { name: 'رجسٹر پر واپس' }).boundingBox();
  expect(back!.x).toBeGreaterThan(640);
  // The same checklist, in Urdu and right-to-left: A2 done, A6's clock in Urdu words.
  await expect(page.locator('li[data-rule="A2"]')).toContainText('مکمل');
  await expect(page.locator('li[data-rule="A6"] [data-clock]')).toHaveText(/میں واجب$/);
  await screenshot(page, 'case-ur');
  await page.getByRole('button', { name: 'فوری کام' }).click();
  await expect(page.getByRole('heading', { name: 'فوری کام' })).toBeVisible();
  await screenshot(page, 'due-ur');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
});

test('a save that fails keeps what was typed; errors speak Urdu in Urdu', async ({ page, server }) => {
  await unlock(page, server.url);
  const rows = page.getByTestId('register-rows').getByRole('listitem');
  await rows.first().click();
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Notes').fill('Guardian came at 10:00 with the B-Form');
  // Someone else changes the same case meanwhile (another desk, same register).
  const [first] = ((await server.host.call('case.list', {})) as { result: Array<{ id: string }> }).result;
  await server.host.call('case.update', { id: first!.id, patch: { custody: { releasedAt: new Date().toISOString() } } });
  await page.getByRole('button', { name: 'Save case' }).click();
  await expect(page.getByText('Someone else changed this case after you opened it.')).toBeVisible();
  await expect(page.getByLabel('Notes')).toHaveValue('Guardian came at 10:00 with the B-Form');

  await page.getByRole('button', { name: 'اردو' }).click();
  await expect(page.getByText('آپ کے کھولنے کے بعد کسی اور نے یہ کیس تبدیل کر دیا۔')).toBeVisible();
  // Leaving with unsaved entries asks first, in Urdu.
  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.message();
    void dialog.accept();
  });
  await page.getByRole('button', { name: 'منسوخ' }).click();
  expect(asked).toContain('محفوظ نہیں');
  await page.getByRole('button', { name: 'نیا کیس' }).click();
  await page.getByRole('button', { name: 'کیس محفوظ کریں' }).click();
  await expect(page.getByRole('textbox', { name: 'بچے کا نام' })).toHaveAccessibleDescription('ضروری ہے');
  await screenshot(page, 'intake-errors-ur');
  await page.getByRole('button', { name: 'English' }).click();
});

test('district link: pin the district key, export a bundle the district imports, import its receipt', async ({ page, server }) => {
  const dir = mkdtempSync(join(tmpdir(), 'childdesk-e2e-district-'));
  const { session: district } = await initDistrict({ path: join(dir, 'district.db'), district: 'Quetta', username: 'cpu', passphrase: PASSPHRASE }, { scrypt: { N: 2 ** 14, r: 8, p: 1 } });
  try {
    await writeDistrictKeyFile(district, join(dir, 'district.pub'));
    await unlock(page, server.url);
    // The register filter: only cases with an overdue step (the juvenile's guardian notice is overdue).
    await page.getByLabel('Overdue steps only').check();
    await expect(page.getByTestId('register-rows').getByRole('listitem')).toHaveCount(1);

    await page.getByRole('button', { name: 'District link' }).click();
    await expect(page.getByTestId('station-fingerprint')).toHaveText(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    await expect(page.getByRole('button', { name: 'Export bundle' })).toBeDisabled();
    await page.getByLabel('Pin district key file…').setInputFiles(join(dir, 'district.pub'));
    await expect(page.getByText(/District key of Quetta pinned\. Fingerprint: /)).toBeVisible();

    // The district enrolls the station's key file (the in-charge saves it and carries it over).
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save station key file' }).click();
    await (await download).saveAs(join(dir, 'QTA01.pub'));
    await enrollStation(district, join(dir, 'QTA01.pub'));

    await page.getByRole('button', { name: 'Export bundle' }).click();
    await expect(page.getByText(/Bundle no\. 1 written with 1 cases\./)).toBeVisible();
    const path = (await page.getByTestId('export-path').locator('code').textContent())!;
    await screenshot(page, 'district-link-en');
    const [report] = await importBundles(district, [path]);
    expect(report).toMatchObject({ code: 'ok', casesAdded: 1 });

    await writeReceipt(district, 'QTA01', join(dir, 'receipt.json'));
    await page.getByLabel('Import receipt…').setInputFiles(join(dir, 'receipt.json'));
    await expect(page.getByText('Receipt imported: the district holds every bundle through no. 1.')).toBeVisible();
    await page.getByRole('button', { name: 'اردو' }).click();
    await expect(page.getByRole('heading', { name: 'ضلع سے رابطہ' })).toBeVisible();
    await screenshot(page, 'district-link-ur');
    await page.getByRole('button', { name: 'English' }).click();
  } finally {
    district.register.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('print: an unsigned preview of a form, then the signed copy for the print dialog', async ({ page, server }) => {
  await unlock(page, server.url);
  await page.getByTestId('register-rows').getByRole('listitem').first().click();
  await page.getByRole('button', { name: 'Print…' }).click();
  await expect(page.getByRole('heading', { name: 'Print a form' })).toBeVisible();
  const preview = page.frameLocator('iframe.form-preview');
  await expect(preview.locator('body')).toContainText(/QTA01-\d{4}-0001/);
  await expect(preview.locator('body')).toContainText('PREVIEW');
  await page.getByLabel('Form', { exact: true }).selectOption('guardian-notice');
  await page.getByLabel('Language').selectOption('ur');
  await expect(preview.locator('html')).toHaveAttribute('dir', 'rtl');
  await screenshot(page, 'print-preview-ur');
  await page.getByRole('button', { name: 'Print…' }).click();
  await expect(preview.locator('body')).not.toContainText('PREVIEW');
});
