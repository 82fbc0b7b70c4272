import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { DeliveryEntry, DeliveryLog } from '../../src/delivery/delivery-log.js';
import type { BriefVersion } from '../../src/delivery/index.js';
import { manualClock, type ManualClock } from '../stores/store-contract.js';

/** How the contract opens one implementation of DeliveryLog. */
export interface DeliveryLogHarness {
  /** A new, empty log with its own storage, and a way to open the same storage again. */
  create(
    clock: ManualClock,
  ): Promise<{ log: DeliveryLog; reopen: () => Promise<DeliveryLog>; close(): Promise<void> }>;
  /** Removes every storage `create` made. */
  cleanup(): Promise<void>;
}

export function versionFixture(paperId = '2406.04312', overrides: Partial<BriefVersion> = {}): BriefVersion {
  return {
    paperId,
    provider: 'extractive',
    model: 'extractive-v1',
    promptVersion: 'v1',
    inputHash: 'c'.repeat(64),
    createdAt: '2026-01-02T03:04:05.678Z',
    ...overrides,
  };
}

function entry(
  overrides: Partial<DeliveryEntry> & Pick<DeliveryEntry, 'webhookId' | 'status'>,
): DeliveryEntry {
  return { endpointId: 'team', version: versionFixture(), attempted: true, ...overrides };
}

