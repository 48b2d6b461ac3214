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

  test('raw HTML is escaped and a non-http link is not a link: its text stays as written', () => {
    const html = notesToHtml('<script>alert(1)</script> [x](javascript:alert(1)) [y](data:text/html,z) <img src=x onerror=alert(1)>');
    expect(html).not.toMatch(/<script|<img|<a |href=/i);
    expect(html).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) [y](data:text/html,z) &lt;img src&#61;x onerror&#61;alert(1)&gt;</p>',
    );
  });

  test('a javascript: link, however spelt, never becomes a link', () => {
    for (const target of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java&#x09;script:alert(1)', '<javascript:alert(1)>', 'vbscript:x', '/relative']) {
      const html = notesToHtml(`[click](${target})`);
      expect(html, target).not.toContain('<a ');
      expect(html, target).toContain('[click]');
    }
    expect(notesToHtml('[ok](https://example.org) and [mail](mailto:desk@example.org)')).toBe(
      '<p><a href="https://example.org/" rel="noopener noreferrer">ok</a> and [mail](mailto:desk@example.org)</p>',
    );
  });

  test('raw <script> in a note, as a block or inline, is text', () => {
    expect(notesToHtml('<script>\nalert(document.cookie)\n</script>')).toBe(
      '<p>&lt;script&gt; alert(document.cookie) &lt;/script&gt;</p>',
    );
    expect(notesToHtml('Before <script src="https://evil.example/x.js"></script> after')).toBe(
      '<p>Before &lt;script src&#61;&quot;https://evil.example/x.js&quot;&gt;&lt;/script&gt; after</p>',
    );
    expect(notesToMarkdown('<script>alert(1)</script>')).toBe('&lt;script>alert(1)&lt;/script>');
  });

  test('CommonMark emphasis: underscores inside a word are text, stars follow the flanking rules', () => {
    // The hand parser wrote my<em>data</em>v2.csv, <em>snake</em>case_ and <em>foo bar </em>.
    expect(notesToHtml('my_data_v2.csv')).toBe('<p>my_data_v2.csv</p>');
    expect(notesToHtml('_snake_case_ and x_y_')).toBe('<p><em>snake_case</em> and x_y_</p>');
    expect(notesToHtml('*foo bar *')).toBe('<p>*foo bar *</p>');
    expect(notesToMarkdown('my_data_v2.csv and snake_case_name')).toBe('my_data_v2.csv and snake_case_name');
    // Stars, unlike underscores, may open emphasis inside a word (CommonMark's `foo*bar*`), so
    // 2*3*4 is emphasis by the spec; a product is written with spaces or escaped.
    expect(notesToHtml('2*3*4, 2 * 3 * 4 and 2\\*3\\*4')).toBe('<p>2<em>3</em>4, 2 * 3 * 4 and 2*3*4</p>');
  });

  test('a loose list item keeps its second paragraph; a nested list is listed flat', () => {
    expect(notesToHtml('1. a\n\n   more\n2. b')).toBe('<ol><li>a more</li><li>b</li></ol>');
    expect(notesToHtml('- a\n  - b\n- c')).toBe('<ul><li>a</li><li>b</li><li>c</li></ul>');
  });

  test('HTML comments are dropped, even unterminated ones', () => {
    expect(notesToHtml('<!-- source: desk -->\nVisible <!-- aside --> text.\n\nLast <!-- open')).toBe('<p>Visible  text.</p>\n<p>Last</p>');
  });

  test('backslash escapes keep markers literal; unmatched markers stay text', () => {
    expect(notesToHtml('\\*not italic\\* and 2 * 3')).toBe('<p>*not italic* and 2 * 3</p>');
  });

  test('Markdown output is normalised and neutralised the same way', () => {
    expect(notesToMarkdown('Hi **there** <b>x</b> [l](javascript:x) [m](https://m.org)\n\n- a\n- b')).toBe(
      'Hi **there** &lt;b>x&lt;/b> \\[l\\]\\(javascript:x) [m](https://m.org/)\n\n- a\n- b',
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
