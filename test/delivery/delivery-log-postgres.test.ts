import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresDeliveryLog, createPostgresStore, deliveryLogFor } from '../../src/stores/index.js';
import type { PostgresStore } from '../../src/stores/postgres-store.js';
import {
  POSTGRES_REQUIRED,
  TEST_DATABASE_URL,
  dropSchemas,
  postgresUnavailableReason,
  throwawaySchemaName,
} from '../stores/postgres-test-database.js';
import { describeDeliveryLogContract } from './delivery-log-contract.js';

const unavailable = await postgresUnavailableReason();
const schemas: string[] = [];

if (unavailable && POSTGRES_REQUIRED) {
  describe('postgres deliveries log', () => {
    it('needs a reachable Postgres when CI=true', () => {
      throw new Error(`${unavailable}; start it or set PAPERBRIEF_TEST_DATABASE_URL`);
    });
  });
} else {
  if (unavailable) console.warn(`postgres deliveries log tests skipped: ${unavailable}`);
  const suite = unavailable ? describe.skip : describe;
  suite(unavailable ? `postgres deliveries log (skipped: ${unavailable})` : 'postgres deliveries log', () => {
    afterAll(() => dropSchemas(schemas));

    describeDeliveryLogContract('postgres', {
      async create(clock) {
        const schema = throwawaySchemaName('deliveries');
        schemas.push(schema);
        const stores: PostgresStore[] = [];
        const open = async () => {
          const store = await createPostgresStore({ connectionString: TEST_DATABASE_URL, schema });
          stores.push(store);
          return createPostgresDeliveryLog(store, { now: clock.now });
        };
        const log = await open();
        return {
          log,
          reopen: open,
          close: async () => {
            await Promise.all(stores.map((store) => store.close()));
          },
        };
      },
      async cleanup() {},
    });

    it('finds the log of a Postgres store given as a plain Store', async () => {
      const schema = throwawaySchemaName('deliveries');
      schemas.push(schema);
      const store = await createPostgresStore({ connectionString: TEST_DATABASE_URL, schema });
      try {
        const log = deliveryLogFor(store);
        await log.disableEndpoint({
          endpointId: 'a',
          disabledAt: new Date().toISOString(),
          reason: 'x',
          webhookId: 'm',
        });
        expect(await log.disabledEndpoints()).toHaveLength(1);
      } finally {
        await store.close();
      }
    });
  });
}
