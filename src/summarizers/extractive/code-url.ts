/**
 * The code or project URL of an abstract, exactly as written (trailing punctuation trimmed).
 * Code hosts win over other links ("LongCat Chat: https://longcat.ai ... GitHub: https://github.com/x");
 * otherwise the first link a "code"/"available" phrase points at, otherwise the first link.
 */

const URL_PATTERN =
  /(?:https?:\/\/|www\.)[^\s<>"'`]+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|io|ai|co|net|science|dev|page|site|edu)\/[^\s<>"'`]*/gi;
const CODE_HOST =
  /^(?:https?:\/\/)?(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|git\.)/i;

/** Drops sentence punctuation glued to a URL, and a closing bracket the URL did not open. */
export function trimUrl(url: string): string {
  let trimmed = url;
  for (;;) {
    const last = trimmed.at(-1) ?? '';
    if (/[.,;:!?'"]/.test(last)) trimmed = trimmed.slice(0, -1);
    else if (last === ')' && (trimmed.match(/\(/g)?.length ?? 0) < (trimmed.match(/\)/g)?.length ?? 0))
      trimmed = trimmed.slice(0, -1);
    else if (last === ']' && !trimmed.includes('[')) trimmed = trimmed.slice(0, -1);
    else return trimmed;
  }
}

/** Every URL of `text`, trimmed, in order. */
export function findUrls(text: string): Array<{ url: string; index: number }> {
  return [...text.matchAll(URL_PATTERN)]
    .map((match) => ({ url: trimUrl(match[0]), index: match.index }))
    .filter(({ url }) => /[a-z]{2,}\.[a-z]{2,}/i.test(url));
}

export function findCodeUrl(abstract: string): string | null {
  const urls = findUrls(abstract);
  const codeHost = urls.find(({ url }) => CODE_HOST.test(url));
  if (codeHost) return codeHost.url;
  const announced = urls.find(({ index }) =>
    /\b(?:code|available|released?|project|page|website|models?|data)\b[^.]{0,60}$/i.test(
      abstract.slice(0, index),
    ),
  );
  return (announced ?? urls[0])?.url ?? null;
}
