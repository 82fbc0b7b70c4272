/**
 * The method name a title offers: the prefix before a colon or dash ("LSNet: See Large, Focus
 * Small") or before "Technical Report", unless it is a question, a field's acronym or a phrase.
 */

/** A field's acronyms ("LLMs", "RL"): never a name the authors gave. */
export const GENERIC_ACRONYMS =
  /^(?:(?:multimodal |large |small |vision )?(?:LLMs?|MLLMs?|VLMs?|LMs?|SLMs?|AI|ML|DL|DRL|NLP|NLU|NLG|RL|RLHF|CV|DNNs?|NNs?|GNNs?|CNNs?|RNNs?|MoEs?|LRMs?|AGI|GenAI|ViTs?|NeRFs?|RAG|CoT|ICL|PEFT|LoRA)(?: and (?:LLMs?|VLMs?|AI|ML|RL))?)$/i;

/** The name-like prefix of `title`, or undefined. */
export function titleCandidate(title: string): string | undefined {
  const report = /^(.{2,40}?)(?::\s*|\s+)Technical Report\b/i.exec(title)?.[1];
  if (report) return report.trim();
  // "The Greedy Miser: ...": the article is not part of the name.
  const prefix = /^(.{2,80}?)(?::\s|\s--?\s|\s—\s)/
    .exec(title)?.[1]
    ?.trim()
    .replace(/^the\s+(?=[A-Z])/i, '');
  if (!prefix || /^(?:towards?|on|how|why|what|when|is|are|can|do|does|should)\b/i.test(prefix))
    return undefined;
  // "LLMs: A Survey": a field's acronym, not a name the authors gave.
  if (GENERIC_ACRONYMS.test(prefix)) return undefined;
  if (prefix.split(/\s+/).length > 6) return undefined;
  return prefix;
}
