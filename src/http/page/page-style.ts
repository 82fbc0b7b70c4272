/** The page's stylesheet, served at /assets/page.css: system fonts, one column, phone first. */
export const PAGE_STYLE = `
:root { color-scheme: light dark; --fg: #1d2430; --muted: #5b6472; --line: #d9dee5; --bg: #f6f7f9;
  --card: #fff; --accent: #1f5fbf; --mark: #ffe58a; --mark-active: #ffb347; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e9ee; --muted: #a3acb9; --line: #343b46;
  --bg: #14181e; --card: #1c2129; --accent: #7fb0ff; --mark: #6b5a12; --mark-active: #a0620a; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
a:focus-visible, input:focus-visible, button:focus-visible, select:focus-visible {
  outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: .5rem; background: var(--card); padding: .25rem .5rem; }
header.site { background: var(--card); border-bottom: 1px solid var(--line); }
header.site .inner, main, footer.site { max-width: 52rem; margin: 0 auto; padding: .75rem 1rem; }
header.site .brand { font-weight: 700; font-size: 1.15rem; text-decoration: none; color: var(--fg); }
form.search { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin: .75rem 0 0; }
form.search .field { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
form.search .grow { flex: 1 1 14rem; }
form.search input, form.search button { font: inherit; padding: .45rem .6rem; border: 1px solid var(--line);
  border-radius: .4rem; background: var(--bg); color: var(--fg); min-height: 2.5rem; }
form.search button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
.filters { display: flex; flex-wrap: wrap; gap: .4rem; margin: .5rem 0 1rem; font-size: .9rem; }
.tag { display: inline-block; padding: .1rem .55rem; border-radius: 1rem; border: 1px solid var(--line);
  background: var(--card); text-decoration: none; font-size: .85rem; }
.tag[aria-current="true"] { background: var(--accent); color: #fff; border-color: var(--accent); }
ol.briefs { list-style: none; padding: 0; margin: 0; display: grid; gap: .75rem; }
.brief-item { background: var(--card); border: 1px solid var(--line); border-radius: .6rem; padding: .8rem 1rem; }
.brief-item:focus-within { border-color: var(--accent); }
.brief-item h2 { font-size: 1.08rem; margin: 0 0 .25rem; line-height: 1.35; }
.brief-item h2 a { text-decoration: none; } .brief-item h2 a:hover { text-decoration: underline; }
.meta { color: var(--muted); font-size: .85rem; margin: 0 0 .35rem; }
.tldr { margin: .25rem 0 .5rem; }
.tags { display: flex; flex-wrap: wrap; gap: .35rem; margin: 0; padding: 0; list-style: none; }
main > h1 { font-size: 1.6rem; line-height: 1.25; margin: .75rem 0 .25rem; }
.status { color: var(--muted); margin: 0 0 .75rem; }
nav.pages { margin: 1rem 0; }
article.paper h1 { font-size: 1.45rem; line-height: 1.3; margin: .5rem 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .75rem 0; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
.links { display: flex; gap: .75rem; flex-wrap: wrap; margin: .5rem 0 1rem; }
.links a { padding: .35rem .7rem; border: 1px solid var(--line); border-radius: .4rem; background: var(--card); text-decoration: none; }
.table-wrap { overflow-x: auto; }
table.results { border-collapse: collapse; width: 100%; background: var(--card); font-size: .95rem; }
table.results caption { text-align: left; font-weight: 600; padding: .25rem 0; }
table.results th, table.results td { border: 1px solid var(--line); padding: .4rem .55rem; text-align: left; vertical-align: top; }
table.results thead th { background: var(--bg); font-size: .85rem; color: var(--muted); }
td.none, p.none { color: var(--muted); }
section.abstract { background: var(--card); border: 1px solid var(--line); border-radius: .6rem; padding: .4rem 1rem; margin-top: 1rem; }
mark.evidence { background: transparent; border-bottom: 2px solid var(--mark); color: inherit; padding: 0 .05rem; }
mark.evidence.active, mark.evidence:target { background: var(--mark-active); border-bottom-color: var(--mark-active); }
tr.active th, tr.active td { background: color-mix(in srgb, var(--mark) 45%, transparent); }
footer.site { color: var(--muted); font-size: .85rem; }
kbd { border: 1px solid var(--line); border-radius: .25rem; padding: 0 .3rem; font-size: .8rem; }
@media (max-width: 30rem) { article.paper h1 { font-size: 1.25rem; } dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: .35rem; } .hint { display: none; } }
`;
