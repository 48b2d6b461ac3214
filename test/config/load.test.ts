import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../src/config/load.js';
import { VricError } from '../../src/core/errors.js';
import { tmpDir } from '../helpers/tmp.js';

const GOOD = `
fetch:
  timeout: 20s
  maxBytes: 5MiB
  contact: monitor@example.org
policy:
  stateMediaCap: 0.2
  capOwners: [VE, RU]
sources:
  - id: rt-es
    name: RT en Español
    url: https://actualidad.rt.com/feeds/all.rss
    language: es
    ownership: state
    owner: RU
    smm: SC
    every: 6h
    fetch:
      idleTimeout: 5s
  - id: local
    name: Local file
    file: feeds/local.xml
    language: pt
    ownership: independent
    enabled: false
`;

function problemsOf(text: string): string[] {
  try {
    parseConfig(text, path.join(process.cwd(), 'sources.yaml'));
  } catch (e) {
    expect(e).toBeInstanceOf(VricError);
    expect((e as VricError).exitCode).toBe(2);
    return (e as VricError).details;
  }
  throw new Error('expected the config to be rejected');
}

describe('sources.yaml loader', () => {
  it('reads sources, policy and fetch settings with units', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'sources.yaml');
    fs.writeFileSync(file, GOOD);
    const c = loadConfig(file);
    expect(c.sources.map((s) => s.id)).toEqual(['rt-es', 'local']);
    const rt = c.sources[0]!;
    expect(rt).toMatchObject({ ownership: 'state', owner: 'RU', smm: 'SC', everyMs: 6 * 3600_000, enabled: true, line: 10 });
    expect(rt.fetch).toEqual({ idleTimeoutMs: 5000 });
    expect(c.sources[1]!.file).toBe(path.join(dir, 'feeds/local.xml'));
    expect(c.sources[1]!.enabled).toBe(false);
    expect(c.fetch).toEqual({ timeoutMs: 20_000, maxBytes: 5 * 1024 * 1024, contact: 'monitor@example.org' });
    expect(c.policy).toMatchObject({ stateMediaCap: 0.2, capScope: 'overall', capOwners: ['VE', 'RU'] });
  });

  it('reports every problem with its line and source id', () => {
    const problems = problemsOf(`policy:
  stateMediaCap: 1.5
sources:
  - id: a
    name: A
    url: ftp://example.org/feed
    language: spanish
    ownership: state
  - id: a
    name: Second A
    url: https://example.org/b
    language: es
    ownership: independent
  - name: No id
    file: x.xml
    language: es
    ownership: indie
    colour: red
`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'sources.yaml:6: source "a": url "ftp://example.org/feed" must be an http or https address',
        'sources.yaml:7: source "a": language "spanish" must be an ISO 639-1 code such as es, pt or en',
        'sources.yaml:4: source "a": owner (the controlling state, e.g. RU) is required when ownership is state',
        'sources.yaml:9: source "a": duplicate id (first used on line 4)',
        'sources.yaml:14: source "#3": "id" is required (a unique slug such as rt-es)',
        'sources.yaml:17: source "#3": ownership "indie" must be one of: independent, public, state',
        expect.stringMatching(/^sources\.yaml:18: source "#3": unknown key "colour"/),
        'sources.yaml:2: policy.stateMediaCap must be a number from 0 to 1 (0.2 means 20 percent)',
      ]),
    );
  });

  it('reads numeric ids and names as text, as written', () => {
    const c = parseConfig('sources:\n  - id: 007\n    name: 1984\n    url: https://example.org/f\n    language: en\n    ownership: independent\n', path.join(process.cwd(), 'sources.yaml'));
    expect(c.sources[0]).toMatchObject({ id: '007', name: '1984' });
  });

  it('rejects broken YAML with the line of the fault', () => {
    const problems = problemsOf('policy:\n  stateMediaCap: 0.2\nsources:\n  - id: a\n   name: [unclosed\n');
    expect(problems[0]).toMatch(/^sources\.yaml:\d+: /);
  });

  it("defaults the policy to the publication's 20% cap when the block is missing", () => {
    const c = parseConfig('sources: []\n', path.join(process.cwd(), 'sources.yaml'));
    expect(c.policy).toMatchObject({ stateMediaCap: 0.2, capScope: 'overall', defaulted: true });
    expect(problemsOf('policy: 0.2\nsources: []\n')).toEqual([expect.stringContaining('sources.yaml:1: policy must be a mapping')]);
  });

  it('says plainly when the file is missing', () => {
    expect(() => loadConfig('/nonexistent/sources.yaml')).toThrow(/cannot read the configuration .*no such file/);
  });
});
