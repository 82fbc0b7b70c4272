import { splitSentences } from './sentences.js';
import { GENERIC_ACRONYMS, titleCandidate } from './title-candidate.js';

/**
 * Finds the short name the authors give their method, model, system or benchmark. Candidates come
 * from the title ("Name: subtitle", "Name Technical Report") and from the abstract's own-work
 * sentences ("we propose X (ABBR)", "dubbed X", "our approach, X,"); each is weighted by where it
 * was found and how often the abstract repeats it, and the best one wins. Null when none is found.
 */

const OWN_WORK = /\b(?:we|our|us)\b|\bthis (?:paper|work|study|thesis|report|article)\b/i;
const PROPOSE_VERB =
  /\b(?:propos(?:e[sd]?|ing)|introduc(?:e[sd]?|ing)|present(?:s|ed|ing)?|develop(?:s|ed|ing)?|design(?:s|ed)?|come up with|contribute[sd]?|build|construct|release[sd]?|offer)\s+/gi;
// Not "our proposed system" / "the proposed method": there the word describes, it does not introduce.
const DESCRIBING_WORD = /\b(?:our|the|a|an|this|these|newly|previously|recently)\s$/i;
const DUBBED_ANYWHERE =
  /\b(?:dubbed|called|named|termed|coined|which we call|we call|we dub)\s|,\snamely\s(?=[A-Z])/i;
// "a 1-bit LLM variant, namely BitNet b1.58": "namely" names only when a name follows ("four
// aspects, namely pre-training, ..." lists ordinary terms).
const NAMELY = /,\snamely\s+/g;
const DUBBED =
  /\b(?:dubbed|called|named(?: as)?|termed|coined|which we call|we call(?: (?:it|this|these|them|our \w+|the (?:[\w-]+ ){0,2}?(?:models?|methods?|approach|framework|system)))?|we dub (?:it|this|our) \w+)\s+(?:the\s+)?/gi;
const TRAINED_NAME = /\b[Ww]e (?:train|build|pretrain)\s+([A-Z][\w.-]*[A-Za-z0-9]),\s+an?\s/g;
const ARTIFACT_NOUN =
  /(?:approach|method|framework|model|system|algorithm|technique|strategy|architecture|pipeline|agent|benchmark|dataset|toolkit|library|module|recipe|paradigm|metric|suite)/;
const APPOSITIVE = new RegExp(
  String.raw`\b${ARTIFACT_NOUN.source},?\s+(?:the\s+)?([A-Za-z][\w-]*(?:\s[A-Z][\w-]*)*)(?=[,.;:(]|\s(?:is|to|which|that|achieves|outperforms|addresses|uses|based)\b)`,
  'g',
);
const OUR_NAMED_ARTIFACT = new RegExp(String.raw`\b[Oo]ur\s+([A-Z][\w-]*)\s+${ARTIFACT_NOUN.source}\b`, 'g');
/** A capitalised run: `Prefix Grouper`, `AIM 2024 UHD-IQA Challenge`, `SIM-CoT`, `Nova v2.5` (a version tag). */
const CAPITALISED_RUN =
  /^(?:[A-Z0-9][\w.+-]*[\w+]|[A-Z])(?:\s(?:[A-Z0-9][\w.+-]*[\w+]|[A-Z]))*(?:\s[a-z]{1,2}\d+(?:\.\d+)*(?![\w-]))?/;
/** A capitalised expansion with small joining words before its abbreviation: `Tree of Notes (ToN)`. */
const JOINED_EXPANSION =
  /^([A-Z][\w-]*(?:\s(?:(?:of|and|for|to|on|in|the|with|by|via|as)\s)?[A-Z][\w-]*){1,6})\s\(([^()\s]{2,15})\)/;
// Words that end a name rather than continue it ("Nova models, a family" is not a name "Nova models").
const NOT_NAME_WORD = new RegExp(
  String.raw`^(?:and|or|of|the|with|for|to|in|on|by|as|is|are|which|that|variants?|family|series|versions?|weights|checkpoints|code|${ARTIFACT_NOUN.source}s?)$`,
);
const PARENTHESISED = /^\s*\(([^()]{1,60})\)/;
const THIRD_PERSON_SUBJECT =
  /\b([A-Z][\w-]*(?:\s[A-Z][\w-]*){0,4})\s\(([^()\s]{2,15})\)\s(?:attains|achieves|outperforms|reaches|obtains|matches|surpasses|delivers)\b/;
const DETERMINER = /^(?:the|a|an)\s+/i;
const BORROWED =
  /\b(?:based on|using|uses|via|with|like|such as|leverag\w*|built (?:on|upon)|on top of|extend\w*|from)\s+(?:the\s+)?[A-Z]/;

/** Has an inner capital, an acronym, a digit or a capital after a hyphen: `ReNO`, `F2C`, `Plan-and-Budget`. */
export function looksLikeName(text: string): boolean {
  return /[a-z][A-Z]|[A-Z]{2,}|[A-Za-z]\d|\d[A-Za-z]|-[A-Z]/.test(text);
}

