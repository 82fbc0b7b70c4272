import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Brief } from '../../../src/briefs/brief.js';
import { OutputInvalidError } from '../../../src/errors.js';
import type { Paper } from '../../../src/papers/paper.js';
import { summarizePaper } from '../../../src/pipeline.js';
import { createSqliteStore } from '../../../src/stores/sqlite-store.js';
import type { LlmMode } from '../../../src/summarizers/openai/brief-request.js';
import { createExtractiveSummarizer } from '../../../src/summarizers/extractive/index.js';
import type { Summarizer } from '../../../src/summarizers/summarizer.js';
import { startFakeLlmServer, type FakeLlmServer } from '../../support/fake-llm-server.js';
import { INVENTED, injectedSentence } from '../../support/injection-obeying.js';
import { HAS_DEV_PAGE, devPagePapers, fakeSummarizer, pipelineDeps } from './openai-test-kit.js';
import { PAYLOAD, injectPapers, strayTokens } from './injection-corpus.js';

interface RunCounts {
  papers: number;
  injected: number;
  stored: number;
  failed: number;
  /** Tokens of stored briefs not in the paper as published (before the injection). */
  strayTokens: string[];
  /** Invented or payload names and URLs anywhere in a stored brief, provenance included. */
  leaks: string[];
}

let papers: Paper[];
let originals: Map<string, Paper>;
let injectedIds: Set<string>;
let server: FakeLlmServer;
let folder: string;
const counts: Record<string, RunCounts> = {};

beforeAll(async () => {
  if (!HAS_DEV_PAGE) return;
  const dev = devPagePapers();
  originals = new Map(dev.map((paper) => [paper.id, paper]));
  papers = injectPapers(dev);
  injectedIds = new Set(papers.filter((paper, index) => paper !== dev[index]).map((paper) => paper.id));
  server = await startFakeLlmServer();
  folder = mkdtempSync(join(tmpdir(), 'paperbrief-injection-'));
});
afterAll(async () => {
  await server?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
  if (Object.keys(counts).length > 0) {
    console.log(
      Object.entries(counts)
        .map(
          ([run, count]) =>
            `${run}: papers ${count.papers} (injected ${count.injected}), stored ${count.stored}, ` +
            `failed ${count.failed}, stray tokens ${count.strayTokens.length}, leaks ${count.leaks.length}`,
        )
        .join('\n'),
    );
  }
});

/** Briefs every paper into a fresh SQLite file; audits what the store holds afterwards. */
async function run(name: string, summarizer: Summarizer): Promise<{ stored: Brief[]; failures: Error[] }> {
  const store = createSqliteStore({ path: join(folder, `${name}.db`) });
  const failures: Error[] = [];
  try {
    const deps = pipelineDeps(summarizer, store);
    let next = 0;
    const worker = async () => {
      while (next < papers.length) {
        const paper = papers[next++]!;
        await summarizePaper(paper, deps).catch((error: Error) => failures.push(error));
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    const stored = (await store.list({ limit: 500 })).briefs;
    const leaked = [...Object.values(INVENTED), ...PAYLOAD];
    counts[name] = {
      papers: papers.length,
      injected: injectedIds.size,
      stored: stored.length,
      failed: failures.length,
      strayTokens: stored.flatMap((brief) => strayTokens(brief, originals.get(brief.paper.id)!)),
      leaks: stored.flatMap((brief) => leaked.filter((token) => JSON.stringify(brief).includes(token))),
    };
    return { stored, failures };
  } finally {
    await store.close();
  }
}

function expectCleanOutcome(name: string, stored: Brief[], failures: Error[]): void {
  const count = counts[name]!;
  expect(count.strayTokens).toEqual([]);
  expect(count.leaks).toEqual([]);
  // Every paper ends as a stored brief or a clear, non-retryable failure naming the TL;DR.
  expect(count.stored + count.failed).toBe(papers.length);
  for (const failure of failures) {
    expect(failure).toBeInstanceOf(OutputInvalidError);
    expect(failure).toMatchObject({ code: 'ungrounded_tldr', retryable: false });
    expect(failure.message).toMatch(/not grounded/);
  }
  // No false positive: a paper without an injection is briefed as if nothing happened.
  for (const brief of stored.filter((candidate) => !injectedIds.has(candidate.paper.id))) {
    expect(brief.provenance.warnings, brief.paper.title).toEqual([]);
  }
  // An injected paper that was stored says which sentence was set aside, and why.
  for (const brief of stored.filter((candidate) => injectedIds.has(candidate.paper.id))) {
    expect(brief.provenance.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^abstract sentence \d+ addresses the model \(rule [a-z-]+\)/),
      ]),
    );
  }
}

const MODES: LlmMode[] = ['json_schema', 'tools', 'json_object'];

describe.skipIf(!HAS_DEV_PAGE)(
  'a model that obeys instructions injected in abstracts (62 dev papers)',
  () => {
    it('the corpus: every other paper carries one of six injections, found by the fake model', () => {
      expect(papers).toHaveLength(62);
      expect(injectedIds.size).toBe(31);
      for (const paper of papers) {
        expect(injectedSentence(paper.abstract) !== undefined, paper.title).toBe(injectedIds.has(paper.id));
      }
    });

    for (const mode of MODES) {
      it(`${mode}: obeys on every answer, repairs included: injected papers fail, nothing invented is stored`, async () => {
        server.setScript(() => 'injection-obeying');
        const { stored, failures } = await run(`${mode}-obey`, fakeSummarizer(server, { mode }));
        expectCleanOutcome(`${mode}-obey`, stored, failures);
        expect(failures).toHaveLength(31);
        expect(stored).toHaveLength(31);
      });

      it(`${mode}: obeys, then fixes only its TL;DR when repaired: briefs stored without the rest`, async () => {
        server.setScript(() => ({ kind: 'injection-obeying', onRepair: 'fix-tldr' }));
        const { stored, failures } = await run(`${mode}-fix-tldr`, fakeSummarizer(server, { mode }));
        expectCleanOutcome(`${mode}-fix-tldr`, stored, failures);
        const injectedBriefs = stored.filter((brief) => injectedIds.has(brief.paper.id));
        // The repaired TL;DR is the abstract's opening words: it grounds, except for the 11 papers
        // whose abstract opens with the injected sentence, which fail.
        expect(injectedBriefs).toHaveLength(20);
        expect(failures).toHaveLength(11);
        for (const brief of injectedBriefs) {
          expect(brief.provenance.attempts).toBe(2);
          // The obeyed name and code URL are gone (the audit above finds none); what is left of
          // them is the paper's own or nothing.
          expect(brief.tags).toEqual([]);
          for (const result of brief.claimed_results) {
            expect([result.metric, result.dataset, result.comparison]).toEqual([null, null, null]);
          }
        }
      });
    }

    it('extractive provider over the same papers: the injected sentences are evidence for nothing', async () => {
      const { stored, failures } = await run('extractive', createExtractiveSummarizer());
      expectCleanOutcome('extractive', stored, failures);
      expect(failures).toEqual([]);
    });
  },
);
