// The disclaimer: the state-media cap as the select stage judged it (digest.stats.capVerdict),
// printed, never recomputed.
import type { Digest } from '../../core/digest-types.js';
import { oneLine } from '../../core/text.js';
import { fill, label, ownerName, percent, type Locale } from '../locale.js';

export function disclaimerView(digest: Digest, locale: Locale) {
  const { stats, policy } = digest;
  const verdict = stats.capVerdict;
  const cap = verdict.cap;
  const capOwners = policy?.capOwners?.length ? policy.capOwners.map((c) => ownerName(oneLine(c), locale)) : null;
  const list = capOwners ? new Intl.ListFormat(locale.lang, { type: 'conjunction' }).format(capOwners) : '';
  const overCap = verdict.over;
  return {
    cap,
    capText: percent(cap, locale),
    stateMedia: stats.stateMedia,
    stateShare: stats.stateShare,
    stateShareText: percent(stats.stateShare, locale),
    overCap,
    text: fill(label(locale.text, 'disclaimer'), {
      cap: percent(cap, locale),
      share: percent(stats.stateShare, locale),
      count: stats.stateMedia,
      total: stats.total,
    }),
    scope: verdict.capScope === 'section' ? label(locale.text, 'capScopeSection') : null,
    owners: capOwners ? fill(label(locale.text, 'capOwners'), { owners: list }) : null,
    override: verdict.override
      ? fill(label(locale.text, 'override'), {
          standard: percent(verdict.policyCap, locale),
          cap: percent(verdict.override.cap, locale),
          reason: oneLine(verdict.override.reason),
        })
      : null,
    overCapText: overCap ? label(locale.text, 'overCap') : null,
  };
}
