import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteDeliveryLog, createSqliteStore, deliveryLogFor } from '../../src/stores/index.js';
import type { Store } from '../../src/stores/store.js';
import { describeDeliveryLogContract } from './delivery-log-contract.js';

const root = mkdtempSync(join(tmpdir(), 'paperbrief-deliveries-'));
let files = 0;

describeDeliveryLogContract('sqlite', {
  async create(clock) {
    const path = join(root, `log-${++files}.db`);
    const stores = [createSqliteStore({ path })];
    const log = createSqliteDeliveryLog(stores[0]!, { now: clock.now });
    return {
      log,
      async reopen() {
        const store = createSqliteStore({ path });
        stores.push(store);
        return createSqliteDeliveryLog(store, { now: clock.now });
      },
      close: async () => {
        await Promise.all(stores.map((store) => store.close()));
      },
    };
  },
  async cleanup() {
    rmSync(root, { recursive: true, force: true });
  },
});

describe('deliveryLogFor', () => {
  it('finds the log of a SQLite store given as a plain Store', async () => {
    const store: Store = createSqliteStore({ path: ':memory:' });
    try {
      const log = deliveryLogFor(store);
      await log.disableEndpoint({
        endpointId: 'a',
        disabledAt: new Date().toISOString(),
        reason: 'x',
        webhookId: 'm',
      });
      expect(await log.disabledEndpoint('a')).toMatchObject({ endpointId: 'a' });
    } finally {
      await store.close();
    }
  });

  it('refuses a Store that is neither backend', () => {
    const other = { close: async () => {} } as unknown as Store;
    expect(() => deliveryLogFor(other)).toThrow(expect.objectContaining({ code: 'invalid_config' }));
  });
});
