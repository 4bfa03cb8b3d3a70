/**
 * The acceptance dossier (docs/acceptance.md) and the operator manual (docs/manual) cannot rot:
 * every dossier row names a test file and a manual page that exist (headings included), every
 * manual page exists in zh and en with the same sections, every screenshot and link a page
 * shows resolves, and the build renders every page with its screenshots.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderManual, slug } from '../../scripts/manual-pages.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DOCS = join(ROOT, 'docs');
const MANUAL = join(DOCS, 'manual');
const LANGS = ['zh', 'en'] as const;

/** Heading ids of a markdown file, as the build and GitHub make them. */
function anchors(file: string): Set<string> {
  return new Set(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => /^#{1,6} /.test(l))
      .map((l) => slug(l.replace(/^#+ /, ''))),
  );
}

/** Markdown links `[text](target)` of a text, images included. */
const linksOf = (md: string) => [...md.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '');

/** Problems with one relative link target (file and #heading) seen from `fromDir`. */
function brokenLink(fromDir: string, target: string): string | undefined {
  if (/^[a-z]+:/i.test(target)) return undefined; // https:, mailto:
  const [path = '', hash] = target.split('#');
  const file = path === '' ? undefined : resolve(fromDir, decodeURI(path));
  if (file && !existsSync(file)) return `${target}: no such file`;
  if (hash && file?.endsWith('.md') && !anchors(file).has(decodeURIComponent(hash))) return `${target}: no heading #${hash}`;
  return undefined;
}

interface Row {
  readonly line: number;
  readonly text: string;
}

/** Data rows of every table (the header row and the |---| line are skipped). */
function tableRows(md: string): Row[] {
  const lines = md.split('\n');
  const rows: Row[] = [];
  lines.forEach((text, i) => {
    if (!text.startsWith('|') || /^\|[-| ]+\|$/.test(text)) return;
    if (/^\|[-| ]+\|$/.test(lines[i + 1] ?? '')) return; // a header
    rows.push({ line: i + 1, text });
  });
  return rows;
}

describe('acceptance dossier (docs/acceptance.md)', () => {
  const md = readFileSync(join(DOCS, 'acceptance.md'), 'utf8');
  const rows = tableRows(md);

  it('has rows for the checklist, the acceptance script and the test cases', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
    for (const item of ['支持配置', '支持刷卡支付', '支持订单退款', '支持语音播报', '机具操作手册', '支付金额 0', '刷卡支付：测试用户输入密码'])
      expect(
        rows.some((r) => r.text.includes(item)),
        item,
      ).toBe(true);
  });

  it('every row names at least one test file, and every test file it names exists', () => {
    const problems: string[] = [];
    for (const r of rows) {
      const tests = [...r.text.matchAll(/`([\w./-]+\.test\.ts)`/g)].map((m) => m[1] ?? '');
      if (tests.length === 0) problems.push(`line ${r.line}: no test file`);
      for (const t of tests) if (!existsSync(join(ROOT, t))) problems.push(`line ${r.line}: ${t} does not exist`);
    }
    expect(problems).toEqual([]);
  });

  it('every row links the manual in zh and en, and every page and heading it links exists', () => {
    const problems: string[] = [];
    for (const r of rows) {
      const manual = linksOf(r.text).filter((l) => l.startsWith('manual/'));
      for (const lang of LANGS) if (!manual.some((l) => l.startsWith(`manual/${lang}/`))) problems.push(`line ${r.line}: no ${lang} manual page`);
      for (const l of manual) {
        const broken = brokenLink(DOCS, l);
        if (broken) problems.push(`line ${r.line}: ${broken}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every table row has as many cells as its header', () => {
    const lines = md.split('\n');
    const cells = (l: string) => l.split(' | ').length;
    const problems: string[] = [];
    let header = 0;
    lines.forEach((l, i) => {
      if (!l.startsWith('|')) return;
      if (/^\|[-| ]+\|$/.test(lines[i + 1] ?? '')) header = cells(l);
      else if (!/^\|[-| ]+\|$/.test(l) && cells(l) !== header) problems.push(`line ${i + 1}: ${cells(l)} cells, header has ${header}`);
    });
    expect(problems).toEqual([]);
  });
});

describe('operator manual (docs/manual)', () => {
  const pages = (lang: string) =>
    readdirSync(join(MANUAL, lang))
      .filter((f) => f.endsWith('.md'))
      .sort();

  it('has the same pages with the same number of sections in zh and en', () => {
    expect(pages('zh')).toEqual(pages('en'));
    for (const p of pages('zh')) expect(anchors(join(MANUAL, 'en', p)).size, p).toBe(anchors(join(MANUAL, 'zh', p)).size);
    for (const p of ['index.md', 'start.md', 'sale.md', 'refund.md', 'deposit.md', 'history.md', 'devices.md', 'kiosk.md', 'offline.md', 'troubleshooting.md'])
      expect(pages('zh')).toContain(p);
  });

  it('every link and screenshot in every page resolves', () => {
    const problems: string[] = [];
    for (const lang of LANGS)
      for (const p of pages(lang)) {
        const md = readFileSync(join(MANUAL, lang, p), 'utf8');
        for (const l of linksOf(md)) {
          const broken = brokenLink(join(MANUAL, lang), l);
          if (broken) problems.push(`${lang}/${p}: ${broken}`);
        }
      }
    expect(problems).toEqual([]);
  });

  it('each language shows its own screenshots (manual-<lang>-*)', () => {
    for (const lang of LANGS)
      for (const p of pages(lang)) {
        const own = linksOf(readFileSync(join(MANUAL, lang, p), 'utf8')).filter((l) => l.includes('/screens/manual-'));
        for (const l of own) expect(l, `${lang}/${p}`).toContain(`/screens/manual-${lang}-`);
      }
  });

  it('the build renders every page, rewrites page links and copies every screenshot shown, with nothing missing', () => {
    const warnings: string[] = [];
    const files = renderManual(MANUAL, join(DOCS, 'screens'), (w) => warnings.push(w));
    expect(warnings).toEqual([]);
    const names = new Set(files.map((f) => f.fileName));
    for (const lang of LANGS) for (const p of pages(lang)) expect(names).toContain(`manual/${lang}/${p.replace(/\.md$/, '.html')}`);
    const sale = String(files.find((f) => f.fileName === 'manual/zh/sale.html')?.source);
    expect(sale).toContain('<img src="../screens/manual-zh-checkout.png"');
    expect(sale).toContain('href="offline.html"');
    expect(sale).toContain('href="../en/sale.html"');
    expect(sale).not.toMatch(/<script|style=/); // nothing the relay's CSP would block
    for (const f of files.filter((x) => x.fileName.endsWith('.html')))
      for (const [, src] of String(f.source).matchAll(/<img src="\.\.\/screens\/([^"]+)"/g)) expect(names).toContain(`manual/screens/${src}`);
  });
});
