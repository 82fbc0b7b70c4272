import { Session } from 'node:inspector/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One function's share of a CPU profile. */
export interface ProfileEntry {
  /** `name (file:line)`, the file relative to the project, or a dependency's `node_modules/pkg`. */
  readonly function: string;
  readonly selfMs: number;
  /** Share of all sampled time, idle included, in percent. */
  readonly selfPercent: number;
}

export interface ProfileSummary {
  readonly label: string;
  readonly totalMs: number;
  /** Sampled time with nothing to run (waiting on Redis or HTTP). */
  readonly idlePercent: number;
  /** Self time grouped by where the code lives (ours, bullmq, ioredis, openai, node internals...). */
  readonly byArea: ReadonlyArray<{ area: string; selfPercent: number }>;
  readonly top: readonly ProfileEntry[];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs `work` under the V8 sampling profiler of this process (the inspector's Profiler domain,
 * the same data as `node --cpu-prof`) and summarises self time by function. The fake LLM server
 * and Redis run in other processes, so what shows here is our side of the wire only.
 */
export async function profileCpu<T>(
  label: string,
  work: () => Promise<T>,
  options: { top?: number } = {},
): Promise<{ result: T; summary: ProfileSummary }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    const result = await work();
    const { profile } = await session.post('Profiler.stop');
    return { result, summary: summarise(label, profile, options.top ?? 15) };
  } finally {
    session.disconnect();
  }
}

function summarise(
  label: string,
  profile: { nodes: ProfileNode[]; samples?: number[] | undefined; timeDeltas?: number[] | undefined },
  top: number,
): ProfileSummary {
  // Self time per node from the sample stream (timeDeltas[i] is the time before sample i).
  const selfMicros = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((nodeId, index) => {
    selfMicros.set(nodeId, (selfMicros.get(nodeId) ?? 0) + (deltas[index] ?? 0));
  });
  const total = [...selfMicros.values()].reduce((sum, micros) => sum + micros, 0) || 1;
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let idle = 0;
  for (const node of profile.nodes) {
    const micros = selfMicros.get(node.id) ?? 0;
    if (micros === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') idle += micros;
    const where = locationOf(url);
    // Files run through tsx report line 0 for every function: then the file alone is shown.
    const line = lineNumber > 0 ? `:${lineNumber + 1}` : '';
    const name = `${functionName || '(anonymous)'}${where ? ` (${where}${line})` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    const area = areaOf(url, functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + micros);
  }
  const percent = (micros: number) => Math.round((micros / total) * 1000) / 10;
  return {
    label,
    totalMs: Math.round(total / 1000),
    idlePercent: percent(idle),
    byArea: [...byArea]
      .sort((a, b) => b[1] - a[1])
      .map(([area, micros]) => ({ area, selfPercent: percent(micros) })),
    top: [...byFunction]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({
        function: name,
        selfMs: Math.round(micros / 1000),
        selfPercent: percent(micros),
      })),
  };
}

function locationOf(url: string): string {
  if (!url) return '';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const modules = path.lastIndexOf('node_modules/');
  if (modules >= 0) return path.slice(modules);
  return path.startsWith('/') ? relative(PROJECT_ROOT, path) : path;
}

/** Coarse owner of a frame: a dependency, our code (by folder), Node itself, or V8 bookkeeping. */
function areaOf(url: string, functionName: string): string {
  if (functionName === '(idle)') return 'idle (waiting on I/O)';
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (functionName === '(program)' || functionName === '(root)') return 'V8/native (program)';
  if (!url) return 'V8/native builtins';
  if (url.startsWith('node:')) return 'node internals';
  const path = locationOf(url);
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (dependency) return dependency[1]!;
  const folder = /^(src\/[^/]+|bench|test\/support|[^/]+)/.exec(path);
  return folder ? folder[1]! : path;
}

/** A profile summary as Markdown: areas, then the top functions by self time. */
export function formatProfileSummary(summary: ProfileSummary): string {
  const lines = [
    `## ${summary.label}`,
    '',
    `Sampled ${summary.totalMs} ms of this process; idle (waiting on Redis/HTTP) ${summary.idlePercent}%.`,
    '',
    '| area | self % |',
    '| --- | ---: |',
    ...summary.byArea.slice(0, 12).map((entry) => `| ${entry.area} | ${entry.selfPercent} |`),
    '',
    '| function (file:line) | self ms | self % |',
    '| --- | ---: | ---: |',
    ...summary.top.map(
      (entry) => `| ${entry.function.replaceAll('|', '\\|')} | ${entry.selfMs} | ${entry.selfPercent} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
