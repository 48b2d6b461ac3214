// What an operator or an editor reads when a file is wrong: one line per mistake, `file:line`,
// the source it is in, and the key meant when a key is misspelt.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { VricError } from '../../src/core/errors.js';
import { parseOverrides } from '../../src/select/overrides.js';

function rejected(fn: () => unknown): VricError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(VricError);
    expect((e as VricError).exitCode).toBe(2);
    return e as VricError;
  }
  throw new Error('expected the file to be rejected');
}
const config = (text: string) => rejected(() => parseConfig(text, path.join(process.cwd(), 'sources.yaml')));

const SOURCE = 'sources:\n  - id: tass\n    name: TASS\n    url: https://tass.ru/rss\n    language: es\n';

describe('sources.yaml messages', () => {
  it('names the key meant for a misspelt one, once, at its line (not also "ownership is required")', () => {
    const e = config(`${SOURCE}    ownershp: state\n    owner: RU\n`);
    expect(e.message).toBe('sources.yaml has 1 problem; nothing was done');
    expect(e.details).toEqual(['sources.yaml:6: source "tass": unknown key "ownershp" in a source (did you mean "ownership"?)']);
  });

  it('lists the allowed keys when no key is near enough to be the one meant', () => {
    const e = config(`${SOURCE}    ownership: state\n    owner: RU\n    colour: red\n`);
    expect(e.details).toEqual([
      'sources.yaml:8: source "tass": unknown key "colour" in a source (expected one of: id, name, url, file, language, ownership, owner, country, smm, tags, enabled, every, fetch, homepage, note)',
    ]);
  });

  it('gives one line for a tab, naming its line, not one for every line after it', () => {
    const lines = `${SOURCE}    ownership: state\n    owner: RU\n`.split('\n');
    lines[2] = '\tname: TASS';
    const e = config(lines.join('\n'));
    expect(e.message).toBe('sources.yaml is not valid YAML');
    expect(e.details).toEqual(['sources.yaml:3: Tabs are not allowed as indentation (indent with spaces)']);
  });

  it('checks the classify: block against the lexicons, with lines', () => {
    const e = config(
      [
        'classify:',
        '  actors:',
        '    CN:',
        '      state: 5', // a number where a list of companies goes
        '  themes:',
        '    enrgy: [biodiesel]',
        '  rhetoric:',
        '    threshold: high',
        'sources: []',
        '',
      ].join('\n'),
    );
    expect(e.details).toEqual([
      'sources.yaml:4: classify.actors.CN.state must be a list of words or phrases, such as [Zhenhua Oil]',
      'sources.yaml:6: unknown key "enrgy" in classify.themes (did you mean "energy"?)',
      'sources.yaml:8: classify.rhetoric.threshold must be a number',
    ]);
    expect(config('classify: [Zhenhua Oil]\nsources: []\n').details).toEqual(['sources.yaml:1: classify must be a mapping']);
  });

  it('accepts a classify: block in the lexicons\' shape and passes it on as written', () => {
    const c = parseConfig(
      'classify:\n  actors:\n    CN:\n      state: [Zhenhua Oil]\n  themes:\n    energy: [biodiesel]\n  rhetoric:\n    threshold: 3\nsources: []\n',
      path.join(process.cwd(), 'sources.yaml'),
    );
    expect(c.classify).toEqual({ actors: { CN: { state: ['Zhenhua Oil'] } }, themes: { energy: ['biodiesel'] }, rhetoric: { threshold: 3 } });
  });

  it('refuses an alias bomb with one message rather than expanding it', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'sources: [*c]', ''].join('\n');
    const e = config(bomb);
    expect(e.message).toBe('sources.yaml is not valid YAML');
    expect(e.details).toEqual([expect.stringMatching(/^sources\.yaml: .*alias/i)]);
  });

  it('says a list where a source belongs is not one, with its place in the list', () => {
    const e = config(`sources:\n  - [rt-es, RT]\n`);
    expect(e.details).toEqual(['sources.yaml:2: source "#1": each source must be a mapping with id, name, url or file, language and ownership']);
  });
});

describe('overrides.yaml messages', () => {
  it('names the key meant for an unknown top-level key and a misspelt field, each at its line', () => {
    const e = rejected(() =>
      parseOverrides('pins:\n  - url: https://example.org/a\nexclude:\n  - id: a\n    reasn: Wrong date\n', 'editors/overrides.yaml'),
    );
    expect(e.message).toBe('editors/overrides.yaml: 2 problems');
    expect(e.details).toEqual([
      'editors/overrides.yaml:5: exclude: unknown field "reasn" (did you mean "reason"?)',
      'editors/overrides.yaml:1: unknown key "pins" (did you mean "pin"?)',
    ]);
  });

  it('gives one line for a tab', () => {
    const e = rejected(() => parseOverrides('pin:\n  - url: https://example.org/a\n\t  section: russia\n  - id: b\n', 'overrides.yaml'));
    expect(e.message).toBe('overrides.yaml:3: Tabs are not allowed as indentation (indent with spaces)');
    expect(e.details).toHaveLength(1);
  });
});
