// End-to-end: Trends on the demo notebook — charts with tables that match the notes, a
// warning from the setback, milestones, suggestions that can be dismissed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, freshPage } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const AREAS = ['Emotion regulation', 'Interpersonal effectiveness', 'Distress tolerance', 'Mindfulness'];

test('demo Trends: four skill-area charts whose tables match the notes, a warning, a milestone', async () => {
  const { context, page, errors } = await freshPage(browser, server.url);
  await page.getByRole('button', { name: 'Open demo notebook' }).click();
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Jordan Rivera (demo)' }).click();

  // The scores each note shows in the list, by date.
  const listed = new Map();
  for (const item of await page.getByRole('list', { name: 'Progress notes' }).getByRole('listitem').all()) {
    const text = await item.innerText();
    const date = text.match(/\d{4}-\d{2}-\d{2}/)[0];
    listed.set(date, Object.fromEntries(AREAS.map((a) => [a, text.match(new RegExp(`${a}\\s+([\\d.–]+)`))[1]])));
  }
  assert.equal(listed.size, 26);

  await page.getByRole('tab', { name: 'Trends' }).click();
  await page.getByLabel('Range').selectOption({ label: 'All' });
  for (const area of AREAS) {
    const chart = page.getByRole('img', { name: new RegExp(`^${area} trend`) });
    assert.equal(await chart.count(), 1, `${area} chart`);
    assert.match(await chart.getAttribute('aria-label'), /26 session\(s\).*baseline .*current/);
    const table = page.locator('table', { has: page.locator('caption', { hasText: `Indicator history — ${area}` }) });
    const rows = await table.locator('tbody tr').all();
    assert.equal(rows.length, 26);
    for (const row of rows) {
      const date = (await row.locator('th').textContent()).trim();
      const score = (await row.locator('td').last().textContent()).trim();
      assert.ok(listed.has(date), `table date ${JSON.stringify(date)} not among ${[...listed.keys()].slice(0, 3)}`);
      assert.equal(score, listed.get(date)[area], `${area} ${date}`);
    }
  }

  // Indicators have their own reliable change, read in their direction: fewer outbursts is
  // an improvement.
  const byIndicator = page.locator('table', { has: page.locator('caption', { hasText: 'Reliable change by indicator' }) });
  assert.equal(await byIndicator.locator('tbody tr').count(), 13);
  const outbursts = byIndicator.locator('tbody tr', { has: page.locator('th', { hasText: 'Emotional outbursts' }) });
  assert.match(await outbursts.textContent(), /-\d+\.\d+.*Reliably improved/);

  const warnings = page.getByRole('list', { name: 'Early warning signs' }).getByRole('listitem');
  assert.ok(await warnings.count() >= 1, 'the setback raises a warning');
  const warningText = await page.getByRole('list', { name: 'Early warning signs' }).innerText();
  assert.match(warningText, /urges have been higher over the last 7 days|Target behaviour returned after a streak/);
  assert.match(warningText, /Rule: /, 'each warning states its rule');

  const milestones = await page.getByRole('list', { name: 'Milestones reached' }).innerText();
  assert.match(milestones, /30 days without acting on a target behaviour/);
  assert.match(milestones, /Goal achieved: Use TIPP when urges peak/);

  // Suggestions can be dismissed, and stay dismissed.
  const suggestions = page.getByRole('list', { name: 'Treatment suggestions' }).getByRole('listitem');
  const before = await suggestions.count();
  assert.ok(before >= 1);
  await suggestions.first().getByRole('button', { name: /^Dismiss suggestion/ }).click();
  await page.getByRole('status').filter({ hasText: 'Suggestion dismissed' }).waitFor();
  assert.equal(await suggestions.count(), before - 1);

  // Diary-card charts and the weekday table exist too.
  assert.equal(await page.getByRole('img', { name: /^Urges trend/ }).count(), 1);
  assert.equal(await page.locator('caption', { hasText: 'Urges by weekday' }).count(), 1);
  // Reliable-change parameters are the clinician's: a very wide SD makes the change unreliable.
  const summaryRow = () => page.locator('table', { has: page.locator('caption', { hasText: 'Effectiveness summary' }) })
    .getByRole('row', { name: /^Emotion regulation/ });
  assert.match(await summaryRow().innerText(), /Reliably improved/);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('spinbutton', { name: 'SD Emotion regulation' }).fill('10');
  await page.getByRole('spinbutton', { name: 'r Emotion regulation' }).fill('0');
  await page.getByRole('button', { name: 'Save reliable-change parameters' }).click();
  await page.getByRole('status').filter({ hasText: 'Reliable-change parameters saved' }).waitFor();
  await page.getByRole('link', { name: 'Clients', exact: true }).click();
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Jordan Rivera (demo)' }).click();
  await page.getByRole('tab', { name: 'Trends' }).click();
  assert.match(await summaryRow().innerText(), /No reliable change/);
  assert.deepEqual(errors, []);
  await context.close();
});
