import { BriefContentSchema, BriefSchema, type Brief } from '../../src/briefs/brief.js';
import { groundContent } from '../../src/briefs/grounding.js';
import type { Paper } from '../../src/papers/paper.js';
import type { Store } from '../../src/stores/store.js';

/** What a store holds after a fault scenario, checked brief by brief against the papers sent. */
export interface BriefAudit {
  /** Briefs in the store. */
  stored: number;
  /** Briefs beyond one per paper id. */
  duplicates: number;
  /** Paper ids that have a brief. */
  briefedIds: Set<string>;
  /** One line per brief that fails BriefSchema, is not about a paper sent, or is not grounded. */
  problems: string[];
}

/** Every brief of the store, page by page (the Store's own listing, as the API reads it). */
export async function allBriefs(store: Store): Promise<Brief[]> {
  const briefs: Brief[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list({ limit: 500, cursor });
    briefs.push(...page.briefs);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return briefs;
}

/**
 * Checks every stored brief the way a consumer would: it parses with BriefSchema, it is about a
 * paper that was sent (same title), and grounding it again against that paper changes nothing
 * (every result value and evidence, method name, code URL and TL;DR number is in the source, every
 * tag in the taxonomy). Counts briefs beyond one per paper id as duplicates.
 */
export async function auditStore(
  store: Store,
  papers: ReadonlyMap<string, Paper>,
  allowedTags: ReadonlySet<string>,
): Promise<BriefAudit> {
  const briefs = await allBriefs(store);
  const count = await store.count();
  const briefedIds = new Set<string>();
  const problems: string[] = [];
  let duplicates = Math.max(0, count - briefs.length);
  for (const raw of briefs) {
    const parsed = BriefSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(`${String(raw?.paper?.id)}: fails BriefSchema: ${parsed.error.issues[0]?.message}`);
      continue;
    }
    const brief = parsed.data;
    if (briefedIds.has(brief.paper.id)) duplicates += 1;
    briefedIds.add(brief.paper.id);
    const paper = papers.get(brief.paper.id);
    if (!paper) {
      problems.push(`${brief.paper.id}: a brief for a paper that was never sent`);
      continue;
    }
    problems.push(...groundingProblems(brief, paper, allowedTags));
  }
  return { stored: briefs.length, duplicates, briefedIds, problems };
}

/** What grounding would still remove from a stored brief; empty when the brief is grounded. */
export function groundingProblems(brief: Brief, paper: Paper, allowedTags: ReadonlySet<string>): string[] {
  if (brief.paper.title !== paper.title) return [`${paper.id}: brief title differs from the paper's`];
  const content = BriefContentSchema.parse(brief);
  const grounded = groundContent(content, paper, allowedTags);
  const problems = grounded.issues.map((issue) => `${paper.id}: ${issue.path}: ${issue.message}`);
  if (grounded.content.claimed_results.length !== content.claimed_results.length) {
    problems.push(`${paper.id}: a claimed result repeats another`);
  }
  return problems;
}
