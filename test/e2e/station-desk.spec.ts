import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enrollStation, importBundles, writeDistrictKeyFile, writeReceipt } from '../../src/services/bundles.js';
import { initDistrict } from '../../src/services/register.js';
import type { Page } from '@playwright/test';
import { expect, karachiLocal, screenshot, test } from './fixtures.js';

const PASSPHRASE = 'correct horse battery staple';

test.describe.configure({ mode: 'serial' });

// Each test starts at the lock screen, as the next officer at a shared PC would.
test.beforeEach(({ server }) => server.host.lock());

/** No English prose on screen in Urdu mode: alerts and field errors carry Urdu only. */
async function expectOnlyUrdu(page: import('@playwright/test').Page) {
  for (const text of await page.getByRole('alert').allInnerTexts()) {
    expect(text).toMatch(/[\u0600-\u06FF]/);
    expect(text).not.toMatch(/[A-Za-z]{3,}/);
  }
  expect(await page.locator('form[novalidate]').count()).toBe(await page.locator('form').count());
}

/**
 * Whether a "YYYY-MM-DD HH:MM" inside the element is drawn in that order, year left of the time: in an Urdu
 * sentence without direction isolation the bidi algorithm draws it as "HH:MMDD-MM-YYYY".
 */
async function timeReadsInOrder(locator: import('@playwright/test').Locator): Promise<boolean | null> {
  return locator.first().evaluate((element) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const match = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.exec(node.textContent ?? '');
      if (!match) continue;
      const left = (from: number, to: number) => {
        const range = document.createRange();
        range.setStart(node, from);
        range.setEnd(node, to);
        return range.getBoundingClientRect().left;
      };
      const end = match.index + match[0].length;
      return left(match.index, match.index + 4) < left(end - 5, end);
    }
    return null;
  });
}