function isAbbreviation(text: string): boolean {
  return !/\s/.test(text) && /[A-Z]/.test(text) && text.length <= 15;
}

function countIn(text: string, name: string): number {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...text.matchAll(new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`, 'g'))].length;
}

/** True when `text` names `name` as a whole word (`EL` is not in `MODEL`). */
export function mentions(text: string, name: string): boolean {
  return countIn(text, name) > 0;
}

/** The name that starts `text`, preferring an abbreviation that follows it in brackets. */
function nameAt(text: string, allowLowercase: boolean): string | undefined {
  // "we introduce "deep compression", a pipeline": a quoted name.
  const quoted = /^(?:["“]|``)([^"”']{2,60}?)(?:["”]|'')/.exec(text)?.[1];
  if (quoted && quoted.split(/\s+/).length <= 5) return quoted.trim();
  const joined = JOINED_EXPANSION.exec(text);
  if (joined?.[1] && joined[2] && isAbbreviation(joined[2])) return `${joined[2]}\u0000${joined[1]}`;
  const run = CAPITALISED_RUN.exec(text)?.[0];
  // "we introduce Distilling step-by-step, a new mechanism": lower-case words continue the name up
  // to the apposition that describes it.
  const continued = run
    ? /^((?:\s[a-z][\w-]*){1,2}),\s(?:a|an)\s/.exec(text.slice(run.length))?.[1]
    : undefined;
  if (
    run &&
    continued &&
    continued
      .trim()
      .split(' ')
      .every((word) => !NOT_NAME_WORD.test(word))
  )
    return `${run}${continued}`;
  if (run) {
    const bracket = PARENTHESISED.exec(text.slice(run.length))?.[1]?.trim();
    if (bracket && isAbbreviation(bracket) && bracket.length < run.length) return `${bracket}\u0000${run}`;
    const words = run.split(' ');
    if (words.length > 6) return undefined;
    if (words.length === 1 && !looksLikeName(run) && !/^[A-Z][a-z]+[A-Z]?$/.test(run)) return undefined;
    // A single ordinary capitalised word after "a"/"the" ("a Euclidean system") is not a name.
    return run;
  }
  if (!allowLowercase) return undefined;
  // "We propose budget guidance, a simple method": a lower-case name in apposition.
  // ("we introduce speculative decoding - an algorithm": a dash sets off the apposition too.)
  const lower = /^([a-z][\w-]*(?:\s[a-z][\w-]*){0,3})(?:,|\s[-–—]{1,3})\s(?:a|an)\s/.exec(text)?.[1];
  if (lower && !/^(?:to|a|an|the|two|three|four|several|multiple|new|novel)\b/.test(lower)) return lower;
  return undefined;
}

/**
 * The name after "called"/"dubbed"/"which we call": capitalised, or in lower case with its
 * abbreviation ("proximal policy optimization (PPO)"), or a short lower-case phrase ("chain of
 * thought prompting").
 */
function dubbedName(text: string): string | undefined {
  const named = nameAt(text, false);
  if (named) return named;
  const expanded = /^([a-z][\w-]*(?:\s[a-z][\w-]*){0,5})\s\(([^()\s]{2,15})\)/.exec(text);
  if (expanded?.[2] && isAbbreviation(expanded[2])) return `${expanded[2]}\u0000${expanded[1]}`;
  return /^([a-z][\w-]*(?:\s[a-z][\w-]*){0,4})(?=[,.;:)]|\s(?:which|that|where|to|for|and|in|on|with)\b)/.exec(
    text,
  )?.[1];
}

/** Abbreviations defined in `text` ("Expansion (ABBR)"), skipping other people's ("BERT's MLM (MLM)"). */
function definedAbbreviations(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/([\w'’-]+(?:\s[\w'’-]+){0,6})\s\(([^()\s]{2,15})\)/g)) {
    const abbreviation = match[2] ?? '';
    if (!isAbbreviation(abbreviation) || /['’]s\s/.test(match[1] ?? '') || /\d{4}/.test(abbreviation))
      continue;
    // "a method based on Low-Rank Adaptation (LoRA)": someone else's technique the method uses.
    if (BORROWED.test(text.slice(0, match.index + match[0].length - abbreviation.length - 2))) continue;
    found.push(abbreviation);
  }
  return found;
}

/** The method name of a paper, or null. */
export function findMethodName(title: string, abstract: string): string | null {
  const scores = new Map<string, number>();
  const add = (found: string | undefined, weight: number): void => {
    // `ABBR\0Run`: a name and the abbreviation defined right after it both get the credit.
    if (found?.includes('\u0000')) {
      for (const part of found.split('\u0000')) add(part, weight);
      return;
    }
    const name = found;
    const trimmed = name?.trim().replace(/[.,;:]+$/, '');
    if (!trimmed || trimmed.length < 2 || trimmed.length > 60 || GENERIC_ACRONYMS.test(trimmed)) return;
    scores.set(trimmed, (scores.get(trimmed) ?? 0) + weight);
  };

  const fromTitle = titleCandidate(title);
  if (fromTitle) {
    // A long prefix ("An Image is Worth 16x16 Words") is a phrase even with a digit in it.
    if (looksLikeName(fromTitle) && fromTitle.split(/\s+/).length <= 3) add(fromTitle, 3);
    else if (abstract.includes(fromTitle)) add(fromTitle, 2);
    // Used only in lower case ("neurons that fire together wire together"): a catchy phrase of
    // three words or more still names the method; a two-word term ("budgeted training") does not.
    else if (abstract.toLowerCase().includes(fromTitle.toLowerCase()) && fromTitle.split(/\s+/).length >= 3)
      add(fromTitle, 1);
  }

  for (const { text } of splitSentences(abstract)) {
    if (!OWN_WORK.test(text)) continue;
    const proposes = [...text.matchAll(PROPOSE_VERB)].filter(
      (verb) => !DESCRIBING_WORD.test(text.slice(Math.max(0, verb.index - 12), verb.index)),
    );
    for (const verb of proposes) {
      const object = text.slice(verb.index + verb[0].length);
      // "introduce two benchmarks: MT-bench, a ...": the first name of the list.
      const listed = /^(?:[\w-]+\s){0,4}[\w-]+:\s+([A-Z][\w.-]*[A-Za-z0-9])[,;\s]/.exec(object)?.[1];
      if (listed && looksLikeName(listed)) add(listed, 3);
      const direct = nameAt(object, true);
      if (direct) add(direct, 3);
      else {
        const afterDeterminer = DETERMINER.exec(object);
        const named = afterDeterminer ? nameAt(object.slice(afterDeterminer[0].length), false) : undefined;
        const firstClause = object.split(/[.;]/)[0] ?? '';
        // "a 1-bit LLM variant, namely BitNet": the description before a naming word is not the name.
        if (named && DUBBED_ANYWHERE.test(firstClause)) continue;
        if (named && named.includes(' ')) add(named, 3);
        else if (named && looksLikeName(named)) add(named, 3);
        // "a Stable-Diffusion (SD) acceleration module called SpeedUpNet": the "called" name wins.
        else if (!DUBBED_ANYWHERE.test(object.split(/[.;]/)[0] ?? ''))
          add(definedAbbreviations(object.split(/[.;]/)[0] ?? '')[0], 3);
      }
    }
    // "we train GPT-3, an autoregressive language model": a trained model named in apposition.
    for (const trained of text.matchAll(TRAINED_NAME)) add(trained[1], 3);
    for (const dubbed of text.matchAll(DUBBED))
      add(dubbedName(text.slice(dubbed.index + dubbed[0].length)), 3);
    for (const namely of text.matchAll(NAMELY)) {
      const name = nameAt(text.slice(namely.index + namely[0].length), false);
      if (name && looksLikeName(name)) add(name, 3);
    }
    // "Our ConvFirst model ...": a name used as the modifier of the authors' artifact.
    for (const modifier of text.matchAll(OUR_NAMED_ARTIFACT)) {
      const name = modifier[1] ?? '';
      if (looksLikeName(name)) add(name, 2);
    }
    for (const appositive of text.matchAll(APPOSITIVE)) {
      const name = appositive[1] ?? '';
      // The name itself must start like one ("paradigm for SFADA" is not an apposition).
      // A capitalised word mid-sentence ("architecture, the Transformer,", "model, Chinchilla,") is a name too.
      if ((looksLikeName(name) && /^[A-Z0-9]|^[a-z]+[A-Z]/.test(name)) || /^[A-Z][a-z]+$/.test(name))
        add(name, proposes.length > 0 ? 3 : 2);
    }
  }

  // "Orbit Engines: ..." titled in the plural, "the Orbit Engine" in the abstract: the family's
  // name, when the abstract introduces no other (a defined abbreviation wins over it).
  if (
    scores.size === 0 &&
    fromTitle &&
    /[a-z]s$/.test(fromTitle) &&
    mentions(abstract, fromTitle.slice(0, -1))
  )
    add(fromTitle.slice(0, -1), 2);

  // "Vision Transformer (ViT) attains excellent results": an abstract written in the third person
  // names its method as the subject of an outcome, when nothing else is found.
  if (scores.size === 0) {
    const subject = THIRD_PERSON_SUBJECT.exec(abstract);
    if (subject?.[1] && subject[2] && isAbbreviation(subject[2])) add(`${subject[2]}\u0000${subject[1]}`, 2);
  }

  let best: string | null = null;
  let bestScore = 0;
  for (const [name, weight] of scores) {
    const score = weight + 0.5 * Math.min(countIn(abstract, name), 6);
    if (score > bestScore) {
      best = name;
      bestScore = score;
    }
  }
  return best;
}
