import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Paper } from '../src/papers/paper.js';
import { readInput } from '../src/sources/index.js';

/** The shared dev page (62 papers), next to the project in `../shared/data/`. */
export const SHARED_PAGE_PATH = fileURLToPath(
  new URL('../../shared/data/hf-daily-papers-page.txt', import.meta.url),
);
/** The bundled example, used when the shared page is absent (a fresh clone elsewhere). */
export const EXAMPLE_PATH = fileURLToPath(new URL('../examples/papers.jsonl', import.meta.url));

export interface BenchCorpus {
  /** Where the papers came from (a path). */
  readonly source: string;
  readonly papers: readonly Paper[];
}

/**
 * The papers every figure runs over: the shared dev page when it exists, else the bundled
 * example, read with the same readers as `paperbrief summarize`.
 * @throws InvalidInputError when the file is unusable; Error when it holds no paper.
 */
export function loadBenchCorpus(path?: string): BenchCorpus {
  const source = path ?? (existsSync(SHARED_PAGE_PATH) ? SHARED_PAGE_PATH : EXAMPLE_PATH);
  const { records } = readInput(readFileSync(source), { sourceName: source });
  const papers = [...records].flatMap((record) => (record.kind === 'paper' ? [record.paper] : []));
  if (papers.length === 0) throw new Error(`${source}: no readable paper`);
  return { source, papers };
}

/**
 * `count` papers cycling through `papers`, each with its own id (`<id>~<copy>`) so the store,
 * the cache check and the deterministic job ids treat every copy as a new paper. Titles and
 * abstracts are unchanged: every copy costs what the original costs.
 */
export function repeatPapers(papers: readonly Paper[], count: number, runTag = ''): Paper[] {
  return Array.from({ length: count }, (_, index) => {
    const paper = papers[index % papers.length]!;
    const copy = Math.floor(index / papers.length);
    return { ...paper, id: `${paper.id}~${runTag}${copy}` };
  });
}
