import type { ContributionType } from '../../briefs/brief.js';

/**
 * What kind of contribution a paper makes, as an ordered table of named rules over the title and
 * abstract: the first rule whose test holds decides, and its name is what `eval --details` counts.
 * The most specific kinds come first (challenge report, survey, dataset, model report, benchmark),
 * then model and system releases, then an analysis when no method is named, else a method. Each
 * test reads sentence structure (who does what to which noun), never a paper's words.
 */

export interface ContributionInput {
  title: string;
  abstract: string;
  methodName: string | null;
}

export interface ContributionRule {
  name: string;
  type: ContributionType;
  reason: string;
  test: (input: ContributionInput) => boolean;
}

// What a released model is called where the abstract names it: "a BERT-style encoder", "our latest LLM".
const MODEL_NOUN = String.raw`(?:LLMs?|LLM variant|(?:[\w-]+\s)?(?:language|foundation|reasoning|representation|pretrained|base|chat)\smodels?|encoder|decoder)(?!\s(?:serving|inference|system|engine|framework|library|agent|benchmark|dataset)\b)`;
// Words of the noun phrase before its head; "a pruning method for language models" is a method.
const MODIFIER = String.raw`(?:(?!(?:for|of|to|with|in|on|that|which|method|approach|framework|technique|algorithm)\s)[\w-]+\s)`;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "Kimi, our latest multi-modal LLM", "a model called BERT": the name in apposition to a model noun. */
function namesAModel({ abstract, methodName }: ContributionInput): boolean {
  if (methodName === null) return false;
  const name = escape(methodName);
  return (
    new RegExp(String.raw`${name},\s(?:an?|our|the)\s${MODIFIER}{0,4}?${MODEL_NOUN}\b`).test(abstract) ||
    new RegExp(String.raw`\b${MODEL_NOUN},?\s(?:called|named|namely|dubbed)\s${name}\b`).test(abstract)
  );
}

const ANALYSIS_TITLE =
  /\?\s*$|\b(?:scaling laws?|understanding|analysis|study|empirical|evaluation|trade-offs?|revisit\w*|theory)\b/i;
const ANALYSIS_VERB =
  /\b(?:we (?:study|analy[sz]e|investigate|examine|find|evaluate)|our (?:findings|analysis|study)|we (?:give|provide|present|conduct|develop) an? (?:[\w-]+,?\s){0,4}(?:analysis|theory|characteri[sz]ation))\b/i;