/** The fonts Chromium really drew an element's text with (DevTools protocol), for a text that is all in it. */
async function fontsDrawing(page: Page, selector: string, text: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
  const families = new Set<string>();
  for (const nodeId of nodeIds) {
    const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1 });
    const textChild = node.children?.find((child) => child.nodeType === 3 && child.nodeValue.includes(text));
    if (!textChild) continue;
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    for (const font of fonts) families.add(font.familyName);
  }
  await cdp.detach();
  return [...families].sort();
}

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
  // In Urdu, an empty submit marks every required field in Urdu, beside it; no browser bubble, no English.
  await page.getByRole('button', { name: 'اردو' }).click();
  await expect(page.getByRole('heading', { name: 'اس تھانے کی تیاری' })).toBeVisible();
  await screenshot(page, 'setup-ur');
  await page.getByRole('button', { name: 'رجسٹر بنائیں' }).click();
  await expect(page.getByRole('textbox', { name: 'تھانے کا کوڈ' })).toHaveAccessibleDescription(/ضروری ہے/);
  await expect(page.getByRole('textbox', { name: 'تھانے کا کوڈ' })).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'ضلع' })).toHaveAccessibleDescription('ضروری ہے');
  await expect(page.getByLabel('پاس فریز دوبارہ')).toHaveAccessibleDescription('ضروری ہے');
  await expectOnlyUrdu(page);
  await screenshot(page, 'setup-errors-ur');
  await page.getByRole('button', { name: 'English' }).click();
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
  // Names and the B-Form are masked on the case screen as in the register, until "Show names".
  await expect(page.getByTestId('child-name')).not.toContainText('زینب بی بی');
  await expect(page.getByTestId('b-form')).toContainText('5••••-•••••••-•');
  await page.getByRole('button', { name: 'Show names' }).click();
  await expect(page.getByText('زینب بی بی')).toBeVisible();
  await expect(page.getByTestId('b-form')).toContainText('54400-1234567-1');

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
  // "When" is the time the step was done: no second "Done at" defaulting to now.
  await expect(form.getByLabel('Done at')).toHaveCount(0);
  await screenshot(page, 'complete-step-en');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(a2).toHaveAttribute('data-state', 'done');
  await expect(a2).toContainText('Done by Inspector Naseem');
  await expect(a2).toContainText('How: Phone');
  // Told an hour after the arrest, within the 2-hour target: not late.
  await expect(a2.getByText('late', { exact: true })).toHaveCount(0);

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
  // Digits in Urdu mode come from Noto Sans, as on the printed forms: Nastaliq's Latin subset would draw the
  // case number as "QTA0۱".
  // (The protocol names fonts by their own family name: the 'Latin in Urdu' face is the Noto Sans file.)
  expect(await fontsDrawing(page, '.case-view h1 > span[dir="ltr"]', 'QTA01')).toEqual(['Noto Sans']);
  // Right-to-left: the page's inline start is on the right.
  const back = await page.getByRole('button', { name: 'رجسٹر پر واپس' }).boundingBox();
  expect(back!.x).toBeGreaterThan(640);
  // The same checklist, in Urdu and right-to-left: A2 done, A6's clock in Urdu words.
  await expect(page.locator('li[data-rule="A2"]')).toContainText('مکمل');
  await expect(page.locator('li[data-rule="A6"] [data-clock]')).toHaveText(/میں واجب$/);
  // Times inside Urdu sentences read as written: 2026-12-01 13:00, not 13:0001-12-2026.
  expect(await timeReadsInOrder(page.locator('.case-view > .toolbar .muted'))).toBe(true);
  expect(await timeReadsInOrder(page.locator('li[data-rule="A2"] .step-done'))).toBe(true);
  await screenshot(page, 'case-ur');
  await page.getByRole('button', { name: 'فوری کام' }).click();
  await expect(page.getByRole('heading', { name: 'فوری کام' })).toBeVisible();
  expect(await timeReadsInOrder(page.locator('.due-board .toolbar .muted'))).toBe(true);
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
  await expect(page.getByRole('textbox', { name: 'بچے کا نام' })).toBeFocused();
  await screenshot(page, 'intake-ur');
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
  // Both languages: the station chooses stacked or side by side, and the preview follows.
  await page.getByLabel('Language').selectOption('both');
  await expect(preview.locator('.bi-stacked').first()).toBeAttached();
  await page.getByLabel('Both languages').selectOption('side');
  await expect(preview.locator('.bi-side').first()).toBeAttached();
  await page.getByRole('button', { name: 'Print…' }).click();
  await expect(preview.locator('body')).not.toContainText('PREVIEW');
});

