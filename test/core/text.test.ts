// The text helpers every stage shares (src/core/text.ts): one copy each, so one behaviour.
import { describe, expect, it } from 'vitest';
import { foldAccents, messageLine, MESSAGE_MAX_CHARS, oneLine, withoutXmlForbidden } from '../../src/core/text.js';

describe('foldAccents', () => {
  it('drops accents, keeps case and keeps Latin text\'s length', () => {
    expect(foldAccents('Bogotá, São Paulo, Perú, Açaí, Ñuñoa')).toBe('Bogota, Sao Paulo, Peru, Acai, Nunoa');
    expect(foldAccents('ÉLYSÉE')).toBe('ELYSEE');
    const latin = 'Ação e reação em Brasília';
    expect(foldAccents(latin)).toHaveLength(latin.length);
  });
  it('falls back to dropping every combining mark in other scripts, and leaves ASCII alone', () => {
    expect(foldAccents('Чайковский')).toBe('Чаиковскии');
    expect(foldAccents('e\u0301')).toBe('e');
    const ascii = 'plain ASCII';
    expect(foldAccents(ascii)).toBe(ascii);
  });
});

describe('oneLine and messageLine', () => {
  it('remove what XML forbids, fold whitespace to one space and trim', () => {
    expect(oneLine('  a\n\tb\u0000  c\uFFFE ')).toBe('a b c');
    expect(oneLine(undefined)).toBe('');
    expect(withoutXmlForbidden('x\uD800y')).toBe('xy');
    expect(withoutXmlForbidden('😀')).toBe('😀');
  });
  it('a message is cut to its bound with an ellipsis', () => {
    const m = messageLine('word '.repeat(200));
    expect(m).toHaveLength(MESSAGE_MAX_CHARS);
    expect(m.endsWith('…')).toBe(true);
    expect(messageLine('short\nmessage')).toBe('short message');
  });
  it('keeps one argument, so it can be passed to map()', () => {
    expect(['a  b', ' c '].map(oneLine)).toEqual(['a b', 'c']);
  });
});
