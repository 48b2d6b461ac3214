// The yaml package, loaded on first use. A warm run reads its lexicons and sources.yaml from the
// per-user cache (file-cache.ts) and never parses YAML, so it need not pay for loading the parser.
import { createRequire } from 'node:module';

type YamlModule = typeof import('yaml');
let loaded: YamlModule | undefined;

export function yamlModule(): YamlModule {
  loaded ??= createRequire(import.meta.url)('yaml') as YamlModule;
  return loaded;
}
