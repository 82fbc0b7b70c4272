/**
 * The page's only script, served at /assets/page.js. Everything works without it (links, forms,
 * `:target`); it adds: `/` focuses the search box, `j`/`k` move between briefs, and hovering or
 * focusing a result highlights its evidence in the abstract.
 */
export const PAGE_SCRIPT = `
(() => {
  const typing = (target) => target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
  document.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    if (event.key === '/') {
      const search = document.getElementById('q');
      if (search) { event.preventDefault(); search.focus(); }
      return;
    }
    if (event.key !== 'j' && event.key !== 'k') return;
    const links = [...document.querySelectorAll('.brief-item h2 a')];
    if (links.length === 0) return;
    const current = links.indexOf(document.activeElement);
    const next = event.key === 'j' ? Math.min(current + 1, links.length - 1) : Math.max(current - 1, 0);
    event.preventDefault();
    links[current === -1 ? 0 : next].focus();
  });
  const show = (link, on) => {
    const mark = document.getElementById(link.dataset.evidence);
    if (mark) mark.classList.toggle('active', on);
    link.closest('tr')?.classList.toggle('active', on);
    if (on && mark) mark.scrollIntoView({ block: 'nearest' });
  };
  for (const link of document.querySelectorAll('a.result-link')) {
    const row = link.closest('tr') ?? link;
    row.addEventListener('mouseenter', () => show(link, true));
    row.addEventListener('mouseleave', () => show(link, false));
    link.addEventListener('focus', () => show(link, true));
    link.addEventListener('blur', () => show(link, false));
  }
})();
`;
