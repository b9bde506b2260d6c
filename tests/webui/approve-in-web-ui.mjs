// Approves a Continuity operation from the Temporal Web UI, as an operator would, in headless
// Chromium: the workflow list filtered on DrAwaitingApproval = true, the operation's page, More
// Actions > Send a Signal "approval" with the approval as JSON; then waits for the UI to show the
// operation completed. Screenshots of each step go to SCREENSHOTS.
//
// Environment: UI_URL (e.g. http://127.0.0.1:8233), NAMESPACE (default), OPERATION (workflow id),
// SIGNAL_JSON (the signal's input), SCREENSHOTS (a directory), NODE_MODULES (where playwright-core is),
// CHROMIUM (default /usr/bin/chromium), TIMEOUT_MS (default 120000).
// Exit 0 when the UI shows the operation completed; 1 with the reason otherwise.
import { createRequire } from 'module';
import path from 'path';
import fs from 'fs';

const env = (name, fallback) => {
  const v = process.env[name] ?? fallback;
  if (v === undefined) { console.error(`approve-in-web-ui: ${name} is not set`); process.exit(2); }
  return v;
};
const ui = env('UI_URL').replace(/\/$/, '');
const namespace = env('NAMESPACE', 'default');
const operation = env('OPERATION');
const signalJson = env('SIGNAL_JSON');
const shots = env('SCREENSHOTS');
const timeout = Number(env('TIMEOUT_MS', '120000'));
const require = createRequire(path.join(env('NODE_MODULES'), 'noop.js'));
const { chromium } = require('playwright-core');
fs.mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: env('CHROMIUM', '/usr/bin/chromium'),
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
page.setDefaultTimeout(30000);
const shot = (name) => page.screenshot({ path: path.join(shots, name), fullPage: false });
try {
  // 1. The workflow list, filtered as docs/operations.md tells operators to.
  const list = `${ui}/namespaces/${namespace}/workflows?query=${encodeURIComponent('DrAwaitingApproval = true')}`;
  const deadline = Date.now() + timeout;
  let link;
  for (;;) {
    await page.goto(list);
    link = page.getByRole('link', { name: operation, exact: true }).first();
    try { await link.waitFor({ timeout: 5000 }); break; } catch (e) {
      if (Date.now() > deadline) throw new Error(`${operation} did not appear in the list of operations awaiting approval`);
    }
  }
  await shot('1-awaiting-approval-list.png');

  // 2. The operation's page.
  await link.click();
  await page.getByRole('button', { name: 'More Actions' }).first().waitFor();
  await shot('2-operation.png');

  // 3. More Actions > Send a Signal: name "approval", the approval as JSON.
  await page.getByRole('button', { name: 'More Actions' }).first().click();
  await page.locator('[data-testid=signal-button]:visible').click();
  // With a worker running, the UI lists the signals the workflow defines (its metadata query);
  // without one it offers a free-text name.
  const picker = page.locator('[data-testid=signal-select-button]:visible');
  const freeText = page.locator('#signal-name:visible');
  await picker.or(freeText).first().waitFor();
  if (await picker.isVisible().catch(() => false)) {
    await picker.click();
    await page.getByRole('option', { name: 'approval', exact: true }).filter({ visible: true }).first().click();
  } else {
    await freeText.fill('approval');
  }
  const editor = page.locator('.cm-content:visible').first();
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(signalJson);
  // Leaving the editor reformats the JSON and resizes the dialog: let it settle before submitting.
  await page.locator('h5:visible', { hasText: 'Input' }).first().click();
  await page.waitForTimeout(500);
  await shot('3-send-signal.png');
  await page.locator('[data-testid=confirm-modal-button]:visible').click();
  await page.getByText('Send a Signal', { exact: true }).filter({ visible: true }).first().waitFor({ state: 'hidden', timeout: 15000 }).catch(async () => {
    throw new Error('the Send a Signal dialog did not close after Submit (see failure.png)');
  });

  // 4. The signal is in the history, and the operation goes on to complete.
  for (;;) {
    await page.reload();
    const completed = await page.getByText('Completed', { exact: true }).filter({ visible: true }).first()
      .waitFor({ timeout: 5000 }).then(() => true, () => false);
    if (completed) break;
    if (Date.now() > deadline) throw new Error(`${operation} did not complete after the approval signal`);
  }
  await shot('4-completed.png');
  console.log(`approve-in-web-ui: ${operation} approved from the Web UI and completed`);
  await browser.close();
  process.exit(0);
} catch (e) {
  await shot('failure.png').catch(() => {});
  await page.content().then((html) => fs.writeFileSync(path.join(shots, 'failure.html'), html)).catch(() => {});
  console.error(`approve-in-web-ui: ${e.message}`);
  await browser.close();
  process.exit(1);
}
