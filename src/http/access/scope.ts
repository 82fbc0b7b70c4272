import { z } from 'zod';

/**
 * What a token may do. `admin` holds every other scope and alone opens the queue dashboard
 * (which can pause, empty and add jobs) and deliberate re-briefs of a changed paper.
 */
export const ScopeSchema = z.enum(['briefs:read', 'papers:write', 'metrics:read', 'admin']);
export type Scope = z.infer<typeof ScopeSchema>;

/** Every scope, in the order README lists them. */
export const ALL_SCOPES: readonly Scope[] = ScopeSchema.options;

/** True when `granted` includes `wanted`, `admin` standing for all. */
export function hasScope(granted: ReadonlySet<Scope>, wanted: Scope): boolean {
  return granted.has(wanted) || granted.has('admin');
}
