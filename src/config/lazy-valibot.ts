// The schema library, loaded on first use (as core/lazy-yaml.ts loads the YAML parser). A warm
// run takes its validated sources.yaml from the per-user cache and checks nothing, so it need not
// pay the 10-20 ms that importing valibot costs; the schemas are built when a file is first checked.
import { createRequire } from 'node:module';

type Valibot = typeof import('valibot');
let loaded: Valibot | undefined;

export function valibot(): Valibot {
  loaded ??= createRequire(import.meta.url)('valibot') as Valibot;
  return loaded;
}

/** A value built once, on first use (a schema, which needs the library). */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}
