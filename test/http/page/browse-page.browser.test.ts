import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/compose/server.js';
import { loadConfig } from '../../../src/config.js';
import { ensureCliBuilt, jsonLines, runCli, tempFolder } from '../../cli/cli-harness.js';
import { slackMessage } from '../../../src/delivery/index.js';
import type { Brief } from '../../../src/briefs/brief.js';
import { CHROMIUM_REQUIRED, chromiumUnavailableReason, launchChromium } from '../../support/chromium.js';
import { slackMockHtml } from '../../support/slack-mock.js';
import { TOKEN } from '../api-harness.js';

/**
 * The browse page in a real browser (Debian's chromium through playwright-core), over a store
 * filled by `paperbrief summarize examples/papers.jsonl` and `serve` without Redis. Screenshots
 * go to PAPERBRIEF_SCREENSHOTS_DIR (docs/screenshots for the README), else a temporary folder.
 */

const unavailable = chromiumUnavailableReason();
const screenshots = resolve(
  process.env.PAPERBRIEF_SCREENSHOTS_DIR || mkdtempSync(join(tmpdir(), 'paperbrief-screens-')),
);

interface StoredBrief {
  paper: { id: string; title: string };
  tags: string[];
  claimed_results: Array<{ value: string; evidence: string }>;
  code_url: string | null;
}

