import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { DeliverJobDataSchema } from '../../src/queue/deliver-processor.js';
import { parseJobData } from '../../src/queue/parse-job-data.js';

const delivery = {
  key: { paperId: '2401.00001', provider: 'extractive', model: 'm', promptVersion: 'v1' },
  destination: 'main',
};

describe('parseJobData', () => {
  it('returns the parsed data when it fits the schema', () => {
    expect(parseJobData(DeliverJobDataSchema, delivery, "the job's delivery")).toEqual(delivery);
  });

  it('fails for good, naming the data and each field that does not fit', () => {
    const broken = { key: { ...delivery.key, paperId: '' } };
    const failure = (() => {
      try {
        parseJobData(DeliverJobDataSchema, broken, "the job's delivery");
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(UnrecoverableError);
    expect((failure as Error).message).toMatch(
      /^invalid_job_data: the job's delivery fails the schema \(key\.paperId: .+; destination: .+\)$/,
    );
  });
});
