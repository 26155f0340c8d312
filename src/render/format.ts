// How a metric's value reads for people, in one place: USD millions for money, "1.23x"
// for leverage, a whole number for counts of years, true/false for tests.
import { type Dec, displayMillions } from '../core/money.js';
import { metricUnit } from '../measure/paths.js';

export function ratioText(x: Dec | null): string {
  return x === null ? '-' : `${x.toFixed(2)}x`;
}

export function metricText(x: Dec | boolean | null | undefined, metric: string): string {
  if (x === null || x === undefined) return 'n/a';
  if (typeof x === 'boolean') return String(x);
  if (metric.endsWith('.yearsMet')) return x.toFixed(0);
  return metricUnit(metric) === 'ratio' ? ratioText(x) : displayMillions(x);
}
