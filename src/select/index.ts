// The selection stage's public face: what the orchestrator and the audit import.
export { buildDigest, DEFAULT_SECTION_TITLES, entryOrder } from './digest.js';
export { selectItems, type Selection, type SelectOptions } from './policy.js';
export { clusterStories, DEFAULT_CLUSTER_SETTINGS, type ClusterSettings, type Clustering, type StoryDoc } from './cluster.js';
export { maxStateItems, capFraction } from './cap.js';
export { applyStateCap } from './state-cap.js';
export { loadOverrides, parseOverrides, emptyOverrides } from './overrides.js';
export { unmatchedOverrides } from './editorial.js';
export { countsTowardCap, stateThemeAllowed } from './work.js';
export { canonicalUrlKey } from './url.js';
export type * from './types.js';
