// Worker-thread entry: runs processBody for the main thread (see pool.ts).
import { serveTasks } from './pool.js';
import { processBody } from './process.js';

serveTasks(processBody);
