import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { VricError } from '../../src/core/errors.js';
import { notesToHtml, notesToMarkdown } from '../../src/render/markdown.js';
import { loadNotes, splitNotes } from '../../src/render/notes.js';
import { tempDir } from './helpers.js';

describe('notes Markdown subset', () => {
  test('paragraphs, bold, italic, links and lists', () => {
    const html = notesToHtml('First **bold** and *it* and _it2_,\nsame paragraph [BBC](https://bbc.com/x).\n\n- one\n- two\n\n1. a\n2. b');
    expect(html).toBe(
      '<p>First <strong>bold</strong> and <em>it</em> and <em>it2</em>, same paragraph ' +
        '<a href="https://bbc.com/x" rel="noopener noreferrer">BBC</a>.</p>\n' +
        '<ul><li>one</li><li>two</li></ul>\n<ol><li>a</li><li>b</li></ol>',
    );
  });

  test('raw HTML is escaped and non-http links lose their link', () => {
    const html = notesToHtml('<script>alert(1)</script> [x](javascript:alert(1)) [y](data:text/html,z) <img src=x onerror=alert(1)>');
    expect(html).not.toMatch(/<script|<img|href="javascript|href="data/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain(' x ');
  });

  test('quotes in a link cannot leave the attribute', () => {
    expect(notesToHtml('[a](https://x.org/"onmouseover="alert(1))')).not.toContain('onmouseover="');
  });

  test('HTML comments are dropped, even unterminated ones', () => {
    expect(notesToHtml('<!-- source: desk -->\nVisible <!-- aside --> text.\n\nLast <!-- open')).toBe('<p>Visible  text.</p>\n<p>Last</p>');
  });

  test('backslash escapes keep markers literal; unmatched markers stay text', () => {
    expect(notesToHtml('\\*not italic\\* and 2 * 3')).toBe('<p>*not italic* and 2 * 3</p>');
  });

  test('Markdown output is normalised and neutralised the same way', () => {
    expect(notesToMarkdown('Hi **there** <b>x</b> [l](javascript:x) [m](https://m.org)\n\n- a\n- b')).toBe(
      'Hi **there** &lt;b>x&lt;/b> l [m](https://m.org/)\n\n- a\n- b',
    );
  });
});

describe('notes file', () => {
  test('splits by headings in en, es and pt; preamble is overview; # title ignored', () => {
    const notes = splitNotes(
      '# Notes for August\nIntro text.\n\n## Venezuela\nVE note.\n\n## Rusia\nRU note.\n\n## Irã\nIR.\n\n## China\nCN.\n\n## Diplomacia médica\nMED.',
    );
    expect(notes).toEqual({
      overview: 'Intro text.',
      venezuela: 'VE note.',
      russia: 'RU note.',
      iran: 'IR.',
      china: 'CN.',
      'medical-diplomacy': 'MED.',
    });
  });

  test('Overview / Resumen / Panorama headings', () => {
    expect(splitNotes('## Overview\nA')).toEqual({ overview: 'A' });
    expect(splitNotes('## Resumen\nB')).toEqual({ overview: 'B' });
    expect(splitNotes('## Panorama\nC')).toEqual({ overview: 'C' });
  });

  test('an unknown heading is a usage error naming file and line', () => {
    let error: unknown;
    try {
      splitNotes('Intro\n\n## Venezula\ntext', 'notes/2021-08.md');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(VricError);
    expect((error as VricError).exitCode).toBe(2);
    expect((error as VricError).message).toContain('notes/2021-08.md:3');
    expect((error as VricError).message).toContain('Venezula');
  });

  test('loadNotes reads a file, and a missing file means no notes', async () => {
    const dir = await tempDir();
    const file = path.join(dir, '2021-08.md');
    await writeFile(file, '## China\nSwap lines.\n');
    expect(loadNotes(file)).toEqual({ china: 'Swap lines.' });
    expect(loadNotes(path.join(dir, 'missing.md'))).toEqual({});
  });
});