test('save as PDF: the signed form printed by the host\'s Chromium, named by case number, form and language', async ({ page, server }) => {
  await unlock(page, server.url);
  await page.getByTestId('register-rows').getByRole('listitem').first().click();
  await page.getByRole('button', { name: 'Print…' }).click();
  await page.getByLabel('Form', { exact: true }).selectOption('guardian-notice');
  await page.getByLabel('Language').selectOption('ur');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save as PDF' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^QTA01-\d{4}-0001-guardian-notice-ur\.pdf$/);
  expect(readFileSync((await file.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(page.getByTestId('form-pdf-saved')).toContainText(/is ready \(\d+ pages\)/);
});

test('a missing child: B-Form duplicate warning under the names, every detail on the case screen, recovery, referral outcome, closing', async ({ page, server }) => {
  await unlock(page, server.url);
  await page.keyboard.press('Alt+N');
  await page.getByLabel('Category').selectOption('missing');
  await page.getByLabel('Child’s name').fill('سارہ');
  await page.getByLabel('Name in the other script').fill('Sara');
  // The same B-Form as Zainab's: the strongest sign of a duplicate, whatever the name.
  await page.getByLabel('B-Form / CRC number').fill('54400-1234567-1');
  const warning = page.getByTestId('duplicate-warning');
  await expect(warning.getByTestId('similar-case')).toHaveAttribute('data-strength', 'b-form');
  await expect(warning).toContainText('same B-Form');
  await expect(warning).toContainText(/QTA01-\d{4}-0001/);
  await expect(warning).not.toContainText('زینب بی بی');
  // Right under the name fields, above the rest of the child's details.
  const box = (await warning.boundingBox())!;
  expect(box.y).toBeGreaterThan((await page.getByLabel('Father’s / guardian’s name').boundingBox())!.y);
  expect(box.y).toBeLessThan((await page.getByLabel('Gender').boundingBox())!.y);
  await warning.getByRole('button', { name: 'Show names' }).click();
  await expect(warning).toContainText('زینب بی بی');
  await screenshot(page, 'intake-duplicate-en');

  await page.getByLabel('B-Form / CRC number').fill('54400-7654321-2');
  await page.getByLabel('Father’s / guardian’s name').fill('Abdul Rahim');
  await page.getByLabel('Gender').selectOption('female');
  await page.getByLabel('Age (claimed or apparent)').fill('9');
  await page.getByLabel('Language').fill('Brahui');
  await page.getByLabel('Disability').fill('Hearing');
  await page.getByLabel('Address').first().fill('House 4, Jinnah Road');
  await page.getByLabel('Guardian’s name', { exact: true }).fill('Amina');
  await page.getByLabel('Relation').fill('mother');
  await page.getByLabel('Last seen where').fill('Liaquat Bazaar');
  await page.getByLabel('Description (height, clothes, marks)').fill('Green frock');
  await page.getByLabel('Notes').fill('Mother came at 10:00');
  await page.getByRole('button', { name: 'Save case' }).click();
  await expect(page.getByRole('heading', { name: /QTA01-\d{4}-0002 · Missing child/ })).toBeVisible();

  const details = page.locator('.case-view dl').first();
  for (const text of ['Brahui', 'Hearing', 'Liaquat Bazaar', 'Green frock', 'Mother came at 10:00', 'Quetta']) await expect(details).toContainText(text);
  await expect(details).not.toContainText('Jinnah Road');
  await expect(details).not.toContainText('سارہ');
  await page.getByRole('button', { name: 'Show names' }).click();
  await expect(details).toContainText('House 4, Jinnah Road');
  await expect(page.getByTestId('guardian')).toContainText('Amina (mother)');
  // ہ is drawn by the bundled Nastaliq font even in English mode (Noto Sans has no Urdu letters).
  const name = page.getByTestId('child-name').locator('dd');
  await expect(name).toHaveText('سارہ');
  const faces = await name.evaluate(async (element) => {
    const style = getComputedStyle(element);
    return (await document.fonts.load(`${style.fontSize} ${style.fontFamily}`, 'ہ')).map((face) => face.family.replace(/"/g, ''));
  });
  expect(faces).toContain('Noto Nastaliq Urdu');

  // M1 open, so the case is on the due board; its evidence form refuses blanks in Urdu, beside the fields.
  await expect(page.locator('li[data-rule="M1"]')).toHaveAttribute('data-state', /pending|due_soon/);
  await page.getByRole('button', { name: 'اردو' }).click();
  const m1 = page.locator('li[data-rule="M1"]');
  await m1.getByRole('button', { name: 'مکمل درج کریں' }).click();
  await m1.getByRole('button', { name: 'محفوظ کریں' }).click();
  await expect(m1.getByRole('textbox', { name: 'ایف آئی آر نمبر' })).toHaveAccessibleDescription('ضروری ہے');
  await expect(m1.getByLabel('اندراج کا وقت')).toHaveAccessibleDescription(/ضروری ہے/);
  await expectOnlyUrdu(page);
  await screenshot(page, 'step-errors-ur');
  await m1.getByRole('button', { name: 'منسوخ' }).click();

  // A referral refuses an empty "referred to" in Urdu too; its outcome can be recorded later.
  await page.getByRole('button', { name: 'ریفرل شامل کریں' }).click();
  await expect(page.getByRole('combobox', { name: 'کس کو بھیجا' })).toHaveAccessibleDescription('ضروری ہے');
  await expectOnlyUrdu(page);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByLabel('Referred to').selectOption('edhi');
  await page.getByRole('button', { name: 'Add referral' }).click();
  const referral = page.getByTestId('referral');
  await expect(referral).toContainText('Outcome not recorded yet');
  await referral.getByRole('button', { name: 'Record outcome' }).click();
  await referral.getByRole('textbox', { name: 'Outcome' }).fill('Sheltered overnight, returned to mother');
  await referral.getByRole('button', { name: 'Save' }).click();
  await expect(referral).toContainText('Outcome: Sheltered overnight, returned to mother');

  // Recovery and hand-over, then the form shows what is recorded.
  const followUp = page.getByRole('form', { name: 'Missing child follow-up' });
  const recovered = karachiLocal(new Date(Date.now() - 3600_000));
  await followUp.getByLabel('Recovered at').fill(recovered);
  await followUp.getByLabel('Recovered where').fill('Edhi centre Sariab');
  await followUp.getByLabel('Handed over to').fill('Amina (mother)');
  await followUp.getByLabel('Handed over at').fill(recovered);
  await followUp.getByRole('button', { name: 'Save' }).click();
  await expect(details).toContainText('Edhi centre Sariab');
  await expect(followUp.getByLabel('Recovered where')).toHaveValue('Edhi centre Sariab');
  await expect(followUp.getByLabel('Recovered at')).toHaveValue(recovered);
  await expect(page.locator('li[data-rule="M3"]')).toHaveAttribute('data-state', 'done');

  await page.getByRole('button', { name: 'Due now' }).click();
  const caseNumber = /QTA01-\d{4}-0002/;
  await expect(page.locator('tr[data-rule="M1"]')).toContainText(caseNumber);
  await page.locator('tr[data-rule="M1"]').getByRole('button').click();

  // Closing asks for a reason (in place), goes through case.update, and takes the case off the due board.
  await page.getByRole('button', { name: 'Close case' }).click();
  const closeForm = page.getByRole('form', { name: 'Close this case' });
  await closeForm.getByRole('button', { name: 'Close case' }).click();
  await expect(closeForm.getByLabel('Reason')).toHaveAccessibleDescription('Required');
  await closeForm.getByLabel('Reason').selectOption('handed_over');
  await screenshot(page, 'close-case-en');
  await closeForm.getByRole('button', { name: 'Close case' }).click();
  await expect(page.getByTestId('case-status')).toHaveText('Closed');
  await expect(page.getByTestId('notes')).toContainText('Child recovered and handed over');
  await page.getByRole('button', { name: 'Due now' }).click();
  await expect(page.locator('.due-table, .empty').first()).toBeVisible();
  await expect(page.locator('.due-board')).not.toContainText(caseNumber);
  await page.getByRole('button', { name: 'Register' }).click();
  await page.getByLabel('Status').selectOption('closed');
  const rows = page.getByTestId('register-rows').getByRole('listitem');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(caseNumber);
  await rows.first().click();
  await page.getByRole('button', { name: 'Reopen case' }).click();
  await expect(page.getByTestId('case-status')).toHaveText('Open');
  const stillClosed = (await server.host.call('case.list', { status: 'closed' })) as { result: unknown[] };
  expect(stillClosed.result).toHaveLength(0);
});

test('login, users and settings: empty submits in Urdu, the passphrase twice, an inline reset', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: 'Unlock the register' })).toBeVisible();
  await screenshot(page, 'login-en');
  await page.getByRole('button', { name: 'اردو' }).click();
  await screenshot(page, 'login-ur');
  await page.getByRole('button', { name: 'کھولیں' }).click();
  await expect(page.getByRole('textbox', { name: 'صارف نام' })).toHaveAccessibleDescription('ضروری ہے');
  await expect(page.getByLabel('پاس فریز')).toHaveAccessibleDescription('ضروری ہے');
  await expectOnlyUrdu(page);
  // A wrong passphrase: the banner in Urdu only, with what to do.
  await page.getByRole('textbox', { name: 'صارف نام' }).fill('incharge');
  await page.getByLabel('پاس فریز').fill('not the passphrase');
  await page.getByRole('button', { name: 'کھولیں' }).click();
  await expect(page.locator('[data-code="WRONG_PASSPHRASE"]')).toContainText('صارف کا نام یا پاس فریز غلط ہے۔');
  await expect(page.getByLabel('پاس فریز')).not.toHaveAccessibleDescription('ضروری ہے');
  await expectOnlyUrdu(page);
  await page.getByLabel('پاس فریز').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'کھولیں' }).click();

  await page.getByRole('button', { name: 'صارفین' }).click();
  const addForm = page.getByRole('form', { name: 'صارف شامل کریں' });
  await addForm.getByRole('button', { name: 'صارف شامل کریں' }).click();
  await expect(addForm.getByRole('textbox', { name: 'صارف نام' })).toHaveAccessibleDescription('ضروری ہے');
  await expect(addForm.getByLabel('پاس فریز', { exact: true })).toHaveAccessibleDescription(/ضروری ہے/);
  await expect(addForm.getByLabel('پاس فریز دوبارہ')).toHaveAccessibleDescription('ضروری ہے');
  await expectOnlyUrdu(page);
  await addForm.getByRole('textbox', { name: 'صارف نام' }).fill('desk1');
  await addForm.getByLabel('پاس فریز', { exact: true }).fill('short');
  await addForm.getByLabel('پاس فریز دوبارہ').fill('shorter');
  // Too short is said under the passphrase, not in a banner; the two must agree.
  await expect(addForm.getByLabel('پاس فریز', { exact: true })).toHaveAccessibleDescription(/کم از کم 10 حروف$/);
  await expect(addForm.getByLabel('پاس فریز دوبارہ')).toHaveAccessibleDescription('دونوں پاس فریز مختلف ہیں');
  await expect(page.locator('.banner-error')).toHaveCount(0);
  await screenshot(page, 'users-errors-ur');
  await addForm.getByLabel('پاس فریز', { exact: true }).fill('desk officer one passphrase');
  await addForm.getByLabel('پاس فریز دوبارہ').fill('desk officer one passphrase');
  await addForm.getByRole('button', { name: 'صارف شامل کریں' }).click();
  const desk = page.locator('tr[data-user="desk1"]');
  await expect(desk).toBeVisible();
  await screenshot(page, 'users-ur');

  // Setting a passphrase: inline, typed twice, no browser prompt.
  await page.getByRole('button', { name: 'English' }).click();
  await desk.getByRole('button', { name: 'Set passphrase' }).click();
  const reset = desk.getByRole('form');
  await reset.getByLabel(/^New passphrase for/).fill('a new desk passphrase');
  await reset.getByLabel('Passphrase again').fill('a new desk passphrase!');
  await reset.getByRole('button', { name: 'Set passphrase' }).click();
  await expect(reset.getByLabel('Passphrase again')).toHaveAccessibleDescription('The two passphrases differ');
  await screenshot(page, 'users-reset-en');
  await reset.getByLabel('Passphrase again').fill('a new desk passphrase');
  await reset.getByRole('button', { name: 'Set passphrase' }).click();
  await expect(page.getByText(/New passphrase set for/)).toBeVisible();
  await screenshot(page, 'users-en');

  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Station settings' })).toBeVisible();
  await page.getByLabel('Target in hours').fill('');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByLabel('Target in hours')).toHaveAccessibleDescription('Required');
  await page.getByLabel('Target in hours').fill('2');
  await screenshot(page, 'settings-en');
  await page.getByRole('button', { name: 'اردو' }).click();
  await expect(page.getByRole('heading', { name: 'تھانے کی ترتیبات' })).toBeVisible();
  await screenshot(page, 'settings-ur');
  await page.getByRole('button', { name: 'English' }).click();

  // The new passphrase opens the register for that officer.
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByLabel('User name').fill('desk1');
  await page.getByLabel('Passphrase').fill('a new desk passphrase');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { name: 'Case register' })).toBeVisible();
});
