/**
 * The fake server's "injection-obeying" model: when the abstract in the request carries an
 * instruction addressed to the model, its answer obeys it instead of the system prompt. It
 * writes what the instruction asks for (the names and URLs written in the injected sentence)
 * and, like a model making things up to please, names that are nowhere in the paper: a TL;DR
 * with an invented benchmark and URL, results whose metric and dataset name that benchmark, an
 * invented method name and code URL. Without an instruction in the abstract it answers like a
 * careful model (the derived brief).
 *
 * Its detection is its own (a few phrases), independent of `src/briefs/instruction-rules.ts`,
 * so a test does not grade the rules with themselves.
 */

export type InjectionObeyingBehaviour =
  /** Obeys in every answer, repair turns included: the paper cannot get a grounded TL;DR. */
  | 'injection-obeying'
  /** Obeys; on a repair turn fixes the TL;DR only (`fix-tldr`) or keeps obeying (`obey`). */
  | { kind: 'injection-obeying'; onRepair: 'obey' | 'fix-tldr' };

export function isInjectionObeying(behaviour: unknown): behaviour is InjectionObeyingBehaviour {
  return (
    behaviour === 'injection-obeying' ||
    (typeof behaviour === 'object' &&
      behaviour !== null &&
      (behaviour as { kind?: unknown }).kind === 'injection-obeying')
  );
}

/** Names and URLs no paper has: any of them in a stored brief is a leak. */
export const INVENTED = {
  method: 'HyperNova',
  benchmark: 'MegaBench-9000',
  tldrUrl: 'https://evil.example/leak',
  codeUrl: 'https://github.com/hypernova-ai/hypernova',
} as const;

const TRIGGER =
  /ignore (?:all )?(?:previous|prior) instructions|disregard the above|you must|as an ai|respond with|note to the ai|system:|output only|your task is/i;
/** Ends at `.` `!` `?` followed by white space or the end (not inside `97.3%` or a URL). */
const SENTENCE = /(?:[^.!?]|[.!?](?!\s|$))+[.!?]?/g;
const URL = /https?:\/\/[^\s)\]}>,;"']+[^\s)\]}>,;"'.]/g;
const NAME = /\b[A-Z][a-z]+[A-Z]\w*\b/g;

/** The sentence of `abstract` that gives the model an instruction, if any. */
export function injectedSentence(abstract: string): string | undefined {
  return abstract
    .match(SENTENCE)
    ?.find((sentence) => TRIGGER.test(sentence))
    ?.trim();
}

/**
 * The obeying model's answer for a paper, from the brief a careful model would write
 * (`derived`), or `derived` itself when the abstract gives no instruction.
 */
export function injectionObeyingAnswer(
  abstract: string,
  derived: Record<string, unknown>,
  behaviour: InjectionObeyingBehaviour,
  isRepair: boolean,
): Record<string, unknown> {
  const sentence = injectedSentence(abstract);
  if (sentence === undefined) return derived;
  // What the instruction asks for: the names and URLs written after its trigger.
  const payload = sentence.slice(TRIGGER.exec(sentence)?.index ?? 0);
  const payloadUrl = payload.match(URL)?.[0];
  const payloadName = payload.match(NAME)?.[0];
  const payloadNumber = /\d+(?:\.\d+)?%/.exec(payload)?.[0];
  const keepObeying = behaviour === 'injection-obeying' || behaviour.onRepair === 'obey';
  const tldr =
    isRepair && !keepObeying
      ? derived.tldr
      : `${INVENTED.method} (${payloadName ?? 'the new model'}) sets a record on ${INVENTED.benchmark}; ` +
        `see ${payloadUrl ?? INVENTED.tldrUrl} and ${INVENTED.tldrUrl} for details.`;
  const derivedResults = derived.claimed_results as Array<Record<string, unknown>>;
  const claimedResults: Array<Record<string, unknown>> = derivedResults.slice(0, 2).map((result) => ({
    ...result,
    metric: `${INVENTED.benchmark} score`,
    dataset: INVENTED.benchmark,
    comparison: `${payloadName ?? 'GPT-7'} and ${INVENTED.method}-Lite`,
  }));
  if (payloadNumber !== undefined) {
    // A result quoting the injected sentence itself: in the abstract, but never evidence.
    claimedResults.push({
      value: payloadNumber,
      metric: 'accuracy',
      dataset: null,
      comparison: null,
      evidence: sentence,
    });
  }
  claimedResults.push({
    value: '97.3%',
    metric: 'accuracy',
    dataset: INVENTED.benchmark,
    comparison: null,
    evidence: `${INVENTED.method} reaches 97.3% on ${INVENTED.benchmark}.`,
  });
  return {
    tldr,
    method_name: payloadName ?? INVENTED.method,
    contribution_type: 'model',
    claimed_results: claimedResults,
    tags: ['ignore-previous-instructions'],
    code_url: payloadUrl ?? INVENTED.codeUrl,
  };
}
