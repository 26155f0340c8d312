// The cited document (sources[0]): with a local `file:`, explain shows the line a citation
// names, escaped for the terminal; when there is none (the shipped baseline cites its
// document by title and address) or it is absent, explain and report say so once and
// carry on.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

function folder(file: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cm-cited-'));
  writeFileSync(join(dir, 'alt.yaml'), `extends: compact-2026\nname: cited\nsources:\n  - id: compact\n    file: ${file}\n`);
  return dir;
}

const NOTE = 'note: the cited document';

describe('sources: the cited document', () => {
  it('explain shows the cited line, with control characters made visible', async () => {
    const dir = folder('doc.txt');
    // 900 lines "line N"; l.581 (index 580) carries an escape sequence that must not reach the terminal.
    const lines = Array.from({ length: 900 }, (_, i) => `line ${i + 1}`);
    lines[580] = '  F-3 face value \u001b[2J cited\there  ';
    writeFileSync(join(dir, 'doc.txt'), lines.join('\n'));
    const r = await cli(['explain', 'alt.yaml', 'budgetCost.US.F-3', '--width', '200'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    // Trimmed, the tab shown as a space, ESC spelled out.
    expect(r.stdout).toContain('l.581: F-3 face value \\u{1b}[2J cited here\n');
    expect(r.stdout).toContain('l.598: line 598\n');
    expect(r.stdout).not.toContain('\u001b');
    const j = await cli(['explain', 'alt.yaml', 'budgetCost.US.F-3', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(j.stdout).citedText['l.880']).toBe('line 880');
  });

  it('an absent file is named once on stderr; explain and report carry on', async () => {
    const dir = folder('missing.txt');
    const r = await cli(['explain', 'alt.yaml', 'budgetCost.US'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.split(NOTE).length - 1).toBe(1);
    expect(r.stderr.replace(/\n +/g, ' ')).toContain('is not at missing.txt (no such file)');
    expect(r.stdout).toContain('[report l.581, l.598]');
    expect(r.stdout).not.toMatch(/^ {4}l\.581:/m);
    const h = await cli(['report', 'alt.yaml', '-o', 'r.html'], { cwd: dir });
    expect(h.code, h.stderr).toBe(0);
    expect(h.stderr.split(NOTE).length - 1).toBe(1);
  });

  it('the shipped baseline names its document by title and address, once, with no local copy', async () => {
    for (const args of [
      ['explain', 'budgetCost.US.F-3', '--width', '80'],
      ['explain', 'budgetCost.US.F-3', '--format', 'json'],
    ]) {
      const r = await cli(args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr.split('note: no local copy of the cited document').length - 1).toBe(1);
      expect(r.stderr.replace(/\n +/g, ' ')).toContain(
        '"U.S.-Israel Tech Alliance: A Strategic Technology Compact" is given (SCSP & MIND Israel, 2026-06, https://www.scsp.ai/)',
      );
    }
    const t = await cli(['explain', 'budgetCost.US.F-3', '--width', '80']);
    expect(t.stdout).toContain('report lines cited: l.581, l.598, l.880');
    expect(t.stdout).not.toMatch(/^ {4}l\.581:/m);
    expect(JSON.parse((await cli(['explain', 'budgetCost.US.F-3', '--format', 'json'])).stdout).citedText).toBeUndefined();
  });

  it('a directory or a device is not read', async () => {
    // A device is outside the scenario's folder: refused before it is looked at (issue 27).
    for (const [f, why] of [
      ['.', '(not a regular file)'],
      ['/dev/zero', "(outside the scenario's tree"],
    ]) {
      const r = await cli(['explain', 'alt.yaml', 'budgetCost.US'], { cwd: folder(f!) });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(why);
    }
  });
});
