// End-to-end: the key is derived in a worker (src/derive.rs). While Argon2id runs the page
// answers input, shows that it is working, and Cancel or Lock stop it with nothing opened.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve, launch, freshPage, createNotebook, unlock, addClient, exportBundle, previewImport, PASSPHRASE } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const clientList = (page) => page.getByRole('list', { name: 'Clients', exact: true });

/** Record, for every click the page handles, how long after the input it ran and whether
 *  the key was still being derived (the progress bar shown). */
async function watchClicks(page) {
  await page.evaluate(() => {
    window.clicks = [];
    document.addEventListener('click', (e) => {
      window.clicks.push({
        delay: performance.now() - e.timeStamp,
        deriving: !!document.querySelector('progress'),
        status: document.querySelector('[role="status"]')?.textContent ?? '',
      });
    }, { capture: true });
  });
}

async function answersWhileDeriving(url) {
  const { context, page, errors } = await freshPage(browser, url);
  await createNotebook(page);
  await addClient(page, 'Orrin Vale');
  await page.getByRole('button', { name: 'Lock' }).click();
  await watchClicks(page);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('progressbar', { name: 'Working' }).waitFor();
  // Real mouse input on the page's heading while Argon2id runs.
  await page.mouse.click(5, 5);
  await clientList(page).getByRole('link', { name: 'Orrin Vale' }).waitFor();
  const during = (await page.evaluate(() => window.clicks)).filter((c) => c.deriving);
  assert.ok(during.length >= 1, `clicks seen while deriving: ${JSON.stringify(during)}`);
  for (const c of during) assert.ok(c.delay < 100, `a click waited ${c.delay.toFixed(0)} ms`);
  assert.equal(await page.getByRole('progressbar').count(), 0, 'the progress bar goes with the work');
  assert.deepEqual(errors, []);
  await context.close();
}

test('the page answers a click within 100 ms while the key is derived', async () => {
  await answersWhileDeriving(server.url);
});

test('so does the single file opened from disk (its worker runs from a blob)', async () => {
  await answersWhileDeriving(pathToFileURL(fileURLToPath(new URL('../../dist-single/wisemind.html', import.meta.url))).href);
});

/** Press `submit`, then Cancel the moment it shows. From the page itself: a click from the
 *  harness can arrive after the half-second derivation has ended (the bar moves the form
 *  down as it appears, and the click is retried). Returns whether Cancel was pressed while
 *  the key was still being derived (the progress bar shown). */
async function submitThenCancel(page, submit) {
  return page.evaluate((name) => new Promise((resolve) => {
    const button = (text) => [...document.querySelectorAll('button')].find((b) => b.textContent === text);
    const cancel = () => {
      const b = button('Cancel');
      if (!b) return requestAnimationFrame(cancel);
      const deriving = !!document.querySelector('progress');
      b.click();
      resolve(deriving);
    };
    button(name).click();
    cancel();
  }), submit);
}

test('Cancel during unlock leaves the notebook locked with nothing decrypted; unlocking again works', async () => {
  const { context, page, errors } = await freshPage(browser, server.url);
  await createNotebook(page);
  await addClient(page, 'Perrin Hale');
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  assert.ok(await submitThenCancel(page, 'Unlock'), 'Cancel was pressed while the key was derived');
  await page.getByRole('status').filter({ hasText: 'Cancelled. Nothing was opened or changed.' }).waitFor();
  assert.equal(await page.getByRole('alert').count(), 0, 'a cancel is not an error');
  assert.equal(await page.getByRole('button', { name: 'Lock', exact: true }).count(), 0, 'still locked');
  assert.equal(await page.getByText('Perrin Hale').count(), 0, 'no client shown');
  assert.equal(await page.getByLabel('Passphrase', { exact: true }).inputValue(), '', 'the passphrase is not kept');
  // The abandoned unlock does not open the notebook later either.
  await page.waitForTimeout(1500);
  assert.equal(await page.getByRole('button', { name: 'Lock', exact: true }).count(), 0, 'still locked after the work would have ended');
  await unlock(page);
  await clientList(page).getByRole('link', { name: 'Perrin Hale' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('Cancel while creating a notebook writes nothing', async () => {
  const { context, page, errors } = await freshPage(browser, server.url);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Confirm passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('radio', { name: 'Clinician' }).check();
  assert.ok(await submitThenCancel(page, 'Create notebook'), 'Cancel was pressed while the key was derived');
  await page.getByRole('status').filter({ hasText: 'Cancelled.' }).waitFor();
  await page.waitForTimeout(1500);
  assert.equal(await page.getByRole('button', { name: 'Lock', exact: true }).count(), 0, 'no notebook opened');
  await page.reload();
  await page.getByRole('button', { name: 'Create notebook' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('Lock while a bundle passphrase is derived: the import stops, the notebook locks', async () => {
  const { context, page, errors } = await freshPage(browser, server.url);
  await createNotebook(page);
  await addClient(page, 'Tamsin Reed');
  // A backup bundle under a passphrase, then its import, locked while its key is derived.
  const file = await exportBundle(page, { passphrase: 'a long bundle passphrase' });
  await previewImport(page, file, 'a long bundle passphrase');
  await watchClicks(page);
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByRole('button', { name: 'Unlock' }).waitFor();
  await page.waitForTimeout(1500);
  const [lockClick] = await page.evaluate(() => window.clicks);
  assert.equal(lockClick.status, 'Opening the bundle…', 'Lock was pressed while the bundle was being opened');
  assert.ok(lockClick.delay < 100, `Lock waited ${lockClick.delay.toFixed(0)} ms`);
  assert.equal(await page.getByText('Tamsin Reed').count(), 0, 'nothing of the notebook on screen');
  assert.equal(await page.getByRole('button', { name: 'Lock', exact: true }).count(), 0, 'still locked');
  assert.deepEqual(errors, []);
  await context.close();
});
