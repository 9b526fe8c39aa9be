// The evidence page in a real browser (issue 9): the pack for examples/noncompliant opened from disk
// in headless Chromium renders the control matrix, makes no request but for the page itself (no
// CDN, font or image), breaks no Content-Security-Policy rule, and prints. A screenshot is left in
// the temp directory for a person to look at.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { runCli } from './run-cli.js';
import { tempDir } from '../../testing/temp-dir.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

test(
  'the evidence page renders offline in Chromium with the control matrix and no network request',
  { skip: existsSync(CHROMIUM) ? false : `Chromium is not installed at ${CHROMIUM} (apt-get install chromium; .ci/run installs it)`, timeout: 180_000 },
  async (t) => {
    const work = tempDir('safeguard-evidence-browser-');
    const pack = join(work, 'pack');
    const built = runCli(['evidence', 'examples/noncompliant', '-o', pack, '-q']);
    assert.equal(built.status, 1, built.stderr);
    const page_url = pathToFileURL(join(pack, 'index.html')).href;

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
      const requests: string[] = [];
      const problems: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(page_url, { waitUntil: 'load' });

      assert.deepEqual(requests, [page_url], 'only the page itself is requested');
      assert.deepEqual(problems, [], 'no console errors (a CSP violation would be one)');

      // The control matrix: a row per HIPAA section, failing ones marked, resources listed.
      const matrix = page.locator('#controls table.matrix');
      assert.equal(await matrix.count(), 1);
      const sectionCells = await matrix.locator('tr.section[id^="control-"]').count();
      assert.ok(sectionCells >= 40, `${sectionCells} section rows`);
      assert.ok((await matrix.locator('.tag.failing').count()) > 0, 'some section fails on the noncompliant example');
      assert.equal(await page.locator('#control-164-312-a-2-iv code.section').innerText(), '164.312(a)(2)(iv)');
      assert.ok((await matrix.locator('.res.fail').count()) > 0, 'failing resources are listed');
      assert.ok((await page.locator('svg.chart').count()) >= 4, 'charts are inline SVG');
      assert.match(await page.locator('.verdict').innerText(), /FAILED/);
      // Headings of every chapter are there.
      for (const id of ['summary', 'controls', 'findings', 'risks', 'waivers', 'scope', 'sbom', 'pack']) assert.equal(await page.locator(`section#${id} h2`).count(), 1, `#${id}`);

      const screenshot = join(work, 'evidence-page.png');
      await page.screenshot({ path: screenshot, fullPage: false });
      t.diagnostic(`screenshot: ${screenshot}`);

      // Print: the page lays out on A4 pages, every chapter included.
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('nav.toc').isVisible(), false, 'the navigation bar is not printed');
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      assert.ok(pages >= 5, `${pages} printed pages`);
      assert.deepEqual(requests, [page_url], 'printing fetched nothing either');
    } finally {
      await browser.close();
    }
  },
);
