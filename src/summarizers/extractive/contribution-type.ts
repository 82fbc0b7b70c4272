import type { ContributionType } from '../../briefs/brief.js';

// What a released model is called where the abstract names it: "a BERT-style encoder", "our latest LLM".
const MODEL_NOUN = String.raw`(?:LLMs?|LLM variant|(?:[\w-]+\s)?(?:language|foundation|reasoning|representation|pretrained|base|chat)\smodels?|encoder|decoder)(?!\s(?:serving|inference|system|engine|framework|library|agent|benchmark|dataset)\b)`;

// Words of the noun phrase before its head; "a pruning method for language models" is a method.
const MODIFIER = String.raw`(?:(?!(?:for|of|to|with|in|on|that|which|method|approach|framework|technique|algorithm)\s)[\w-]+\s)`;

/**
 * True when the method's name stands in apposition to a model noun: "Kimi, our latest multi-modal
 * LLM", "GPT-3, an autoregressive language model", "a model called BERT", "an LLM variant, namely
 * BitNet": the paper releases a model rather than a technique.
 */
function namesAModel(abstract: string, methodName: string | null): boolean {
  if (methodName === null) return false;
  const name = methodName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return (
    new RegExp(String.raw`${name},\s(?:an?|our|the)\s${MODIFIER}{0,4}?${MODEL_NOUN}\b`).test(abstract) ||
    new RegExp(String.raw`\b${MODEL_NOUN},?\s(?:called|named|namely|dubbed)\s${name}\b`).test(abstract)
  );
}

/**
 * What kind of contribution a paper makes, from cue phrases of the title and abstract, checked in
 * order: the most specific kinds (challenge report, survey, dataset, benchmark) first, then a
 * model or system release, then an analysis when no method is named, otherwise a method.
 */
export function findContributionType(
  title: string,
  abstract: string,
  methodName: string | null,
): ContributionType {
  const text = `${title}\n${abstract}`;
  if (/\bchallenge\b/i.test(title) && /\b(?:competition|participants|teams|challenge)\b/i.test(abstract))
    return 'challenge-report';
  if (
    /\b(?:survey|review)\b/i.test(title) ||
    /\bwe (?:provide|present|conduct) an? (?:\w+\s){0,2}(?:survey|review)\b/i.test(abstract)
  )
    return 'survey';
  if (
    /\bdataset\b/i.test(title) ||
    /\bwe (?:introduce|present|release|construct|build|curate)\b[^.]{0,80}\b(?:an? |the )?(?:\w+[\s-]){0,3}dataset\b/i.test(
      abstract,
    )
  )
    return 'dataset';
  // A model named in the title ("An Open LLM", "A Pool of ... Language Models", "Pretrain a ... Model").
  if (
    /\btechnical report\b/i.test(title) ||
    /\b(?:open|foundation) (?:LLM|language model|model)\b|\b(?:pool|family|suite) of\b[^:]*\bmodels\b|\bpretrain\w* an? \b[^:]*\bmodel\b/i.test(
      title,
    )
  )
    return 'model';
  if (
    /\bbenchmark\b/i.test(title) ||
    /\bwe (?:introduce|present|propose|release|construct|build|create|design)\b[^.]{0,60}\bbenchmark\b/i.test(
      abstract,
    )
  )
    return 'benchmark';
  if (
    /\bwe (?:release[ds]?|present|introduce)\b[^.]{0,80}\b(?:family of|series of|(?:language|foundation|vision|pretrained) models?)\b/i.test(
      abstract,
    )
  )
    return 'model';
  // "We present DPA3, a multi-layer graph neural network": a named network is a model.
  if (/\bwe (?:present|introduce|release)\s+\S+,\s+an? (?:[\w-]+\s){0,3}neural network\b/i.test(abstract))
    return 'model';
  if (/\bwe (?:introduce|present|build|develop)\b[^.]{0,60}\bsystem\b/i.test(abstract)) return 'system';
  // "we propose DejaVu, a system that ...": a named system in apposition.
  if (/\bwe (?:propose|design)\s+\S+,\s+an? (?:[\w-]+\s){0,3}(?:system|engine)\b/i.test(abstract))
    return 'system';
  // After the system cues: "vLLM, an LLM serving system" is a system, not a model.
  if (namesAModel(abstract, methodName)) return 'model';
  // "Scaling Laws for Efficient MoE Models": a study of laws, whatever metric it names.
  if (/\bscaling laws? (?:for|of)\b/i.test(title)) return 'analysis';
  if (
    methodName === null &&
    (/\?\s*$|\b(?:scaling laws?|understanding|analysis|study|empirical|evaluation|trade-offs?|revisit\w*)\b/i.test(
      title,
    ) ||
      /\b(?:we (?:study|analy[sz]e|investigate|examine|find|evaluate)|our (?:findings|analysis|study))\b/i.test(
        abstract,
      ))
  )
    return 'analysis';
  return /\bwe\b/i.test(text) || methodName !== null ? 'method' : 'analysis';
}
