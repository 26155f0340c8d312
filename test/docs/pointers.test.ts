// Every pointer to the documentation that the program prints (a hint, a help text, an
// explanation: any string in src/) names a page that exists, and a section of it that
// exists: `docs/reference/metrics.md`, `docs/guide/ci.md#safety`, `README, section "X"`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const POINTER = /(README(?:\.md)?|docs\/[A-Za-z0-9/_-]+\.md)(#[a-z0-9-]+)?(?:,? (?:section )?"([^"]+)")?/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The text of every string and template literal in a TypeScript file (comments are not printed). */
function strings(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) out.push(n.text);
    else if (ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) out.push(n.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** The headings of a markdown page, as written and as GitHub's anchors. */
function headings(page: string): { titles: string[]; anchors: string[] } {
  const titles = [...readFileSync(join(ROOT, page), 'utf8').matchAll(/^#+ (.+)$/gm)].map((m) => m[1]!.trim());
  const anchors = titles.map((t) =>
    t
      .toLowerCase()
      .replace(/[^\w\- ]/g, '')
      .replace(/ /g, '-'),
  );
  return { titles, anchors };
}

/** What is wrong with each pointer in `text` (empty when all point at something). */
function broken(text: string): string[] {
  const out: string[] = [];
  for (const [whole, file, anchor, section] of text.matchAll(POINTER)) {
    const page = file === 'README' ? 'README.md' : file!;
    if (!existsSync(join(ROOT, page))) {
      out.push(`${whole}: no such page`);
      continue;
    }
    const h = headings(page);
    if (anchor && !h.anchors.includes(anchor.slice(1))) out.push(`${whole}: no such section`);
    if (section && !h.titles.some((t) => t.startsWith(section))) out.push(`${whole}: no such section`);
  }
  return out;
}

describe('pointers to the documentation', () => {
  it('tells a good pointer from a dead one', () => {
    expect(broken('see docs/reference/metrics.md')).toEqual([]);
    expect(broken('see the README, section "Sources"')).toEqual([]);
    expect(broken('see the README, section "Metrics"')).toEqual(['README, section "Metrics": no such section']);
    expect(broken('see docs/reference/nothing.md')).toEqual(['docs/reference/nothing.md: no such page']);
  });

  it('every page and section a string in src/ names exists', () => {
    const found = sourceFiles(join(ROOT, 'src')).flatMap((f) =>
      strings(f).flatMap((s) => broken(s).map((x) => `${relative(ROOT, f)}: ${x}`)),
    );
    expect(found).toEqual([]);
  });
});
