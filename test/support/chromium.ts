import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`, done by .ci/run); PAPERBRIEF_CHROMIUM overrides. */
export const CHROMIUM_PATH = process.env.PAPERBRIEF_CHROMIUM || '/usr/bin/chromium';

/** With CI=true, a missing chromium fails the browser tests instead of skipping them. */
export const CHROMIUM_REQUIRED = /^(1|true)$/i.test(process.env.CI ?? '');

/** Why the browser tests cannot run here, or undefined when chromium is installed. */
export function chromiumUnavailableReason(): string | undefined {
  return existsSync(CHROMIUM_PATH)
    ? undefined
    : `no chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set PAPERBRIEF_CHROMIUM)`;
}

// Headless, no sandbox (root in CI), nothing reaching out to the network on its own.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/**
 * A headless chromium with a fresh, empty profile folder (removed by `close`). Playwright passes
 * the profile as `--user-data-dir` itself.
 */
export async function launchChromium(
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'paperbrief-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    ...options,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
