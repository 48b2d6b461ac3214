// Human units in sources.yaml: durations ("30s", "6h", "1d", "500ms") and sizes ("10MiB", "512KB").
// A bare number is taken as milliseconds or bytes.

const DURATION_UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

function parseUnit(value: unknown, units: Record<string, number>): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(value);
  if (!match) return undefined;
  const unit = (match[2] ?? '').toLowerCase();
  const factor = unit === '' ? 1 : units[unit];
  if (factor === undefined) return undefined;
  return Math.round(Number(match[1]) * factor);
}

/** "30s" → 30000; undefined when the value is not a duration. */
export const parseDuration = (value: unknown) => parseUnit(value, DURATION_UNITS);

/** "10MiB" → 10485760; undefined when the value is not a size. */
export const parseSize = (value: unknown) => parseUnit(value, SIZE_UNITS);
