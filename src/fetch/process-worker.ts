// Worker-thread entry: runs processBody for the main thread (see pool.ts).
import { parentPort } from 'node:worker_threads';
import { processBody } from './process.js';
import type { ProcessTask } from './pool.js';

parentPort!.on('message', async (task: ProcessTask) => {
  try {
    const result = await processBody(task.source, task.bytes, task.contentType, task.url, task.settings, new Date(task.now));
    parentPort!.postMessage({ id: task.id, result });
  } catch (e) {
    parentPort!.postMessage({ id: task.id, error: (e as Error)?.message ?? String(e) });
  }
});