/** Registers the one deliveries-log contract for an implementation. Every DeliveryLog must pass it. */
export function describeDeliveryLogContract(name: string, harness: DeliveryLogHarness): void {
  describe(`${name}: DeliveryLog contract`, () => {
    const closers: Array<() => Promise<void>> = [];
    afterEach(async () => {
      await Promise.all(closers.splice(0).map((close) => close()));
    });
    afterAll(() => harness.cleanup());

    async function open(clock = manualClock()) {
      const created = await harness.create(clock);
      closers.push(created.close);
      return { ...created, clock };
    }

    it('creates a record on the first attempt and updates it on the next, counting attempts', async () => {
      const { log, clock } = await open();
      const first = await log.record(
        entry({ webhookId: 'msg_a', status: 'pending', statusCode: 503, error: 'HTTP 503' }),
      );
      expect(first).toEqual({
        webhookId: 'msg_a',
        endpointId: 'team',
        paperId: '2406.04312',
        provider: 'extractive',
        model: 'extractive-v1',
        promptVersion: 'v1',
        inputHash: 'c'.repeat(64),
        briefCreatedAt: '2026-01-02T03:04:05.678Z',
        status: 'pending',
        attempts: 1,
        replays: 0,
        lastStatusCode: 503,
        lastError: 'HTTP 503',
        createdAt: '2026-03-01T00:00:00.000Z',
        updatedAt: '2026-03-01T00:00:00.000Z',
        deliveredAt: null,
      });
      clock.advance(60_000);
      await log.record(
        entry({ webhookId: 'msg_a', status: 'pending', error: 'connection failed: ECONNREFUSED' }),
      );
      clock.advance(60_000);
      const delivered = await log.record(
        entry({ webhookId: 'msg_a', status: 'delivered', statusCode: 204, error: 'ignored' }),
      );
      expect(delivered).toMatchObject({
        status: 'delivered',
        attempts: 3,
        lastStatusCode: 204,
        lastError: null,
        createdAt: '2026-03-01T00:00:00.000Z',
        updatedAt: '2026-03-01T00:02:00.000Z',
        deliveredAt: '2026-03-01T00:02:00.000Z',
      });
      expect(await log.get('msg_a')).toEqual(delivered);
      expect(await log.get('msg_unknown')).toBeUndefined();
    });

    it('records a skip without counting an attempt, and keeps the delivered time of a later failure', async () => {
      const { log, clock } = await open();
      const skipped = await log.record(
        entry({ webhookId: 'msg_s', status: 'skipped', attempted: false, error: 'endpoint disabled' }),
      );
      expect(skipped).toMatchObject({ status: 'skipped', attempts: 0, lastStatusCode: null });
      await log.record(entry({ webhookId: 'msg_d', status: 'delivered', statusCode: 200 }));
      clock.advance(1_000);
      const failed = await log.record(
        entry({ webhookId: 'msg_d', status: 'failed', statusCode: 500, error: 'HTTP 500' }),
      );
      expect(failed).toMatchObject({
        status: 'failed',
        attempts: 2,
        deliveredAt: '2026-03-01T00:00:00.000Z',
      });
    });

    it('lists by first-recorded time, newest or oldest first, filtered by status, endpoint and time', async () => {
      const { log, clock } = await open();
      const plan: Array<[string, string, DeliveryEntry['status']]> = [
        ['msg_1', 'team', 'delivered'],
        ['msg_2', 'team', 'failed'],
        ['msg_3', 'other', 'gone'],
        ['msg_4', 'team', 'pending'],
        ['msg_5', 'other', 'failed'],
      ];
      for (const [webhookId, endpointId, status] of plan) {
        await log.record(entry({ webhookId, endpointId, status }));
        clock.advance(1_000);
      }
      // An update does not move a delivery in the order: it is ordered by when it was first recorded.
      await log.record(entry({ webhookId: 'msg_1', status: 'delivered' }));
      const ids = (records: Array<{ webhookId: string }>) => records.map((record) => record.webhookId);

      expect(ids(await log.list())).toEqual(['msg_5', 'msg_4', 'msg_3', 'msg_2', 'msg_1']);
      expect(ids(await log.list({ order: 'oldest' }))).toEqual(['msg_1', 'msg_2', 'msg_3', 'msg_4', 'msg_5']);
      expect(ids(await log.list({ statuses: ['failed', 'gone'] }))).toEqual(['msg_5', 'msg_3', 'msg_2']);
      expect(ids(await log.list({ statuses: [] }))).toEqual([]);
      expect(ids(await log.list({ endpointId: 'other' }))).toEqual(['msg_5', 'msg_3']);
      expect(ids(await log.list({ since: '2026-03-01T00:00:02.000Z' }))).toEqual(['msg_5', 'msg_4', 'msg_3']);
      expect(ids(await log.list({ limit: 2 }))).toEqual(['msg_5', 'msg_4']);
      expect(
        ids(
          await log.list({
            statuses: ['failed'],
            endpointId: 'team',
            since: '2026-03-01T00:00:00.000Z',
            limit: 5,
          }),
        ),
      ).toEqual(['msg_2']);
    });

    it('marks a delivery replayed: pending again, with the highest round seen', async () => {
      const { log } = await open();
      await log.record(entry({ webhookId: 'msg_r', status: 'failed', statusCode: 500, error: 'HTTP 500' }));
      expect(await log.markReplayed('msg_r', 2)).toBe(true);
      expect(await log.get('msg_r')).toMatchObject({
        status: 'pending',
        replays: 2,
        attempts: 1,
        lastError: 'HTTP 500',
      });
      expect(await log.markReplayed('msg_r', 1)).toBe(true);
      expect((await log.get('msg_r'))?.replays).toBe(2);
      expect(await log.markReplayed('msg_unknown', 1)).toBe(false);
    });

    it('disables an endpoint once, reports it, and enables it again', async () => {
      const { log } = await open();
      expect(await log.disabledEndpoint('team')).toBeUndefined();
      const disabled = {
        endpointId: 'team',
        disabledAt: '2026-03-01T00:00:00.000Z',
        reason: 'HTTP 410: the endpoint is gone',
        webhookId: 'msg_g',
      };
      await log.disableEndpoint(disabled);
      await log.disableEndpoint({
        ...disabled,
        disabledAt: '2026-03-02T00:00:00.000Z',
        webhookId: 'msg_later',
      });
      await log.disableEndpoint({ ...disabled, endpointId: 'another' });
      expect(await log.disabledEndpoint('team')).toEqual(disabled);
      expect((await log.disabledEndpoints()).map((endpoint) => endpoint.endpointId)).toEqual([
        'another',
        'team',
      ]);
      expect(await log.enableEndpoint('team')).toEqual(disabled);
      expect(await log.enableEndpoint('team')).toBeUndefined();
      expect(await log.disabledEndpoint('team')).toBeUndefined();
    });

    it('keeps records and endpoint states when the storage is opened again', async () => {
      const { log, reopen } = await open();
      await log.record(entry({ webhookId: 'msg_k', status: 'gone', statusCode: 410, error: 'HTTP 410' }));
      await log.disableEndpoint({
        endpointId: 'team',
        disabledAt: '2026-03-01T00:00:00.000Z',
        reason: 'HTTP 410',
        webhookId: 'msg_k',
      });
      const again = await reopen();
      expect(await again.get('msg_k')).toMatchObject({ status: 'gone', lastStatusCode: 410 });
      expect(await again.disabledEndpoint('team')).toMatchObject({ webhookId: 'msg_k' });
    });
  });
}
