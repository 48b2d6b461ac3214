// Worker-thread entry for collection: processBody plus labelling (see ingest.ts).
import { workerData } from 'node:worker_threads';
import type { LexiconOverrides } from '../classify/classify.js';
import { serveTasks } from '../fetch/pool.js';
import { processBody } from '../fetch/process.js';
import { withLabels } from './ingest.js';
import { itemLabeller } from './labels.js';

const label = itemLabeller((workerData as { overrides?: LexiconOverrides } | undefined)?.overrides);
// Make the classifier now, while the first downloads are still on the wire.
label([]);
serveTasks(withLabels(processBody, label));
