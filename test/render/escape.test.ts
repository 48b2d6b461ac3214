import { describe, expect, test } from 'vitest';
import { oneLine, withoutXmlForbidden } from '../../src/core/text.js';
import { escapeHtml, escapeMarkdown, markdownUrl, safeUrl } from '../../src/render/escape.js';

describe('safeUrl', () => {
  test.each([
    ['https://example.org/a?b=1', 'https://example.org/a?b=1'],
    ['http://example.org', 'http://example.org/'],
    ['  https://example.org/x  ', 'https://example.org/x'],
  ])('keeps http(s): %s', (input, expected) => {
    expect(safeUrl(input)).toBe(expected);
  });

  test.each([
    'javascript:alert(1)',
    '  JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//example.org/protocol-relative',
    '/relative/path',
    'not a url',
    '',
  ])('rejects %j', (input) => {
    expect(safeUrl(input)).toBeNull();
  });

  test('rejects non-strings', () => {
    expect(safeUrl(undefined)).toBeNull();
    expect(safeUrl({ toString: () => 'https://x.org' })).toBeNull();
  });

  test('percent-encodes quotes and angle brackets so an attribute cannot be closed', () => {
    expect(safeUrl('https://example.org/a"onmouseover="x<y>')).toBe('https://example.org/a%22onmouseover=%22x%3Cy%3E');
  });
});

test('escapeHtml escapes the characters that open markup or close attributes', () => {
  expect(escapeHtml(`<a href="x" onclick='y'>&\`=`)).toBe('&lt;a href&#61;&quot;x&quot; onclick&#61;&#39;y&#39;&gt;&amp;&#96;&#61;');
});

test('withoutXmlForbidden drops characters XML cannot carry but keeps text and astral characters', () => {
  expect(withoutXmlForbidden('a\u0000b\u0007c\u000Bd\uFFFEe\uD800f 😀\tg\nh')).toBe('abcdef 😀\tg\nh');
});

describe('escapeMarkdown', () => {
  test('escapes link, emphasis, code and HTML syntax, and leaves plain punctuation as it is', () => {
    expect(escapeMarkdown('[x](javascript:alert(1)) **b** _i_ `c` # h <b>&amp;')).toBe(
      '\\[x\\]\\(javascript:alert(1)) \\*\\*b\\*\\* \\_i\\_ \\`c\\` # h &lt;b>&amp;amp;',
    );
    expect(escapeMarkdown('![img](https://evil.example/x.png) <https://evil.example> <img src=x> [ref]: https://evil.example')).toBe(
      '!\\[img\\]\\(https://evil.example/x.png) &lt;https://evil.example> &lt;img src=x> \\[ref\\]: https://evil.example',
    );
    // What a CMS paste used to show as \| \- \(0\): none of it means anything inside a line.
    expect(escapeMarkdown('VRIC Monitor | Sept-Oct (0 of 9) #2 +3 AT&T 5 < 6 snake_case ~30%')).toBe(
      'VRIC Monitor | Sept-Oct (0 of 9) #2 +3 AT&T 5 < 6 snake_case \\~30%',
    );
  });
  test('puts text on one line and neutralises line-start syntax', () => {
    expect(escapeMarkdown('1. first\n\n- second')).toBe('1\\. first - second');
    expect(escapeMarkdown('=====')).toBe('\\=====');
    for (const [text, escaped] of [['# heading', '\\# heading'], ['> quote', '\\> quote'], ['- item', '\\- item'], ['+ item', '\\+ item'], ['2) item', '2\\) item'], ['* item', '\\* item']]) {
      expect(escapeMarkdown(text)).toBe(escaped);
    }
    // An ATX heading drops a closing run of #: kept, escaped.
    expect(escapeMarkdown('Vote count #')).toBe('Vote count \\#');
  });
  test('a backslash is escaped where it would escape what follows (punctuation, or the end of the text)', () => {
    expect(escapeMarkdown('C:\\dir a\\*b c\\')).toBe('C:\\dir a\\\\\\*b c\\\\');
  });
  test('template syntax is plain text in Markdown and is kept as it is', () => {
    expect(escapeMarkdown('{{constructor}}')).toBe('{{constructor}}');
  });
});

test('markdownUrl vets the scheme and encodes characters that would end the destination', () => {
  expect(markdownUrl('https://example.org/a_(b)')).toBe('https://example.org/a_%28b%29');
  expect(markdownUrl('javascript:alert(1)')).toBeNull();
});

describe('whitespace and escaping fast paths', () => {
  test('oneLine collapses every kind of whitespace run and leaves single-spaced text as it is', () => {
    expect(oneLine('  a\u00a0\u00a0b\tc\n\nd  e\u2003f ')).toBe('a b c d e f');
    expect(oneLine('already one line')).toBe('already one line');
  });
  test('escapeMarkdown escapes every special character in one pass, entities and backslashes together', () => {
    expect(escapeMarkdown('\\`*_{}[]()#+-!|~&lt;<b')).toBe('\\\\\\`\\*\\_{}\\[\\]\\()#+-!|\\~&amp;lt;&lt;b');
    expect(escapeMarkdown('a\u00a0 b')).toBe('a b');
  });
});
