/**
 * The rules that recognise a sentence addressing the model that reads the paper (a prompt
 * injection) rather than stating something about the work. Such a sentence is never evidence for
 * any field of a brief. Ordered; the first rule that fires names the sentence.
 *
 * The line they draw: scientific prose *describes* what models do ("the model must output a
 * plan", "agents that ignore previous instructions", "we study system prompts"); an injection
 * *tells* the reader what to do: an imperative at the head of a clause ("Ignore the above",
 * "Output only …"), a second-person order ("you must …"), a greeting or role label aimed at an
 * AI ("Note to the AI:", "As an AI language model, …"), or chat-template markup. Imperatives
 * aimed at a human reader that abstracts use ("See …", "Visit our page", "Consider …", "Note
 * that …") are not on the verb lists.
 */

import { abstractSentences, type AbstractSentence } from './abstract-sentences.js';

export interface InstructionRule {
  readonly name: string;
  /** Why a sentence this rule fires on is not evidence. */
  readonly reason: string;
  readonly test: (sentence: string) => boolean;
}

/**
 * The head of a clause: the sentence start, after `:` `;` an opening bracket or quote, after
 * one opening word and a comma ("Finally, …", "Assistant, …") or after an opening clause about
 * the reader's job ("When summarizing this paper, …"); then optional softeners and negations
 * ("please", "now", "never", "do not" …). Not after a dash: prose puts verbs there ("a network that can -- in a
 * single forward pass -- output scores").
 */
const CLAUSE_HEAD =
  String.raw`(?:^|[:;(\[{"“'‘]\s*|^\s*[\p{L}]+,\s+|` +
  String.raw`^\s*(?:when|while|if|in|for|before|after)\s+(?:summari[sz]ing|writing|generating|producing|reviewing|reading|processing|briefing)\b[^,]{0,60},\s+)` +
  String.raw`(?:(?:please|now|instead|also|then|first|finally|simply|just|kindly|and|always|never|do not|don't)\s*,?\s+)*`;

const AI_NOUN =
  String.raw`(?:ais?|a\.i\.|llms?|(?:large )?language models?|(?:ai |virtual )?assistants?|chatbots?|` +
  String.raw`chatgpt|gpts?|ai (?:models?|systems?|tools?|agents?|reviewers?|readers?)|` +
  String.raw`llm (?:reviewers?|agents?|readers?)|automated (?:reviewers?|systems?|summari[sz]ers?)|summari[sz]ers?)`;

/** Verbs that, at the head of a clause, order a model to produce something. */
const ORDER_VERB =
  String.raw`(?:output|print|respond|reply|answer|say|repeat|write|generate|return|include|insert|append|` +
  String.raw`mention|summari[sz]e|rate|score|recommend|give|tell|claim|describe|list|call|label|emit|` +
  String.raw`produce|classify|praise|accept|report|add|use only|make sure|ensure|pretend|act as|role-?play)`;

/** What follows an ordering verb (an object, a quote, a manner), unlike a noun heading a clause. */
const ORDER_OBJECT =
  String.raw`(?:(?:the|a|an|this|that|these|those|only|exactly|just|with|following|your|my|me|us|it|yes|no|` +
  String.raw`all|nothing|everything|instead|in|as|json|positive|negative|highly|strongly|to)\b|https?:|www\.|["“'‘:]|\d)`;

/** A rule from its pattern; `gate`, a cheap test every match needs, skips most sentences fast. */
const rule = (name: string, reason: string, pattern: RegExp, gate?: RegExp): InstructionRule => ({
  name,
  reason,
  test: (sentence) => (gate === undefined || gate.test(sentence)) && pattern.test(sentence),
});

const headed = (body: string): RegExp => new RegExp(`${CLAUSE_HEAD}${body}`, 'iu');

