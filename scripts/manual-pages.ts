/**
 * The operator manual as static pages: every `docs/manual/<lang>/<page>.md` becomes
 * `manual/<lang>/<page>.html` in the build (rendered with `marked` at build time; nothing of it
 * ships as JavaScript), and every screenshot a page shows (`../../screens/x.png`, i.e.
 * `docs/screens/x.png`) is copied to `manual/screens/x.png`. The pages link one stylesheet
 * (`manual/manual.css`) and carry no script and no inline style, so the relay's strict CSP
 * (`style-src 'self'`, `script-src 'self'`) holds. The service worker precaches them with the
 * app, so the manual opens offline too. Used by vite.config.ts and by the dossier test.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Marked, type Token } from 'marked';

/** The manual's languages: directory name → `<html lang>` and the switch label. */
export const MANUAL_LANGS = { zh: { lang: 'zh-CN', other: 'en', otherLabel: 'English' }, en: { lang: 'en', other: 'zh', otherLabel: '中文' } } as const;
export type ManualLang = keyof typeof MANUAL_LANGS;

/** One file of the built manual, relative to the build root. */
export interface ManualFile {
  readonly fileName: string;
  readonly source: string | Uint8Array;
}

const SCREEN_REF = /\.\.\/\.\.\/screens\/([\w.-]+\.png)/g;
const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** GitHub-style heading ids (lower case, spaces → '-', punctuation dropped, CJK kept), so `page.md#id` links work in both places. */
export function slug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function renderer(): Marked {
  const m = new Marked({ gfm: true });
  m.use({
    renderer: {
      heading({ tokens, depth, text }) {
        return `<h${depth} id="${escapeHtml(slug(text))}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
      link({ href, title, tokens }) {
        // Page links: `x.md` / `x.md#a` → `x.html` / `x.html#a`; others as written.
        const to = href.replace(/^([\w-]+)\.md(#|$)/, '$1.html$2').replace(SCREEN_REF, '../screens/$1');
        const external = /^https?:/.test(to) ? ' rel="noopener"' : '';
        return `<a href="${escapeHtml(to)}"${title ? ` title="${escapeHtml(title)}"` : ''}${external}>${this.parser.parseInline(tokens)}</a>`;
      },
      // Tables keep each column's header on its cells (data-label), so a phone shows a row as a card.
      table(token) {
        const inline = (cell: { tokens: Token[] }) => this.parser.parseInline(cell.tokens);
        const labels = token.header.map((c) => inline(c).replace(/<[^>]+>/g, ''));
        const head = `<thead><tr>${token.header.map((c) => `<th>${inline(c)}</th>`).join('')}</tr></thead>`;
        const rows = token.rows
          .map((r) => `<tr>${r.map((c, i) => `<td data-label="${escapeHtml(labels[i] ?? '')}">${inline(c)}</td>`).join('')}</tr>`)
          .join('\n');
        return `<table>${head}<tbody>${rows}</tbody></table>\n`;
      },
      image({ href, text }) {
        const src = href.replace(SCREEN_REF, '../screens/$1');
        return `<img src="${escapeHtml(src)}" alt="${escapeHtml(text)}" loading="lazy">`;
      },
    },
  });
  return m;
}

/** The first `# ` heading of a page (its title). */
const titleOf = (md: string, fallback: string) => /^# (.+)$/m.exec(md)?.[1]?.trim() ?? fallback;

function page(lang: ManualLang, name: string, md: string, body: string, otherExists: boolean): string {
  const l = MANUAL_LANGS[lang];
  const home = lang === 'zh' ? '目录' : 'Contents';
  const nav = [
    name === 'index' ? '' : `<a href="index.html">${home}</a>`,
    otherExists ? `<a href="../${l.other}/${name}.html" lang="${MANUAL_LANGS[l.other].lang}">${l.otherLabel}</a>` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return `<!doctype html>
<html lang="${l.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(titleOf(md, name))}</title>
<link rel="stylesheet" href="../manual.css">
</head>
<body data-manual-page="${lang}/${name}">
<nav class="top">${nav}</nav>
<main>
${body}</main>
</body>
</html>
`;
}

const CSS = `:root{color-scheme:light;font-family:system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;line-height:1.6;color:#1b1f24;background:#fff}
body{margin:0 auto;max-width:46rem;padding:12px 16px 48px}
nav.top{display:flex;gap:12px;justify-content:flex-end;font-size:.95rem;padding:4px 0 8px;border-bottom:1px solid #d0d7de}
h1{font-size:1.5rem;line-height:1.3;color:#0b5cad}h2{font-size:1.2rem;margin-top:1.8em;border-bottom:1px solid #eaeef2}h3{font-size:1.05rem}
a{color:#0b5cad}img{display:block;max-width:100%;max-height:80vh;height:auto;margin:8px auto;border:1px solid #d0d7de;border-radius:6px}
table{border-collapse:collapse;width:100%;font-size:.95rem}th,td{border:1px solid #d0d7de;padding:6px 8px;vertical-align:top;text-align:left}th{background:#f6f8fa}
@media (max-width:600px){thead{display:none}table,tbody,tr,td{display:block}tr{border:1px solid #d0d7de;border-radius:6px;margin:0 0 10px;padding:4px 0}td{border:0;padding:2px 10px}td:first-child{font-weight:600}td[data-label]:not(:first-child)::before{content:attr(data-label) "：";color:#57606a;font-size:.85rem;display:block}:lang(en) td[data-label]:not(:first-child)::before{content:attr(data-label) ":"}}
code,kbd{font-family:ui-monospace,monospace;background:#f6f8fa;border-radius:4px;padding:0 4px;overflow-wrap:anywhere}
blockquote{margin:0;padding:4px 12px;border-left:4px solid #e3b341;background:#fff8c5}
li{margin:4px 0}
`;

/** Renders the manual under `manualDir` (docs/manual) with screenshots from `screensDir` (docs/screens). */
export function renderManual(manualDir: string, screensDir: string, warn: (message: string) => void = console.warn): ManualFile[] {
  const m = renderer();
  const out: ManualFile[] = [{ fileName: 'manual/manual.css', source: CSS }];
  const shots = new Set<string>();
  for (const lang of Object.keys(MANUAL_LANGS) as ManualLang[]) {
    const dir = join(manualDir, lang);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
      const name = basename(file, '.md');
      const md = readFileSync(join(dir, file), 'utf8');
      for (const [, shot] of md.matchAll(SCREEN_REF)) if (shot) shots.add(shot);
      const body = m.parse(md, { async: false });
      const other = existsSync(join(manualDir, MANUAL_LANGS[lang].other, file));
      out.push({ fileName: `manual/${lang}/${name}.html`, source: page(lang, name, md, body, other) });
    }
  }
  for (const shot of shots) {
    const path = join(screensDir, shot);
    // Not fatal, so `npm run screenshots` (which builds first) can make a new one; test/docs/manual.test.ts fails on it.
    if (!existsSync(path)) {
      warn(`[manual] ${shot} is not in ${screensDir}: run npm run screenshots`);
      continue;
    }
    out.push({ fileName: `manual/screens/${shot}`, source: readFileSync(path) });
  }
  return out;
}
