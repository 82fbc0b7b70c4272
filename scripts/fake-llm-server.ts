/**
 * Runs the fake OpenAI-compatible server for manual runs and benchmarks, and prints its base URL:
 *
 *   npx tsx scripts/fake-llm-server.ts [--port 8787] [--latency-ms 200]
 *        [--mix rate-limited=0.3,server-error=0.1,invalid-json=0.1] [--seed 1]
 *
 * Then: OPENAI_BASE_URL=<printed url> paperbrief summarize <input> --provider openai
 * Every answer is derived from the paper in the request; --mix makes a share of calls misbehave
 * (names: see NAMED_BEHAVIOURS in test/support/fake-llm-server.ts). Ctrl-C stops it.
 */
import { parseArgs } from 'node:util';
import {
  NAMED_BEHAVIOURS,
  randomMix,
  startFakeLlmServer,
  type BehaviourName,
} from '../test/support/fake-llm-server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'latency-ms': { type: 'string', default: '0' },
    mix: { type: 'string', default: '' },
    seed: { type: 'string', default: '1' },
  },
});

const shares: Partial<Record<BehaviourName, number>> = {};
for (const part of values.mix.split(',').filter(Boolean)) {
  const [name, share] = part.split('=');
  if (!name || !(name in NAMED_BEHAVIOURS) || !share || Number.isNaN(Number(share))) {
    console.error(
      `bad --mix entry "${part}": expected name=share with name one of ${Object.keys(NAMED_BEHAVIOURS).join(', ')}`,
    );
    process.exit(2);
  }
  shares[name as BehaviourName] = Number(share);
}

const server = await startFakeLlmServer({
  port: Number(values.port),
  latencyMs: Number(values['latency-ms']),
  script: randomMix(shares, Number(values.seed)),
});
console.log(server.baseUrl);

process.once('SIGINT', () => {
  console.error(`\n${server.calls.length} calls served`);
  void server.close().then(() => process.exit(0));
});
