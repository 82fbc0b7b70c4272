import type { Paper } from '../papers/paper.js';
import { wordSource, type WordSource } from './grounded-words.js';
import { instructionSentences, type InstructionSentence } from './instruction-rules.js';
import { blankSpans, foldText, joinFolded, type FoldedText } from './source-text.js';

/** A paper's title and abstract prepared for grounding: folded, instruction sentences blanked. */
export interface GroundingSource {
  title: FoldedText;
  /** The abstract with its instruction sentences blanked out: what evidence may quote. */
  abstract: FoldedText;
  /** Title and (blanked) abstract together: names may come from either. */
  both: FoldedText;
  /** The words of `both`, for word-level grounding of free text. */
  words: WordSource;
  /** The abstract's sentences that address the model: never evidence. */
  instructions: readonly InstructionSentence[];
}

// Folding is most of grounding's cost, and an LLM answer grounds the same paper object twice
// (the answer check, then the pipeline): the last source of each paper object is kept, and used
// only while its title and abstract are the ones it was folded from.
const sources = new WeakMap<object, { title: string; abstract: string; source: GroundingSource }>();

export function groundingSource(paper: Pick<Paper, 'title' | 'abstract'>): GroundingSource {
  const known = sources.get(paper);
  if (known && known.title === paper.title && known.abstract === paper.abstract) return known.source;
  const title = foldText(paper.title);
  const instructions = instructionSentences(paper.abstract);
  const abstract = foldText(
    instructions.length > 0 ? blankSpans(paper.abstract, instructions) : paper.abstract,
  );
  const both = joinFolded(title, abstract);
  const source: GroundingSource = Object.freeze({
    title,
    abstract,
    both,
    words: wordSource(both),
    instructions,
  });
  sources.set(paper, { title: paper.title, abstract: paper.abstract, source });
  return source;
}

/**
 * The warning naming an instruction sentence: its position, its rule and its first six words
 * (enough to find it; the payload, a URL or a name, usually comes later and stays out).
 */
export function instructionNotice(sentence: InstructionSentence): string {
  const words = sentence.text.split(/\s+/);
  const opening = words.slice(0, 6).join(' ') + (words.length > 6 ? ' …' : '');
  return (
    `abstract sentence ${sentence.index} addresses the model (rule ${sentence.rule.name}) and is not ` +
    `used as evidence: "${opening}"`
  );
}

/**
 * The paper with its instruction sentences taken out of the abstract: what a summarizer that
 * reads the text itself (the extractive one) should read, so no field it fills (tags and
 * contribution type included, which grounding cannot check) comes from them. Returns `paper`
 * itself when there are none.
 */
export function withoutInstructionSentences<T extends Pick<Paper, 'title' | 'abstract'>>(paper: T): T {
  // From the grounding source: found once per paper object, then reused by grounding.
  const found = groundingSource(paper).instructions;
  if (found.length === 0) return paper;
  let abstract = '';
  let at = 0;
  for (const sentence of found) {
    abstract += paper.abstract.slice(at, sentence.start);
    at = sentence.end;
  }
  abstract = (abstract + paper.abstract.slice(at)).replace(/[ \t]{2,}/g, ' ').trim();
  return { ...paper, abstract };
}
