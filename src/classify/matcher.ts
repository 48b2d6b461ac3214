// A token trie: every lexicon phrase is compiled once into it, and one left-to-right pass over an
// item's tokens finds every phrase at every position. Matching whole tokens makes it word-boundary
// safe ("China" never matches inside "Indochina" or "Chinatown"). A phrase whose last token ends in
// "*" matches any token with that prefix ("venezolan*" covers venezolano, venezolana, venezolanos).

import { phraseTokens, type Token } from './tokens.js';

interface Node<P> {
  next: Map<string, Node<P>>;
  payloads: P[];
  /** The phrase as first written in the lexicon, for explanations. */
  phrase: string;
  /** Prefix patterns for the next token, indexed by their first PREFIX_KEY characters. */
  prefixes: Map<number, Slot<P>[]>;
  /** Prefix patterns shorter than PREFIX_KEY (rare). */
  shortPrefixes: Slot<P>[];
}

interface Slot<P> {
  prefix: string;
  payloads: P[];
  phrase: string;
}

/** Prefixes are looked up by their first characters, so a token tries only a handful of them. */
const PREFIX_KEY = 3;

/**
 * The first PREFIX_KEY characters packed into one small integer: a Map lookup without allocating a
 * substring. Distinct prefixes may share a key (characters are masked to 10 bits); the
 * startsWith check on each candidate keeps the result exact.
 */
const prefixKey = (text: string): number =>
  ((text.charCodeAt(0) & 1023) << 20) | ((text.charCodeAt(1) & 1023) << 10) | (text.charCodeAt(2) & 1023);

export interface Match<P> {
  /** Index of the first token. */
  start: number;
  /** Index one past the last token. */
  end: number;
  payloads: P[];
  /** The phrase as written in the lexicon, for explanations. */
  phrase: string;
}

const newNode = <P>(): Node<P> => ({ next: new Map(), payloads: [], phrase: '', prefixes: new Map(), shortPrefixes: [] });

export class PhraseMatcher<P> {
  private readonly root: Node<P> = newNode();

  /** Add a phrase with its payload; returns false when the phrase has no tokens. */
  add(phrase: string, payload: P): boolean {
    const tokens = phraseTokens(phrase);
    if (tokens.length === 0) return false;
    let node = this.root;
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i] as string;
      const last = i === tokens.length - 1;
      if (last && tok.endsWith('*') && tok.length > 1) {
        const prefix = tok.slice(0, -1);
        let bucket = node.shortPrefixes;
        if (prefix.length >= PREFIX_KEY) {
          const bucketKey = prefixKey(prefix);
          bucket = node.prefixes.get(bucketKey) ?? [];
          node.prefixes.set(bucketKey, bucket);
        }
        let slot = bucket.find((p) => p.prefix === prefix);
        if (!slot) bucket.push((slot = { prefix, payloads: [], phrase }));
        slot.payloads.push(payload);
        return true;
      }
      let child = node.next.get(tok);
      if (!child) node.next.set(tok, (child = newNode()));
      node = child;
    }
    if (node.payloads.length === 0) node.phrase = phrase;
    node.payloads.push(payload);
    return true;
  }

  /** Every phrase occurrence in the token list, in order of start then length. */
  findAll(tokens: readonly Token[]): Match<P>[] {
    const out: Match<P>[] = [];
    for (let start = 0; start < tokens.length; start++) {
      let node: Node<P> | undefined = this.root;
      for (let i = start; i < tokens.length && node; i++) {
        const text = (tokens[i] as Token).text;
        if (node.prefixes.size > 0 && text.length >= PREFIX_KEY) {
          const bucket = node.prefixes.get(prefixKey(text));
          if (bucket) for (const p of bucket) if (text.startsWith(p.prefix)) out.push({ start, end: i + 1, payloads: p.payloads, phrase: p.phrase });
        }
        for (const p of node.shortPrefixes) if (text.startsWith(p.prefix)) out.push({ start, end: i + 1, payloads: p.payloads, phrase: p.phrase });
        node = node.next.get(text);
        if (node && node.payloads.length > 0) out.push({ start, end: i + 1, payloads: node.payloads, phrase: node.phrase });
      }
    }
    return out;
  }
}
