/**
 * The numbers a result value states, read exactly as the shared scorer
 * (`../shared/tools/score_briefs.py`) reads them, so `paperbrief eval` and the scorer agree on
 * every figure: thousands commas dropped, then runs of digits with dots (`8.1`, `1890`; a leading
 * `.5` reads as 5, signs are ignored); a value without digits counts the words twice/half/ten times
 * (as 2, 0.5 and 10, in that order) wherever they occur in it.
 */

const NUMBER = /\d+(?:\.\d+)*/g;
const NUMBER_WORDS: ReadonlyArray<readonly [string, number]> = [
  ['twice', 2],
  ['half', 0.5],
  ['ten times', 10],
];

/** Every number of `value`, in the scorer's order. */
export function valueNumbers(value: string): number[] {
  const digits = [...value.replace(/,/g, '').matchAll(NUMBER)].map((match) => Number(match[0]));
  if (digits.length > 0) return digits;
  const lower = value.toLowerCase();
  return NUMBER_WORDS.filter(([word]) => lower.includes(word)).map(([, number]) => number);
}

/** The first number of `value`, or undefined when it states none. */
export function firstNumber(value: string): number | undefined {
  return valueNumbers(value)[0];
}

/** The scoring rule: the first number of `predicted` is one of the numbers of `gold` (exact equality, as the scorer). */
export function valueMatches(predicted: string, gold: string): boolean {
  const first = firstNumber(predicted);
  return first !== undefined && valueNumbers(gold).includes(first);
}
