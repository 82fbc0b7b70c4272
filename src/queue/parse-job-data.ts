import { UnrecoverableError } from 'bullmq';
import type { z } from 'zod';

/**
 * Parses a job's data with its schema (jobs outlive deploys, so never cast `job.data`).
 * `what` names the data in the failed reason, e.g. "the job's paper".
 * @throws UnrecoverableError (`invalid_job_data: … fails the schema (path: issue; …)`) when the
 * data does not fit: retrying the same data cannot help, so the job fails at once with the reason.
 */
export function parseJobData<Schema extends z.ZodType>(
  schema: Schema,
  data: unknown,
  what: string,
): z.output<Schema> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new UnrecoverableError(`invalid_job_data: ${what} fails the schema (${issues.join('; ')})`);
}
