// Labels made once, when an item is collected, and reused by every build and audit of it while
// the classifier stays the same (same fingerprint: code, lexicons, the analyst's additions).
import { createClassifier, type Classifier, type LexiconOverrides } from '../classify/classify.js';
import { classifierFingerprint } from '../classify/fingerprint.js';
import type { Classification, ClassifyInput, FeedItem, StoredLabels } from '../core/item-types.js';

/** What the classifier reads of an item: the same fields whether it labels at collection or at build. */
export function classifyInput(item: FeedItem & { id?: string }): ClassifyInput {
  return { id: item.id ?? '', title: item.title, summary: item.summary, url: item.url, lang: item.language, categories: item.categories };
}

/** The stored labels of an item as the classifier's output, when `fingerprint` made them. */
export function storedClassification(item: FeedItem & { id: string }, fingerprint: string): Classification | undefined {
  return item.labels?.by === fingerprint ? { id: item.id, ...item.labels.value } : undefined;
}

/**
 * Labels items in place. The classifier is made on first use; when it cannot be made (additions
 * that do not validate, which collect reports before it starts) items stay unlabelled, and a build
 * labels them itself.
 */
export function itemLabeller(overrides?: LexiconOverrides): (items: FeedItem[]) => void {
  let classifier: Classifier | null | undefined;
  let by = '';
  return (items) => {
    if (classifier === undefined) {
      try {
        classifier = createClassifier(overrides ? { extraLexicon: overrides } : {});
        by = classifierFingerprint(overrides);
      } catch {
        classifier = null;
      }
    }
    if (!classifier) return;
    for (const item of items) {
      const { id: _id, explain: _explain, ...value } = classifier.classify(classifyInput(item));
      item.labels = { by, value } satisfies StoredLabels;
    }
  };
}
