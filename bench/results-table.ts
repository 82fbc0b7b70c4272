import type { ExtractiveSpeedFigure } from './extractive-speed.js';
import type { LatencyBoundFigure } from './latency-bound.js';
import type { PlumbingOverheadFigure } from './plumbing-overhead.js';
import type { QueueOverheadFigure } from './queue-overhead.js';
import type { TokenFigure } from './token-figures.js';
import type { WorkerMemoryFigure } from './worker-memory.js';
import type { InputMemoryFigure } from './input-memory.js';

/** What `bench/results.json` holds: one key per figure, plus the machine and the run. */
export interface BenchResults {
  B1: QueueOverheadFigure;
  B2: PlumbingOverheadFigure;
  B3: LatencyBoundFigure;
  B4: ExtractiveSpeedFigure;
  B5: WorkerMemoryFigure;
  B6: TokenFigure;
  /** Absent from results written before it existed. */
  B9?: InputMemoryFigure | undefined;
  machine: { nproc: number; cpu: string; memoryGb: number; node: string; platform: string };
  run: { startedAt: string; elapsedS: number; corpus: string; corpusPapers: number; quick: boolean };
}

const fixed = (value: number, digits = 2) => value.toFixed(digits);
const rate = (value: number) => `${fixed(value, 0)}/s`;

/** `yes`/`NO` for a figure with a target (B5's is a ceiling, the others floors). */
function met(ratio: number, target: number, ceiling = false): string {
  return (ceiling ? ratio <= target : ratio >= target) ? 'yes' : '**NO**';
}

/** The results as one Markdown table: figure, measured, baseline, ratio, target, met. */
export function formatResultsTable(results: BenchResults): string {
  const { B1, B2, B3, B4, B5, B6 } = results;
  const rows = [
    [
      'B1 queue overhead',
      `${rate(B1.pipelinePapersPerSecond)} papers (${fixed(B1.pipelineCpuMsPerPaper)} CPU ms each)`,
      `${rate(B1.rawJobsPerSecond)} raw BullMQ no-op jobs (${fixed(B1.rawCpuMsPerJob)} CPU ms)`,
      fixed(B1.ratio),
      '≥ 0.25',
      met(B1.ratio, B1.target),
    ],
    [
      'B2 LLM plumbing overhead',
      `${rate(B2.localPapersPerSecond)} papers (${fixed(B2.localCpuMsPerPaper)} CPU ms each)`,
      `${rate(B2.bareCallsPerSecond)} bare SDK calls (${fixed(B2.bareCpuMsPerCall)} CPU ms)`,
      fixed(B2.ratio),
      '≥ 0.5',
      met(B2.ratio, B2.target),
    ],
    [
      `B3 latency-bound (${B3.latencyMs} ms, ${B3.concurrency} in flight)`,
      `${rate(B3.papersPerSecond)} papers (${fixed(B3.cpuMsPerPaper)} CPU ms each)`,
      `${rate(B3.idealPapersPerSecond)} ideal (bare SDK here: ${rate(B3.bareCallsPerSecond)})`,
      fixed(B3.ratio),
      '≥ 0.9',
      met(B3.ratio, B3.target),
    ],
    [
      'B4 extractive speed',
      `${rate(B4.papersPerSecond)} papers, ${fixed(B4.cpuMsPerPaper)} CPU ms/paper`,
      `${B4.papers} papers`,
      '–',
      '–',
      '–',
    ],
    [
      'B5 worker memory',
      `RSS ${B5.rssLastMb} MB after ${B5.papers} papers (JS heap ${B5.heapFirstMb} → ${B5.heapLastMb} MB` +
        `${B5.ratioSecondHalf === null ? '' : `; RSS ×${fixed(B5.ratioSecondHalf, 3)} over the second half`})`,
      `RSS ${B5.rssFirstMb} MB after ${B5.firstMark}`,
      fixed(B5.ratio, 3),
      '≤ 1.10',
      met(B5.ratio, B5.target, true),
    ],
    [
      'B6 tokens',
      `fixed prompt ${B6.fixedPromptTokens}; paper message ${fixed(B6.meanPaperMessageTokens, 0)}; ` +
        `completion ${fixed(B6.meanCompletionTokens, 0)} (${B6.encoding})`,
      `LLM calls/paper in B2: ${B6.llmCallsPerPaper === null ? 'n/a' : fixed(B6.llmCallsPerPaper)}`,
      '–',
      '–',
      '–',
    ],
  ];
  const B9 = results.B9;
  if (B9) {
    rows.push([
      'B9 input memory',
      `peak RSS ${fixed(B9.peakLargeMb, 0)} MB briefing a ${B9.largeMb} MB JSONL (${B9.papersLarge} papers, ${fixed(B9.elapsedLargeS, 0)} s)`,
      `peak RSS ${fixed(B9.peakSmallMb, 0)} MB for ${B9.smallMb} MB`,
      fixed(B9.ratio, 2),
      `≤ ${fixed(B9.target, 2)}`,
      met(B9.ratio, B9.target, true),
    ]);
  }
  const { machine, run } = results;
  return [
    '| figure | measured | baseline (same run) | ratio | target | met |',
    '| --- | --- | --- | ---: | ---: | :---: |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    `Machine: ${machine.nproc} CPUs (${machine.cpu}), ${machine.memoryGb} GB RAM, Node ${machine.node}, ` +
      `${machine.platform}. Corpus: ${run.corpusPapers} papers from ${run.corpus}. ` +
      `Run: ${run.startedAt}, ${fixed(run.elapsedS, 0)} s${run.quick ? ' (--quick: smaller counts)' : ''}.`,
  ].join('\n');
}
