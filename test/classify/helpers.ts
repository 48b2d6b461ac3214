import { createClassifier } from '../../src/classify/classify.js';
import type { Classification } from '../../src/core/item-types.js';

const classifier = createClassifier();

/** Classify a title and optional summary with the built-in lexicon. */
export function label(title: string, summary = '', extra: { url?: string; categories?: string[] } = {}): Classification {
  return classifier.classify({ id: 't', title, summary, ...extra });
}
