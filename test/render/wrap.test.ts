// Paragraph wrap(): a word longer than the line (a file or metric path) is broken after its
// `.`, `+` or `/`, never cut with an ellipsis; the words around it flow as before.
import { describe, expect, it } from 'vitest';
import { breakLongWords, wrap } from '../../src/render/terminal.js';

describe('wrap', () => {
  it('breaks a long file path after its slashes, the indent on every line', () => {
    // Room 24 - 2 = 22. "at" alone (the path does not fit beside it); "scenarios/" (10) +
    // "alternatives/" (13) = 23 > 22, so each is a line; "compact-2026-low." (17) +
    // "yaml:12:3" (9) = 26 > 22, so a line each; " done" fits after "yaml:12:3" (14).
    expect(wrap('at scenarios/alternatives/compact-2026-low.yaml:12:3 done', 24, '  ')).toEqual([
      '  at',
      '  scenarios/',
      '  alternatives/',
      '  compact-2026-low.',
      '  yaml:12:3 done',
    ]);
  });

  it('breaks a long metric path after its dots and pluses, the whole path kept', () => {
    // Room 20: "input" (5) alone, since the 45-character expression does not fit beside it and
    // starts a line (as "at" above); it breaks into "budgetCost.US+" (14), "privateMobilized."
    // (17), then "total+headline." (15) + "x" (1) + " = 3" (4) = 20 <= 20, one line.
    const lines = wrap('input budgetCost.US+privateMobilized.total+headline.x = 3', 20);
    expect(lines).toEqual(['input', 'budgetCost.US+', 'privateMobilized.', 'total+headline.x = 3']);
    expect(lines.join('')).toContain('budgetCost.US+privateMobilized.total+headline.x');
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(20);
    expect(lines.join('')).not.toContain('…');
  });

  it('text that fits is wrapped at spaces as before', () => {
    // "one two" (7) + " three" = 13 > 10.
    expect(wrap('one two three', 10)).toEqual(['one two', 'three']);
  });

  it('cells break after a slash too', () => {
    // Room 12: "scenarios/" (10) + "alt/" (4) = 14 > 12; "alt/x.yaml" is 10.
    expect(breakLongWords('scenarios/alt/x.yaml', 12)).toBe('scenarios/\nalt/x.yaml');
  });
});
