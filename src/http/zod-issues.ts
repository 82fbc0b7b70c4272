import type { z } from 'zod';

/** A zod error as `{ field, message }` pairs; `field` is the dotted path, null for the whole value. */
export function zodIssues(error: z.ZodError): Array<{ field: string | null; message: string }> {
  return error.issues.map((issue) => ({
    field: issue.path.length === 0 ? null : issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
