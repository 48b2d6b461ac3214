// One entry per story. Clusters the surviving items and decides, for each cluster, which
// item represents it and why each of the others is left out:
//   - a capped state item without an allowed theme      → state-not-eligible
//   - a capped state item when a non-state outlet (or a
//     state outlet outside the cap) carries the story  → state-reported-elsewhere
//   - any other member                                  → duplicate
// A pinned member is always kept: it represents the story, and a second pinned member
// stays as an entry of its own.
import type { Policy } from '../core/config-types.js';
import type { SectionId } from '../core/vocabulary.js';
import { clusterStories, type StoryDoc } from './cluster.js';
import type { ClusterSettings } from './same-story.js';
import { rejectedOf, representativeOrder, stateRankOrder, stateThemeAllowed, type Rejected, type Selected, type Work } from './work.js';

function storyDoc(w: Work): StoryDoc {
  return {
    url: w.c.item.url,
    date: w.c.item.date,
    title: w.c.item.title,
    summary: w.c.item.summary,
    language: w.c.item.language || w.c.source.language,
    outlet: w.c.source.name,
    countries: w.c.labels.countries,
    actors: w.c.labels.actors,
  };
}

/** Other outlets of the story, one per outlet, oldest first; the representative's own outlet left out. */
function otherOutlets(rep: Work, members: Work[]): Work[] {
  const seen = new Set([rep.c.source.id]);
  const out: Work[] = [];
  for (const m of [...members].sort((a, b) => a.time - b.time || representativeOrder(a, b))) {
    if (seen.has(m.c.source.id)) continue;
    seen.add(m.c.source.id);
    out.push(m);
  }
  return out;
}

const quote = (w: Work) => `${w.c.source.name}: "${w.c.item.title}"`;

export function resolveStories(
  items: Work[],
  policy: Policy,
  settings: Partial<ClusterSettings> = {},
): { kept: Selected[]; rejected: Rejected[] } {
  const kept: Selected[] = [];
  const rejected: Rejected[] = [];
  const { clusters } = clusterStories(items.map(storyDoc), settings);

  for (const cluster of clusters) {
    const members = cluster.map((i) => items[i] as Work);
    const ineligible = members.filter((m) => m.state && !m.pinned && !stateThemeAllowed(m.c.labels, policy));
    const usable = members.filter((m) => !ineligible.includes(m));
    const pinned = usable.filter((m) => m.pinned).sort(representativeOrder);
    const nonState = usable.filter((m) => !m.state).sort(representativeOrder);
    const state = usable.filter((m) => m.state && !m.pinned).sort(stateRankOrder);
    const rep = pinned[0] ?? nonState[0] ?? state[0];

    for (const m of ineligible) {
      rejected.push(
        rejectedOf(m, 'state-not-eligible', `themes [${m.c.labels.themes.join(', ')}]; state media are used only for [${policy.stateAllowedThemes.join(', ')}]`),
      );
    }
    if (!rep) continue;

    // Other pinned members stay as entries of their own, so they are not "also reported by".
    const rest = members.filter((m) => m !== rep && !(m.pinned && usable.includes(m)));
    kept.push({ ...rep, section: rep.section as SectionId, alsoReportedBy: otherOutlets(rep, rest) });
    const reportedElsewhere = usable.some((m) => !m.state);
    for (const m of usable) {
      if (m === rep) continue;
      if (m.pinned) {
        kept.push({ ...m, section: m.section as SectionId, alsoReportedBy: [] });
      } else if (m.state && reportedElsewhere) {
        const by = nonState[0] ?? rep;
        rejected.push(rejectedOf(m, 'state-reported-elsewhere', `reported by ${quote(by)}`));
      } else {
        rejected.push(rejectedOf(m, 'duplicate', `same story as ${quote(rep)}`));
      }
    }
  }
  return { kept, rejected };
}
