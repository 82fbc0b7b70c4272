import { BriefContentSchema, type BriefContent } from '../../briefs/brief.js';
import { groundContent, type GroundingIssue } from '../../briefs/grounding.js';
import type { Paper } from '../../papers/paper.js';

export interface BriefAnswerCheck {
  /** The schema-valid content, ungrounded items dropped or nulled; undefined when not valid. */
  content: BriefContent | undefined;
  /** What the model must fix, phrased for a repair turn. Empty when the answer is usable as is. */
  problems: GroundingIssue[];
  /** Grounding issues that the model is not asked to fix (unknown tags: dropping them is enough). */
  dropped: GroundingIssue[];
  /** Grounding issues the model is asked to fix (ungrounded results, names, URLs, TL;DR numbers). */
  ungrounded: GroundingIssue[];
}

/** `path: message`, the way problems are shown to the model and in errors. */
export function describeProblem(problem: GroundingIssue): string {
  return `${problem.path}: ${problem.message}`;
}

/** Some servers wrap JSON in a Markdown fence even when asked not to; unwrapping is free. */
const FENCED = /^```(?:json)?\s*([\s\S]*?)\s*```$/i;

/**
 * Checks a model's answer the way every answer is checked: parse as JSON, validate with
 * `BriefContentSchema` (refinements included), then ground against the paper.
 */
export function checkBriefAnswer(
  text: string | null | undefined,
  paper: Pick<Paper, 'title' | 'abstract'>,
  allowedTags: ReadonlySet<string>,
): BriefAnswerCheck {
  const invalid = (message: string): BriefAnswerCheck => ({
    content: undefined,
    problems: [{ path: '(answer)', message, reason: message }],
    dropped: [],
    ungrounded: [],
  });
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') return invalid('the answer was empty: answer with the brief as one JSON object');
  let json: unknown;
  try {
    json = JSON.parse(FENCED.exec(trimmed)?.[1] ?? trimmed);
  } catch (error) {
    return invalid(`the answer is not valid JSON (${(error as Error).message})`);
  }
  const parsed = BriefContentSchema.safeParse(json);
  if (!parsed.success) {
    return {
      content: undefined,
      problems: parsed.error.issues.map((issue) => ({
        path: issue.path.join('.') || '(root)',
        message: issue.message,
        reason: issue.message,
      })),
      dropped: [],
      ungrounded: [],
    };
  }
  const grounded = groundContent(parsed.data, paper, allowedTags);
  const ungrounded = grounded.issues.filter((issue) => !issue.path.startsWith('tags'));
  return {
    content: grounded.content,
    problems: ungrounded,
    dropped: grounded.issues.filter((issue) => issue.path.startsWith('tags')),
    ungrounded,
  };
}