export const CONTRIBUTION_RULES: readonly ContributionRule[] = [
  {
    name: 'system-for-a-challenge',
    type: 'system',
    reason: 'a title naming a system "for" a challenge is a participant describing its system',
    test: ({ title }) => /\bsystems?\s(?:\w+\s){0,3}for\s(?:the\s)?(?:[\w-]+\s){0,4}challenge\b/i.test(title),
  },
  {
    name: 'challenge-in-title',
    type: 'challenge-report',
    reason: 'a challenge in the title with participants, teams or competition in the abstract',
    test: ({ title, abstract }) =>
      /\bchallenge\b/i.test(title) && /\b(?:competition|participants|teams|challenge)\b/i.test(abstract),
  },
  {
    name: 'survey-or-review',
    type: 'survey',
    reason: 'a survey or review in the title, "we provide a survey", or the paper reviewing existing work',
    test: ({ title, abstract }) =>
      /\b(?:survey|review)\b/i.test(title) ||
      /\bwe (?:provide|present|conduct) an? (?:\w+\s){0,2}(?:survey|review)\b/i.test(abstract) ||
      /\b(?:this|the) (?:paper|article|work|chapter)\b[^.]{0,60}\breviews?\s(?:current|existing|recent|the state|prior)\b/i.test(
        abstract,
      ),
  },
  {
    name: 'dataset-built',
    type: 'dataset',
    reason: 'a dataset in the title, or the authors introduce, build or release one',
    test: ({ title, abstract }) =>
      /\bdataset\b/i.test(title) ||
      /\bwe (?:introduce|present|release|construct|build|curate)\b[^.]{0,80}\b(?:an? |the )?(?:\w+[\s-]){0,3}dataset\b/i.test(
        abstract,
      ),
  },
  {
    name: 'model-in-title',
    type: 'model',
    reason: 'a technical report, or a model named in the title ("An Open LLM", "A Pool of ... Models")',
    test: ({ title }) =>
      /\btechnical report\b/i.test(title) ||
      /\b(?:open|foundation) (?:LLM|language model|model)\b|\b(?:pool|family|suite) of\b[^:]*\bmodels\b|\bpretrain\w* an? \b[^:]*\bmodel\b/i.test(
        title,
      ),
  },
  {
    name: 'benchmark-built',
    type: 'benchmark',
    reason: 'a benchmark in the title, or the authors introduce, build or release one',
    test: ({ title, abstract }) =>
      /\bbenchmark\b/i.test(title) ||
      /\bwe (?:introduce|present|propose|release|construct|build|create|design)\b[^.]{0,60}\bbenchmark\b/i.test(
        abstract,
      ),
  },
  {
    name: 'name-is-a-bench',
    type: 'benchmark',
    reason: 'what the paper names is a "-bench" ("SWE-bench", "MT-Bench"): benchmarks are named so',
    test: ({ methodName }) => methodName !== null && /bench(?:mark)?\b/i.test(methodName),
  },
  {
    name: 'models-released',
    type: 'model',
    reason: 'the authors release or present a family, series or kind of models',
    test: ({ abstract }) =>
      /\bwe (?:release[ds]?|present|introduce)\b[^.]{0,80}\b(?:family of|series of|(?:language|foundation|vision|pretrained) models?)\b/i.test(
        abstract,
      ),
  },
  {
    name: 'models-introduced',
    type: 'model',
    reason: '"we introduce our first-generation reasoning models": models as the object of the verb',
    test: ({ abstract }) =>
      /\bwe (?:release[ds]?|present|introduce)\s(?:(?!for|of|to|on|in|with|that|which)[\w-]+\s){0,5}models\b(?!\s(?:for|of|to|that|which)\b)/i.test(
        abstract,
      ),
  },
  {
    name: 'sized-variants',
    type: 'model',
    reason: '"we introduce X, the 1.2B and 2.4B variants": a release in parameter sizes',
    test: ({ abstract }) =>
      /\b[Ww]e (?:introduce|present|release)\s[^.]{0,80}\b\d+(?:\.\d+)?[BM]\b[^.]{0,40}\b(?:variants|versions|models)\b/.test(
        abstract,
      ),
  },
  {
    name: 'network-named',
    type: 'model',
    reason: '"a baseline network denoted as X", "an LLM called X": a named base network or LLM',
    test: ({ abstract }) => /\b(?:network|LLM)s?,?\s(?:denoted as|called|named|dubbed)\s[A-Z]/.test(abstract),
  },
  {
    name: 'named-neural-network',
    type: 'model',
    reason: '"we present X, a ... neural network": a named network is a model',
    test: ({ abstract }) =>
      /\bwe (?:present|introduce|release)\s+\S+,\s+an? (?:[\w-]+\s){0,3}neural network\b/i.test(abstract),
  },
  {
    name: 'system-built',
    type: 'system',
    reason: 'the authors introduce, build or name a system or engine',
    test: ({ abstract }) =>
      /\bwe (?:introduce|present|build|develop)\b[^.]{0,60}\bsystem\b/i.test(abstract) ||
      /\bwe (?:propose|design)\s+\S+,\s+an? (?:[\w-]+\s){0,3}(?:system|engine)\b/i.test(abstract) ||
      /\b(?:system|engine)\s(?:named|called|dubbed)\s[A-Z]/.test(abstract),
  },
  {
    name: 'name-is-a-model',
    type: 'model',
    reason: 'the method name stands in apposition to a model noun ("X, our latest LLM")',
    test: namesAModel,
  },
  {
    name: 'scaling-laws-title',
    type: 'analysis',
    reason: '"Scaling laws for ..." is a study of laws, whatever metric it names',
    test: ({ title }) => /\bscaling laws? (?:for|of)\b/i.test(title),
  },
  {
    name: 'unnamed-study',
    type: 'analysis',
    reason: 'no method named, and the title or the authors frame the work as a study or analysis',
    test: ({ title, abstract, methodName }) =>
      methodName === null && (ANALYSIS_TITLE.test(title) || ANALYSIS_VERB.test(abstract)),
  },
  {
    name: 'proposes-something',
    type: 'method',
    reason: 'the authors (or "this paper") propose, present or introduce something, or a method is named',
    test: ({ title, abstract, methodName }) =>
      methodName !== null ||
      /\bwe\b/i.test(`${title}\n${abstract}`) ||
      /\b(?:this|the) (?:paper|work|study|article)\s(?:presents|proposes|introduces|develops|describes)\b/i.test(
        abstract,
      ),
  },
];

/** The first rule that decides the paper's contribution type ("analysis" when none does). */
export function contributionRule(input: ContributionInput): ContributionRule | undefined {
  return CONTRIBUTION_RULES.find((rule) => rule.test(input));
}
