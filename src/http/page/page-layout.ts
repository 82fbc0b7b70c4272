import { escapeHtml } from '../../briefs/html-text.js';

/** Where the page's stylesheet and script are served; `?v=` changes when they do. */
export const PAGE_ASSETS = { style: '/assets/page.css', script: '/assets/page.js' } as const;

export interface LayoutInput {
  /** The document title (before " · paperbrief"). */
  title: string;
  /** The main landmark's content, already HTML. */
  main: string;
  /** The search box's current text. */
  query?: string | undefined;
  /** The tag filter kept by the search form. */
  tag?: string | undefined;
  /** The date filter kept by the search form (`YYYY-MM-DD`). */
  since?: string | undefined;
  /** Version of the assets, for cache busting. */
  assetVersion: string;
}

/**
 * The frame of every page: a skip link, the banner with the search form (a real GET form, so it
 * works without script), the main landmark and a footer with the keyboard hints.
 */
export function renderLayout(input: LayoutInput): string {
  const value = (text: string | undefined) => escapeHtml(text ?? '');
  const hiddenTag = input.tag ? `<input type="hidden" name="tag" value="${value(input.tag)}">` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)} · paperbrief</title>
<link rel="stylesheet" href="${PAGE_ASSETS.style}?v=${input.assetVersion}">
<link rel="alternate" type="application/atom+xml" title="paperbrief briefs" href="/feeds/briefs.atom">
<script src="${PAGE_ASSETS.script}?v=${input.assetVersion}" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to the briefs</a>
<header class="site"><div class="inner">
<a class="brand" href="/">paperbrief</a>
<form class="search" role="search" action="/" method="get">
<div class="field grow"><label for="q">Search briefs</label>
<input id="q" name="q" type="search" value="${value(input.query)}" placeholder="title, method, result, tag…" autocomplete="off"></div>
<div class="field"><label for="since">Stored since</label>
<input id="since" name="since" type="date" value="${value(input.since)}"></div>
${hiddenTag}<button type="submit">Search</button>
</form>
</div></header>
<main id="main" tabindex="-1">
${input.main}
</main>
<footer class="site"><p>Briefs are checked against each paper's abstract. <span class="hint">Keys: <kbd>/</kbd> search, <kbd>j</kbd>/<kbd>k</kbd> next/previous brief.</span> <a href="/feeds/briefs.atom">Atom feed</a></p></footer>
</body>
</html>
`;
}
