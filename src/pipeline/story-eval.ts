// `npm run eval:stories [FILE]`: scores the story matcher on a labelled period of stories (the format
// of test/fixtures/stories/, one item a line with its `group` and `kind`): how many state repeats
// the rule excludes as reported elsewhere, how many stories told in several languages become one
// entry, and how many near misses are wrongly taken for another story. Only the matching is judged:
// every item is made relevant with a section, no theme is refused to state media and the cap is off,
// so neither the classifier's relevance nor the cap can hide a match or a miss.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Source } from '../core/config-types.js';
import { fold } from '../core/text.js';
import { SECTION_OF_ACTOR, THEMES, type Ownership, type SectionId } from '../core/vocabulary.js';
import { createClassifier } from '../classify/classify.js';
import { selectItems } from '../select/policy.js';
import type { Candidate } from '../select/types.js';

export const DEFAULT_STORY_SET = fileURLToPath(new URL('../../test/fixtures/stories/unseen-cross-language.jsonl', import.meta.url));

interface StoryLine {
  id: string;
  group: string;
  kind: 'state-repeat' | 'multi-language' | 'near-miss';
  near?: string;
  outlet: string;
  ownership: Ownership;
  owner: string | null;
  lang: string;
  date: string;
  title: string;
  summary: string;
}

export interface StoryScores {
  stateRepeats: { caught: number; of: number; missed: string[] };
  multiLanguage: { merged: number; of: number; split: string[] };
  nearMisses: { wronglyMatched: number; of: number; matched: string[] };
}

const slug = (s: string) => fold(s).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function candidates(lines: StoryLine[]): Candidate[] {
  const classifier = createClassifier();
  return lines.map((l) => {
    const source: Source = { id: slug(l.outlet), name: l.outlet, language: l.lang, ownership: l.ownership, ...(l.owner ? { owner: l.owner } : {}), tags: [], enabled: true, fetch: {} };
    const date = `${l.date}T12:00:00.000Z`;
    const labels = classifier.classify({ id: l.id, title: l.title, summary: l.summary, lang: l.lang });
    const firstActor = labels.actors[0];
    const section: SectionId = labels.section ?? (firstActor ? SECTION_OF_ACTOR[firstActor] : 'venezuela');
    return {
      item: { id: l.id, sourceId: source.id, guid: l.id, url: `https://${source.id}.example/${l.id}`, title: l.title, summary: l.summary, published: date, categories: [], language: l.lang, firstSeen: date, date },
      source,
      labels: { ...labels, relevant: true, opinion: false, antiWestern: false, section },
    };
  });
}

export function scoreStories(lines: StoryLine[]): StoryScores {
  const months = lines.map((l) => l.date.slice(0, 7)).sort();
  const from = months[0] ?? '2026-10';
  const to = months.at(-1) ?? from;
  const [y, m] = to.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const period = { start: `${from}-01`, end: lastDay, label: `${from}..${to}`, slug: `${from}_${to}`, from, to };
  const selection = selectItems(candidates(lines), { period, policy: { stateMediaCap: 1, stateAllowedThemes: [...THEMES], capScope: 'overall' } });
  // Which items ended up in one story: a kept entry with its "also reported by", and the items
  // left out as a duplicate or as reported elsewhere (they name no story id, so go by the entries).
  const storyOf = new Map<string, string>();
  for (const k of selection.kept) {
    storyOf.set(k.c.item.id, k.c.item.id);
    for (const o of k.alsoReportedBy) storyOf.set(o.c.item.id, k.c.item.id);
  }
  const reason = new Map(selection.rejected.map((r) => [r.c.item.id, r.reason] as const));
  const byGroup = new Map<string, StoryLine[]>();
  for (const l of lines) byGroup.set(l.group, [...(byGroup.get(l.group) ?? []), l]);
  const scores: StoryScores = {
    stateRepeats: { caught: 0, of: 0, missed: [] },
    multiLanguage: { merged: 0, of: 0, split: [] },
    nearMisses: { wronglyMatched: 0, of: 0, matched: [] },
  };
  for (const [group, members] of byGroup) {
    const kind = members[0]!.kind;
    if (kind === 'state-repeat') {
      scores.stateRepeats.of++;
      const state = members.filter((m) => m.ownership === 'state');
      if (state.every((m) => reason.get(m.id) === 'state-reported-elsewhere')) scores.stateRepeats.caught++;
      else scores.stateRepeats.missed.push(group);
    } else if (kind === 'multi-language') {
      scores.multiLanguage.of++;
      const stories = new Set(members.map((m) => storyOf.get(m.id) ?? `alone:${m.id}`));
      if (stories.size === 1 && !stories.values().next().value!.startsWith('alone:')) scores.multiLanguage.merged++;
      else scores.multiLanguage.split.push(group);
    } else {
      for (const m of members) {
        scores.nearMisses.of++;
        const story = storyOf.get(m.id);
        const shared = story !== undefined && [...storyOf].some(([id, s]) => s === story && id !== m.id);
        if (shared || reason.get(m.id) === 'duplicate' || reason.get(m.id) === 'state-reported-elsewhere') {
          scores.nearMisses.wronglyMatched++;
          scores.nearMisses.matched.push(`${m.id} (like ${m.near ?? '?'})`);
        }
      }
    }
  }
  return scores;
}

export function parseStoryLines(text: string, file: string): StoryLine[] {
  return text
    .split('\n')
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line)
    .map(([line, n]) => {
      try {
        return JSON.parse(line) as StoryLine;
      } catch {
        throw new Error(`${file}:${n}: not a JSON object`);
      }
    });
}

function main(): void {
  const file = process.argv[2] ?? DEFAULT_STORY_SET;
  if (!existsSync(file)) {
    process.stderr.write(`eval:stories: no story set at ${file}\n`);
    process.exitCode = 2;
    return;
  }
  const s = scoreStories(parseStoryLines(readFileSync(file, 'utf8'), file));
  const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(0)}%` : '–');
  process.stdout.write(
    `file: ${file}\n` +
      `state repeats excluded as reported elsewhere  ${s.stateRepeats.caught} of ${s.stateRepeats.of} (${pct(s.stateRepeats.caught, s.stateRepeats.of)})\n` +
      `multi-language stories as one entry           ${s.multiLanguage.merged} of ${s.multiLanguage.of} (${pct(s.multiLanguage.merged, s.multiLanguage.of)})\n` +
      `near misses wrongly matched                   ${s.nearMisses.wronglyMatched} of ${s.nearMisses.of}\n` +
      `${JSON.stringify({ stateRepeats: s.stateRepeats.caught, multiLanguage: s.multiLanguage.merged, nearMisses: s.nearMisses.wronglyMatched })}\n`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