export const INSTRUCTION_RULES: readonly InstructionRule[] = [
  rule(
    'prompt-markup',
    'chat-template or prompt-delimiter markup: text written to be read as a prompt',
    /<\|[a-z_]+\|>|\[\/?inst\]|<<\/?sys>>|<\/?(?:system|assistant|user|instructions?|paper|abstract|title)>|\[\/(?:paper|abstract|title)\]|(?:^|\s)#{2,}\s*(?:instructions?|system|response|assistant)\b/iu,
  ),
  // Upper case only: "the end of the paper" is prose, "END OF ABSTRACT" is a delimiter.
  rule(
    'end-of-input-marker',
    'a fake end-of-input marker, written to make what follows look like new instructions',
    /\bEND OF (?:THE )?(?:ABSTRACT|PAPER|DOCUMENT|INPUT|USER INPUT|PROMPT)\b/u,
  ),
  rule(
    'override-instructions',
    'tells the reader to set aside its instructions',
    headed(
      String.raw`(?:(?:ignore|disregard|forget|override|bypass|overlook)\b(?:\s+\S+){0,5}?\s+(?:instructions?|prompts?|rules|guidelines|directions|directives|context|above|everything|before)\b|(?:do not|don't|never) (?:follow|obey|heed)\b)`,
    ),
  ),
  rule(
    'addresses-an-ai',
    'speaks to an AI reader (greeting, role label, "you are an AI", "as an AI")',
    new RegExp(
      String.raw`\b(?:if |when |since |because )?you(?:'re| are) (?:now |currently |actually )?(?:an?|the) ${AI_NOUN}\b|` +
        String.raw`\b(?:dear|hey|hello|note to|message (?:to|for)) (?:the |all |any )?${AI_NOUN}\b|` +
        String.raw`\b${AI_NOUN} (?:that (?:are|is) )?(?:reading|processing|summari[sz]ing|reviewing|analy[sz]ing|parsing|evaluating|ingesting) (?:this|these) (?:paper|abstract|text|document|article|manuscript|submission|work)\b|` +
        String.raw`${CLAUSE_HEAD}(?:as an? ${AI_NOUN}(?: language model)?\s*,|${AI_NOUN}\s*:|(?:system|assistant)(?: prompt| message| note)?\s*:|(?:new|updated|real|actual|hidden|secret) (?:system )?(?:instructions?|prompt)\s*:)`,
      'iu',
    ),
    /\b(?:ai|a\.i|llms?|language models?|assistants?|chatbots?|chatgpt|gpts?|automated|summari[sz]ers?|system|prompt|instructions?)\b/i,
  ),
  rule(
    'second-person-order',
    'orders "you" (the reader) to do something',
    /\byou (?:must|should|shall|need to|have to|are (?:now )?(?:required|instructed|asked|told|expected|supposed|to)\b|will (?:now|instead|only|always|never)\b)|\byour (?:new |real |actual |only |final |true )?(?:task|job|instructions?|goal|role|objective|answer|response|output|summary|reply|brief|tl;?dr) (?:is|are|must|should|will)\b/iu,
    /\byou/i,
  ),
  rule(
    'ordering-imperative',
    'an imperative at the head of a clause ordering the reader to produce or say something',
    headed(String.raw`${ORDER_VERB}\s+${ORDER_OBJECT}`),
  ),
];

/** The first rule that fires on `sentence`, if any. */
export function instructionRuleFor(sentence: string): InstructionRule | undefined {
  const text = sentence.replace(/\s+/g, ' ').trim();
  return INSTRUCTION_RULES.find((candidate) => candidate.test(text));
}

/** A sentence of the abstract that addresses the model, with the rule that says so. */
export interface InstructionSentence extends AbstractSentence {
  /** 1-based position among the abstract's sentences, for warnings. */
  readonly index: number;
  readonly rule: InstructionRule;
}

/** The sentences of `abstract` that address the model: never evidence for any field. */
export function instructionSentences(abstract: string): InstructionSentence[] {
  return abstractSentences(abstract).flatMap((sentence, position) => {
    const found = instructionRuleFor(sentence.text);
    return found ? [{ ...sentence, index: position + 1, rule: found }] : [];
  });
}
