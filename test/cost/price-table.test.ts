import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICES, costUsd, loadPriceTable, priceFor } from '../../src/cost/price-table.js';
import { ConfigError } from '../../src/errors.js';

function priceFile(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'paperbrief-prices-')), 'prices.json');
  writeFileSync(path, content);
  return path;
}

describe('price table', () => {
  it('finds exact names, dated snapshots and router-prefixed names', () => {
    expect(priceFor(DEFAULT_PRICES, 'gpt-4o-mini')).toEqual(DEFAULT_PRICES['gpt-4o-mini']);
    // The longest matching entry wins: gpt-4o-mini-..., not gpt-4o.
    expect(priceFor(DEFAULT_PRICES, 'gpt-4o-mini-2024-07-18')).toEqual(DEFAULT_PRICES['gpt-4o-mini']);
    expect(priceFor(DEFAULT_PRICES, 'openai/gpt-4.1-nano')).toEqual(DEFAULT_PRICES['gpt-4.1-nano']);
    expect(priceFor(DEFAULT_PRICES, 'llama3.1:8b')).toBeUndefined();
  });

  it('prices uncached, cached and completion tokens separately, in dollars', () => {
    const price = { input: 0.15, cached_input: 0.075, output: 0.6 };
    const usage = { prompt_tokens: 1_000_000, completion_tokens: 500_000, cached_tokens: 400_000 };
    // 600k × 0.15 + 400k × 0.075 + 500k × 0.6, per million.
    expect(costUsd(usage, price)).toBeCloseTo(0.09 + 0.03 + 0.3, 10);
    expect(costUsd({ prompt_tokens: 812, completion_tokens: 143, cached_tokens: 0 }, price)).toBe(0.0002076);
    expect(costUsd(usage, undefined)).toBe(0);
  });

  it('overrides and extends the defaults from a JSON file', () => {
    const table = loadPriceTable(
      priceFile(
        JSON.stringify({
          'gpt-4o-mini': { input: 1, output: 2 },
          'llama3.1:8b': { input: 0.01, output: 0.02 },
        }),
      ),
    );
    expect(table['gpt-4o-mini']).toEqual({ input: 1, output: 2 });
    expect(table['llama3.1:8b']).toEqual({ input: 0.01, output: 0.02 });
    expect(table['gpt-4o']).toEqual(DEFAULT_PRICES['gpt-4o']);
    // No cached price: cached tokens cost the input price.
    expect(
      costUsd(
        { prompt_tokens: 1_000_000, completion_tokens: 0, cached_tokens: 1_000_000 },
        table['gpt-4o-mini'],
      ),
    ).toBe(1);
  });

  it('names the file and the field when the file is wrong', () => {
    expect(() => loadPriceTable(priceFile('{"gpt-4o": {"input": -1, "output": 2}}'))).toThrow(
      /price file .*prices\.json: gpt-4o\.input/,
    );
    expect(() => loadPriceTable(priceFile('not json'))).toThrow(ConfigError);
    expect(() => loadPriceTable('/nonexistent/prices.json')).toThrow(/cannot read price file/);
  });
});
