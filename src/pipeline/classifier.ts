// The classifier a run uses: the bundled lexicons plus the analyst's additions from sources.yaml.
import { createClassifier, type LexiconOverrides } from '../classify/classify.js';
import { errorMessage, usageError } from '../core/errors.js';
import type { Config } from '../core/config-types.js';
import type { ClassifyBlock } from '../config/classify-schema.js';

/** Fails to compile when the schema of sources.yaml's classify: block and the classifier's additions drift apart. */
type Fits<T extends LexiconOverrides> = T;
export type ClassifyBlockFits = Fits<ClassifyBlock>;

export function classifierFor(config?: Pick<Config, 'path' | 'classify'>): ReturnType<typeof createClassifier> {
  if (!config?.classify) return createClassifier();
  try {
    return createClassifier({ extraLexicon: config.classify as LexiconOverrides });
  } catch (e) {
    // The mistake is in sources.yaml, not in the bundled file the validator names.
    throw usageError(`${config.path}: the classify: block is not valid: ${errorMessage(e).replace(/^lexicon [\w-]+\.yaml: /, '')}`);
  }
}
