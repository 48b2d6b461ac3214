// The exit-code rule of a collection run and the likely cause it names when every source failed.
import { describe, expect, it } from 'vitest';
import { likelyCause, runOutcome, type Failure } from '../../src/pipeline/outcome.js';

const f = (errorKind: Failure['errorKind'], error: string, host: string): Failure => ({ errorKind, error, host });
const refused = (host: string) => f('network', `[${host}] network: ECONNREFUSED connect ECONNREFUSED ${host}`, host);

describe('runOutcome', () => {
  it('tells all failed (6) from some failed (3) from nothing failing (0)', () => {
    expect(runOutcome({ attempted: 2, failed: [refused('a'), refused('b')], inScope: 3, failing: 2 }).exitCode).toBe(6);
    expect(runOutcome({ attempted: 2, failed: [refused('a')], inScope: 2, failing: 1 })).toEqual({ exitCode: 3 });
    expect(runOutcome({ attempted: 0, failed: [], inScope: 2, failing: 0 })).toEqual({ exitCode: 0 });
  });

  it('counts a source still backing off as failing: some (3), or every one with nothing due (6)', () => {
    expect(runOutcome({ attempted: 1, failed: [], inScope: 2, failing: 1 })).toEqual({ exitCode: 3 });
    expect(runOutcome({ attempted: 0, failed: [], inScope: 2, failing: 2 })).toMatchObject({ exitCode: 6, hint: expect.stringMatching(/every source is failing and none was due/) });
  });
});

describe('likelyCause', () => {
  it('asks whether the network is down when no host could be reached at all', () => {
    const dns = f('network', '[x] network: ENOTFOUND getaddrinfo ENOTFOUND nosuch.invalid', 'nosuch.invalid');
    const connectTimeout = f('timeout', '[y] timeout: could not connect within 10 s', 'y.example');
    expect(likelyCause([dns, refused('127.0.0.1:9'), connectTimeout])).toBe('DNS or connection failures on all 3 hosts: is the network down?');
    expect(likelyCause([refused('h'), refused('h')])).toBe('DNS or connection failures on its one host: is the network down?');
  });

  it('names an honest cause for the other mixes', () => {
    const slow = f('timeout', '[a] timeout: no response within 10 s', 'a');
    expect(likelyCause([slow, refused('b')])).toMatch(/^timeouts or connection failures on both hosts: is the network down or very slow/);
    expect(likelyCause([f('network', '[a] network: ECONNRESET socket hang up', 'a')])).toMatch(/^network errors on its one host \(resets, TLS\): a proxy or firewall/);
    expect(likelyCause([f('http-4xx', '[a] HTTP 403', 'a'), f('http-5xx', '[b] HTTP 502', 'b')])).toMatch(/^every server answered with an HTTP error \(1 4xx, 1 5xx\)/);
    expect(likelyCause([f('not-a-feed', '[a] not-a-feed: an HTML page', 'a'), f('parse-error', '[b] parse-error: x', 'b')])).toMatch(/captive portal or proxy/);
    expect(likelyCause([f('file-error', '[a] file-error: cannot read', 'file:')])).toMatch(/^no feed file could be read/);
    expect(likelyCause([f('http-4xx', '[a] HTTP 404', 'a'), f('parse-error', '[b] x', 'b'), f('http-4xx', '[c] HTTP 404', 'c')])).toBe(
      'no common cause (2 http-4xx, 1 parse-error); see vric sources status',
    );
  });
});
