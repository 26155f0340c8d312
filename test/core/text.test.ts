// The sink escapers of src/core/text.ts, on hostile strings (issue 12, findings 1, 2, 4).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  forCsvText,
  forMarkdown,
  forTerminal,
  forWorkflowData,
  forWorkflowLog,
  forWorkflowProperty,
  hasHidden,
} from '../../src/core/text.js';

const ESC = '\u001b';
const HOSTILE = [
  `a\nb`,
  `lone\rcarriage`,
  `${ESC}[2J${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;${ESC}\\`,
  '\u009b31m C1 CSI and \u009d0;title\u0007 C1 OSC',
  'safe\u202egnp.exe',
  '\u2066isolate\u2069 \u202aembed\u202c \u200fmark',
  'del\u007f nul\u0000 bel\u0007 bs\u0008',
  '::error file=README.md,line=1::Injected\n::stop-commands::deadbeef',
  'Typo fix only\r<!--',
  '@octocat and @org/team',
  'line\u2028sep\u2029para',
];

/** Characters that must never survive raw into any sink. */
const DANGEROUS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

describe('forTerminal', () => {
  it('shows C0, DEL, C1, CR and bidi characters as \\u{...}', () => {
    expect(forTerminal(`x${ESC}[2Jy`)).toBe('x\\u{1b}[2Jy');
    expect(forTerminal('a\u009bb\u009dc')).toBe('a\\u{9b}b\\u{9d}c');
    expect(forTerminal('a\rb')).toBe('a\\u{d}b');
    expect(forTerminal('safe\u202egnp')).toBe('safe\\u{202e}gnp');
    expect(forTerminal('\u2066x\u2069')).toBe('\\u{2066}x\\u{2069}');
    expect(forTerminal('\u007f\u0000')).toBe('\\u{7f}\\u{0}');
  });
  it('keeps LF only when the caller allows it; keeps tab and ordinary text', () => {
    expect(forTerminal('a\nb')).toBe('a\\u{a}b');
    expect(forTerminal('a\nb', { newlines: true })).toBe('a\nb');
    expect(forTerminal('a\r\nb', { newlines: true })).toBe('a\\u{d}\nb');
    expect(forTerminal('F-3 (DFC) → $2.5B, Ünïcødé, 中文, tab\there')).toBe('F-3 (DFC) → $2.5B, Ünïcødé, 中文, tab\there');
  });
  it.each(HOSTILE)('leaves nothing dangerous in %j', (s) => {
    expect(forTerminal(s)).not.toMatch(DANGEROUS);
    expect(forTerminal(s)).not.toMatch(/\n/);
  });
  it('never lets a control character through, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const t = forTerminal(s);
        return !DANGEROUS.test(t) && !t.includes('\n') && !hasHidden(t);
      }),
    );
  });
});

describe('forWorkflowData and forWorkflowProperty', () => {
  it('escapes as the runner unescapes: %, CR, LF; properties also : and ,', () => {
    expect(forWorkflowData('50% a\r\nb')).toBe('50%25 a%0D%0Ab');
    expect(forWorkflowProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });
  it.each(HOSTILE)('keeps %j on one line, with nothing dangerous', (s) => {
    for (const t of [forWorkflowData(s), forWorkflowProperty(s)]) {
      expect(t).not.toMatch(/[\r\n]/);
      expect(t).not.toMatch(DANGEROUS);
    }
    expect(forWorkflowProperty(s)).not.toMatch(/[:,]/);
  });
});

describe('forWorkflowLog', () => {
  it('a plain log line cannot start a workflow command', () => {
    const name = 'a\n::error file=README.md,line=1::Injected annotation\n::stop-commands::deadbeef\n.yaml';
    const line = forWorkflowLog(`${name}: ok`);
    expect(line.split('\n')).toHaveLength(1);
    expect(line).not.toMatch(/^\s*::/m);
    expect(forWorkflowLog('::error::x')).toBe('\\u{3a}:error::x');
    expect(forWorkflowLog('  ::warning::x')).toBe('  \\u{3a}:warning::x');
    expect(forWorkflowLog('##[error]x')).toBe('\\u{23}#[error]x');
    expect(forWorkflowLog('scenarios/a.yaml: ok (0 errors)')).toBe('scenarios/a.yaml: ok (0 errors)');
  });
  it('no string makes a line that starts like a command', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const t = forWorkflowLog(s);
        return !/[\r\n]/.test(t) && !/^\s*(::|##\[)/.test(t);
      }),
    );
  });
});

describe('forMarkdown', () => {
  it('a lone CR or LF cannot break the line, and <!-- hides nothing', () => {
    const md = forMarkdown('Typo fix only\r<!--');
    expect(md).toBe('Typo fix only\\\\u{d}&lt;!--');
    expect(md).not.toMatch(/[\r\n<>]/);
  });
  it('raw HTML, code spans, links, emphasis and table cells are escaped', () => {
    expect(forMarkdown('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(forMarkdown('a|b')).toBe('a\\|b');
    expect(forMarkdown('`code` *em* _u_ [link](http://x) ~~s~~ \\')).toBe(
      '\\`code\\` \\*em\\* \\_u\\_ \\[link\\](http://x) \\~\\~s\\~\\~ \\\\',
    );
    expect(forMarkdown('AT&T')).toBe('AT&amp;T');
  });
  it('cannot start a heading, a list or a quote', () => {
    expect(forMarkdown('# Approved')).toBe('\\# Approved');
    expect(forMarkdown('#tag')).toBe('\\#tag');
    expect(forMarkdown('- item')).toBe('\\- item');
    expect(forMarkdown('1. item')).toBe('\\1. item');
    expect(forMarkdown('> quote')).toBe('&gt; quote');
    expect(forMarkdown('F-3 high')).toBe('F-3 high');
  });
  it('mentions nobody', () => {
    expect(forMarkdown('@octocat')).toBe('@\u200boctocat');
    expect(forMarkdown('cc @org/team')).not.toMatch(/@[a-z]/i);
  });
  it.each(HOSTILE)('leaves nothing dangerous in %j', (s) => {
    const md = forMarkdown(s);
    expect(md).not.toMatch(/[\r\n<>]/);
    expect(md).not.toMatch(DANGEROUS);
    expect(md).not.toMatch(/@[^\u200b]/);
  });
});

describe('forCsvText', () => {
  it('keeps LF (quoted fields hold it) and shows every other control', () => {
    expect(forCsvText(`a\nb${ESC}[2J\r\u202e`)).toBe('a\nb\\u{1b}[2J\\u{d}\\u{202e}');
  });
});
