import { escapeHtml } from './escapeHtml.js';

/** A section's id from its title: "Segments in 2D" → "segments-in-2d". */
function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/&[a-z]+;|<[^>]*>/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'section'
  );
}

/**
 * The report's sections with a table of contents: every `<section>` whose first child is an `<h2>` gets an id
 * (its own, or one made from the title, unique), and a numbered list of links to them goes where
 * `<!-- toc -->` stands. The links work on screen and in a PDF printed from the page. O(length).
 */
export function withTableOfContents(html: string): string {
  const entries: Array<{ id: string; title: string }> = [];
  const taken = new Set<string>();
  const body = html.replace(/<section([^>]*)><h2>([\s\S]*?)<\/h2>/g, (_all, attributes: string, title: string) => {
    const own = /\sid="([^"]+)"/.exec(attributes)?.[1];
    let id = own ?? slug(title);
    for (let n = 2; !own && taken.has(id); n++) id = `${slug(title)}-${n}`;
    taken.add(id);
    entries.push({ id, title });
    return `<section${own ? attributes : `${attributes} id="${id}"`}><h2>${title}</h2>`;
  });
  const toc = `<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>${entries.map((e) => `<li><a href="#${escapeHtml(e.id)}">${e.title}</a></li>`).join('')}</ol></nav>`;
  return body.replace('<!-- toc -->', toc);
}
