// simulate at 80 and 100 columns (issue 26 item 4): the table of horizon totals keeps its
// Scope column beside every figure (it was split off at 80), the uncertain inputs are a list
// (a path whole on its line, its meaning and range beneath) where their table does not fit,
// and an identifier is broken at its `.` parts rather than cut with an ellipsis.
import { describe, expect, it } from 'vitest';
import { breakLongWords } from '../../src/render/terminal.js';
import { cli } from '../support/cli.js';

const cellsOf = (line: string) =>
  line
    .split('│')
    .slice(1, -1)
    .map((x) => x.trim());

describe('simulate at 80 and 100 columns', () => {
  for (const width of [80, 100])
    it(`${width} columns: every figure with its scope, every input path whole`, async () => {
      const r = await cli(['simulate', 'scenarios/compact-2026.yaml', '--trials', '200', '--width', String(width)]);
      expect(r.code, r.stderr).toBe(0);
      const lines = r.stdout.split('\n');
      expect(lines.filter((l) => [...l].length > width)).toEqual([]);
      expect(r.stdout).not.toContain('…');
      // The totals table is one table: its header names Scope and Mean together.
      const at = lines.indexOf('Horizon totals, nominal');
      expect(at).toBeGreaterThan(0);
      expect(cellsOf(lines[at + 2]!)).toEqual(['Metric', 'Scope', 'P5', 'P50', 'P95', 'Mean']);
      const end = lines.indexOf('', at);
      const rows = lines.slice(at + 4, end - 1).map(cellsOf);
      // Five metrics x (US, IL, total) = 15 rows of figures, each with its scope and 4 figures.
      const figures = rows.filter((c) => c[2] !== '');
      expect(figures).toHaveLength(15);
      for (const c of figures) {
        expect(['US', 'IL', 'total']).toContain(c[1]);
        expect(c).toHaveLength(6);
      }
      // The inputs are a list at 80 and 100 (their table is wider): each path whole on its
      // line, its meaning and range beneath it, indented.
      const at2 = lines.indexOf('Uncertain inputs (meaning · low, base, high)');
      expect(at2).toBeGreaterThan(0);
      expect(lines.slice(at2 + 1, at2 + 3)).toEqual([
        'mechanisms[F-3].obligations.US.amount',
        '    uniform · low 2,000.0 · base 2,500.0 · high 3,000.0',
      ]);
      expect(lines).toContain('mechanisms[F-4].crowdIn.value');
      // An event: its probability in the Base column, no low or high.
      const ev = lines.indexOf('F-4 fund-2: performance and strategic need');
      expect(lines[ev + 1]).toBe("    event (p: author's assumption) · base 70%");
    });

  it('120 columns: the inputs table as before, one row per input', async () => {
    const r = await cli(['simulate', 'scenarios/compact-2026.yaml', '--trials', '200', '--width', '120']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.some((l) => cellsOf(l)[0] === 'Uncertain input')).toBe(true);
    const row = lines.find((l) => l.includes('mechanisms[F-3]'))!;
    expect(cellsOf(row)).toEqual(['mechanisms[F-3].obligations.US.amount', 'uniform', '2,000.0', '2,500.0', '3,000.0']);
  });

  it('a long identifier breaks after its dots and pluses (or before a bracket), each line within the room', () => {
    // 10 + 6 > 15, so "mechanisms" alone; "[F-3]." (6) + "obligations." (12) > 15; "obligations.US." is 15.
    expect(breakLongWords('mechanisms[F-3].obligations.US.amount', 15)).toBe('mechanisms\n[F-3].\nobligations.US.\namount');
    // Words that fit are left alone; a long one breaks after "+"; one with no break point is cut at the room.
    expect(breakLongWords('a budgetCost.US+privateMobilized.total', 20)).toBe('a budgetCost.US+\nprivateMobilized.\ntotal');
    expect(breakLongWords('abcdefgh', 3)).toBe('abc\ndef\ngh');
  });
});