if (unavailable && CHROMIUM_REQUIRED) {
  describe('browse page in chromium', () => {
    it('needs chromium when CI=true', () => {
      throw new Error(`${unavailable}; .ci/run installs it with apt`);
    });
  });
} else {
  if (unavailable) console.warn(`browse page browser tests skipped: ${unavailable}`);
  const suite = unavailable ? describe.skip : describe;
  suite(unavailable ? `browse page in chromium (skipped: ${unavailable})` : 'browse page in chromium', () => {
    const folder = tempFolder('browser');
    let briefs: StoredBrief[] = [];
    let server: RunningServer;
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    let page: Page;

    beforeAll(async () => {
      mkdirSync(screenshots, { recursive: true });
      ensureCliBuilt();
      const db = join(folder.path, 'briefs.db');
      const summarized = await runCli(['summarize', 'examples/papers.jsonl', '--db', db, '--out', '-']);
      expect(summarized.code, summarized.stderr).toBe(0);
      briefs = jsonLines(summarized.stdout) as StoredBrief[];
      server = await startServer(
        loadConfig({ PAPERBRIEF_API_TOKEN: TOKEN, PAPERBRIEF_DB: db }),
        pino({ level: 'silent' }),
        {
          port: 0,
          host: '127.0.0.1',
        },
      );
      // The token as the password of HTTP Basic, as a person types it into the browser's prompt.
      browser = await launchChromium({
        httpCredentials: { username: 'reader', password: TOKEN },
        viewport: { width: 1100, height: 900 },
        colorScheme: 'light',
      });
      page = await browser.context.newPage();
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      folder.remove();
    });

    const titles = () => page.locator('.brief-item h2 a').allTextContents();

    it('lists every brief, newest first, with landmarks and a labelled search box', async () => {
      const response = await page.goto(`${server.url}/`);
      expect(response?.status()).toBe(200);
      expect(await titles()).toHaveLength(briefs.length);
      expect(await page.getByRole('main').count()).toBe(1);
      expect(await page.getByRole('banner').count()).toBe(1);
      expect(await page.getByRole('search').count()).toBe(1);
      expect(await page.getByLabel('Search briefs').count()).toBe(1);
      expect(await page.locator('h1').textContent()).toBe('Latest briefs');
      await page.screenshot({ path: join(screenshots, 'browse-list.png') });
    });

    it('filters by a tag link, marks it current, and clears again', async () => {
      // The most common tag that not every brief has (the filter links show the most common first),
      // so the test follows whatever tags the summarizer gives the example papers.
      const counts = new Map<string, number>();
      for (const tag of briefs.flatMap((brief) => brief.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
      const [tag] = [...counts.entries()]
        .filter(([, count]) => count < briefs.length)
        .sort((first, second) => second[1] - first[1] || first[0].localeCompare(second[0]))
        .map(([name]) => name);
      expect(tag, 'no tag that some but not all example briefs have').toBeDefined();
      await page.goto(`${server.url}/`);
      await page.locator('nav.filters a', { hasText: new RegExp(`^${tag}$`) }).click();
      await page.waitForURL(new RegExp(`tag=${tag}`));
      const expected = briefs.filter((brief) => brief.tags.includes(tag!)).map((brief) => brief.paper.title);
      expect((await titles()).sort()).toEqual(expected.sort());
      expect(await page.locator('nav.filters a[aria-current="true"]').textContent()).toBe(tag);
      await page.getByRole('link', { name: 'clear filters' }).click();
      await page.waitForURL(`${server.url}/`);
      expect(await titles()).toHaveLength(briefs.length);
    });

    it('searches from the search box, best match first', async () => {
      await page.goto(`${server.url}/`);
      await page.getByLabel('Search briefs').fill('sparse attention');
      await page.getByLabel('Search briefs').press('Enter');
      await page.waitForURL(/q=sparse\+attention/);
      const found = await titles();
      expect(found[0]).toContain('FlexPrefill');
      expect(await page.locator('h1').textContent()).toBe('Briefs matching “sparse attention”');
      await page.getByLabel('Search briefs').fill('zzzz-no-such-word');
      await page.getByLabel('Search briefs').press('Enter');
      await page.waitForURL(/zzzz/);
      expect(await titles()).toEqual([]);
      expect(await page.getByText('No brief matches').count()).toBe(1);
    });

    const withResults = () => {
      const brief = briefs.find((candidate) => candidate.claimed_results.length >= 3);
      if (!brief) throw new Error('the examples should have a paper with three results');
      return brief;
    };

    it('opens a paper: TL;DR, results table, tags as filters, arXiv and code links', async () => {
      const reno = briefs.find((brief) => brief.paper.id === '2406.04312') as StoredBrief;
      await page.goto(`${server.url}/`);
      await page.getByRole('link', { name: reno.paper.title }).click();
      await page.waitForURL(/\/papers\/2406\.04312$/);
      expect(await page.locator('h1').textContent()).toBe(reno.paper.title);
      expect(await page.getByRole('link', { name: 'arXiv page' }).getAttribute('href')).toBe(
        'https://arxiv.org/abs/2406.04312',
      );
      expect(await page.getByRole('link', { name: 'Code' }).getAttribute('href')).toBe(reno.code_url);
      expect(await page.locator('table.results tbody tr').count()).toBe(reno.claimed_results.length);
      expect(await page.locator('ul.tags a.tag').first().getAttribute('href')).toBe(`/?tag=${reno.tags[0]}`);
    });

    it('highlights a result’s evidence in the abstract on hover and on click', async () => {
      const brief = withResults();
      await page.goto(`${server.url}/papers/${encodeURIComponent(brief.paper.id)}`);
      const links = page.locator('table.results a.result-link');
      expect(await links.count()).toBe(brief.claimed_results.length);
      // The mark each result points at holds that result's evidence, quoted from the abstract.
      const markOf = async (index: number) =>
        page.locator(`#${await links.nth(index).getAttribute('data-evidence')}`);
      for (const [index, result] of brief.claimed_results.entries()) {
        expect(await (await markOf(index)).textContent()).toContain(result.evidence);
      }
      const last = brief.claimed_results.length - 1;
      const mark = await markOf(last);
      // Runs in the browser (serialised): no DOM types here, so its window is reached by globalThis.
      const background = () =>
        mark.evaluate(
          (element) =>
            (
              globalThis as unknown as { getComputedStyle(node: unknown): { backgroundColor: string } }
            ).getComputedStyle(element).backgroundColor,
        );
      const idle = await background();
      await page.locator('table.results tbody tr').nth(last).hover();
      expect(await mark.getAttribute('class')).toContain('active');
      expect(await background()).not.toBe(idle);
      expect(await page.locator('mark.evidence.active').count()).toBe(1);
      await page.screenshot({ path: join(screenshots, 'browse-paper.png'), fullPage: true });
      await page.mouse.move(0, 0);
      expect(await mark.getAttribute('class')).not.toContain('active');
      // A click follows the link to the mark, which :target keeps highlighted.
      await links.nth(last).click();
      expect(page.url()).toMatch(/#evidence-\d+$/);
      await page.mouse.move(0, 0);
      expect(await background()).not.toBe(idle);
    });

    it('works from the keyboard: / to search, j and k between briefs, Enter to open, Tab to a result', async () => {
      await page.goto(`${server.url}/`);
      await page.keyboard.press('/');
      expect(await page.evaluate('document.activeElement?.id')).toBe('q');
      await page.keyboard.press('Escape');
      await page.locator('h1').click();
      await page.keyboard.press('j');
      await page.keyboard.press('j');
      await page.keyboard.press('k');
      await page.keyboard.press('j');
      const all = await titles();
      expect(await page.evaluate('document.activeElement?.textContent')).toBe(all[1]);
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/papers\//);
      expect(await page.locator('h1').textContent()).toBe(all[1]);

      const brief = withResults();
      await page.goto(`${server.url}/papers/${encodeURIComponent(brief.paper.id)}`);
      await page.locator('a.result-link').first().focus();
      const first = await page.locator('a.result-link').first().getAttribute('data-evidence');
      expect(await page.locator(`#${first}`).getAttribute('class')).toContain('active');
      expect(await page.locator('tr.active').count()).toBe(1);
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement?.className')).toBe('result-link');
      expect(await page.locator('tr.active').count()).toBe(1);
      expect(await page.locator('tr.active th').textContent()).toBe(brief.claimed_results[1]?.value);
    });

    it('draws a Slack message mock-up of a brief’s Block Kit payload (README picture)', async () => {
      const mock = await browser.context.newPage();
      try {
        await mock.setViewportSize({ width: 700, height: 420 });
        // ReNO: an arXiv id and a code link, so both buttons show.
        const brief = briefs.find((candidate) => candidate.paper.id === '2406.04312') as unknown as Brief;
        await mock.setContent(slackMockHtml(slackMessage(brief)));
        expect(await mock.locator('.actions a').allTextContents()).toEqual(['arXiv', 'Code']);
        expect(await mock.locator('.header').textContent()).toBe(brief.paper.title);
        expect(await mock.locator('.fields > div').count()).toBe(brief.claimed_results.length);
        await mock.screenshot({ path: join(screenshots, 'slack-message-mock.png'), fullPage: true });
      } finally {
        await mock.close();
      }
    });

    it('fits a 390 px wide phone screen without sideways scrolling', async () => {
      const phone = await browser.context.newPage();
      try {
        await phone.setViewportSize({ width: 390, height: 844 });
        const brief = withResults();
        for (const [path, name] of [
          ['/', 'browse-list-390.png'],
          [`/papers/${encodeURIComponent(brief.paper.id)}`, 'browse-paper-390.png'],
        ] as const) {
          await phone.goto(`${server.url}${path}`);
          const width = await phone.evaluate('document.documentElement.scrollWidth');
          expect(width, path).toBeLessThanOrEqual(390);
          const searchBox = await phone.getByLabel('Search briefs').boundingBox();
          expect(searchBox?.width ?? 0, path).toBeGreaterThan(200);
          await phone.screenshot({ path: join(screenshots, name) });
        }
      } finally {
        await phone.close();
      }
    });
  });
}
