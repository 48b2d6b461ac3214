// One finding of `vric doctor`: what was checked, how it stands, and what to do about it.

/** ok: in place; warn: works, but something is off or missing (vric carries on without it);
 *  FAIL: vric cannot do its job until this is fixed. */
export type CheckStatus = 'ok' | 'warn' | 'FAIL';

export interface Check {
  /** A short fixed name scripts can match: config, contact, archive, output, lock, chromium, … */
  name: string;
  status: CheckStatus;
  message: string;
  /** What to do, when the status is not ok. */
  fix?: string;
}

export const ok = (name: string, message: string): Check => ({ name, status: 'ok', message });
export const warn = (name: string, message: string, fix?: string): Check => ({ name, status: 'warn', message, ...(fix ? { fix } : {}) });
export const fail = (name: string, message: string, fix?: string): Check => ({ name, status: 'FAIL', message, ...(fix ? { fix } : {}) });
