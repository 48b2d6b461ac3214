// How messages name a file the operator gave: relative when it is under the working folder (as
// they typed it), else absolute, never "../../../tmp/…". One rule for every config message.
import path from 'node:path';

export function shownPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : path.resolve(file);
}
