import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach } from 'vitest';

const perTest: string[] = [];
const perSuite: string[] = [];

function make(prefix: string, list: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  list.push(dir);
  return dir;
}

const removeAll = (list: string[]) => {
  while (list.length) fs.rmSync(list.pop()!, { recursive: true, force: true });
};

/** A fresh temporary directory, removed after the test. */
export const tmpDir = (prefix = 'vric-test-') => make(prefix, perTest);

/** A temporary directory for a whole file's tests (made in beforeAll), removed after them. */
export const suiteTmpDir = (prefix = 'vric-suite-') => make(prefix, perSuite);

afterEach(() => removeAll(perTest));
afterAll(() => removeAll(perSuite));
