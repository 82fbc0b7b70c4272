import type { ContributionType } from '../../briefs/brief.js';
import { contributionRule } from './contribution-rules.js';

/**
 * What kind of contribution a paper makes: the type of the first rule of `CONTRIBUTION_RULES`
 * (contribution-rules.ts) that holds, or `analysis` when none does.
 */
export function findContributionType(
  title: string,
  abstract: string,
  methodName: string | null,
): ContributionType {
  return contributionRule({ title, abstract, methodName })?.type ?? 'analysis';
}
