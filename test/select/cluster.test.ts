import { describe, expect, it } from 'vitest';
import { clusterStories, type StoryDoc } from '../../src/select/cluster.js';
import { defaultLexicon } from '../../src/select/story-lexicon.js';
import { storyKeys, stripTitleDecorations } from '../../src/select/story-keys.js';

const day = (d: number, h = 12) => `2026-10-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00.000Z`;

function doc(title: string, over: Partial<StoryDoc> = {}): StoryDoc {
  return { url: `https://x.example/${encodeURIComponent(title)}`, date: day(10), title, summary: '', language: 'es', ...over };
}

/** True when the two docs end up in one cluster. */
function together(a: StoryDoc, b: StoryDoc): boolean {
  const { clusterOf } = clusterStories([a, b]);
  return clusterOf[0] === clusterOf[1];
}

describe('normalising headlines', () => {
  const lex = defaultLexicon();

  it('drops short trailing credits and kickers', () => {
    expect(stripTitleDecorations('Russia sends two warships to Havana - Reuters', lex)).toBe('Russia sends two warships to Havana');
    expect(stripTitleDecorations('Rusia envía buques a Cuba | teleSUR', lex, 'teleSUR')).toBe('Rusia envía buques a Cuba');
    expect(stripTitleDecorations('Iran opens a supermarket in Caracas — report', lex)).toBe('Iran opens a supermarket in Caracas');
    expect(stripTitleDecorations('EXCLUSIVE: Huawei wins Mexican 5G contract', lex)).toBe('Huawei wins Mexican 5G contract');
  });

  it('keeps a long clause after a dash, which is part of the news', () => {
    const t = 'Maduro recibe al canciller ruso - firman once acuerdos de cooperación energética y militar';
    expect(stripTitleDecorations(t, lex)).toBe(t);
  });

  it('maps Spanish and English versions of a headline onto the same keys', () => {
    const es = storyKeys({ title: 'Rusia envía dos buques de guerra a La Habana', summary: '', language: 'es' }, lex);
    const en = storyKeys({ title: 'Russia sends two warships to Havana - Reuters', summary: '', language: 'en' }, lex);
    expect([...es.title].sort()).toEqual([...en.title].sort());
    expect([...es.title].sort()).toEqual(['2', 'cuba', 'havana', 'russia', 'send', 'ship', 'war']);
    expect([...es.titleNumbers]).toEqual(['2']);
  });

  it('reads "dos" as a number in Spanish but as "of the" in Portuguese', () => {
    const pt = storyKeys({ title: 'Ministro dos Negócios Estrangeiros visita Caracas', summary: '', language: 'pt' }, lex);
    expect(pt.titleNumbers.size).toBe(0);
  });

  it('treats an unknown capitalised word inside a sentence-case headline as a name', () => {
    const f = storyKeys({ title: 'Irán inaugura en Caracas el supermercado Megasis', summary: '', language: 'es' }, lex);
    expect(f.properNouns.has('megasi')).toBe(true);
    expect(f.titleEntities.has('venezuela')).toBe(true);
  });

  it('removes feed boilerplate and wire datelines from summaries', () => {
    const f = storyKeys(
      {
        title: 'x',
        summary: 'CARACAS, 3 oct (EFE).- Maduro firmó acuerdos. The post Maduro firma appeared first on Blog Z.',
        language: 'es',
      },
      lex,
    );
    expect(f.full.has('efe')).toBe(false);
    expect(f.full.has('blog')).toBe(false);
    expect(f.full.has('maduro')).toBe(true);
  });
});

describe('the same story clusters', () => {
  it('across Spanish and English', () => {
    expect(
      together(
        doc('Rusia envía dos buques de guerra a La Habana'),
        doc('Russia sends two warships to Havana - Reuters', { language: 'en', date: day(11) }),
      ),
    ).toBe(true);
  });

  it('across Portuguese and Spanish with different verbs', () => {
    expect(
      together(doc('Navios de guerra russos chegam a Havana', { language: 'pt' }), doc('Rusia envía dos buques de guerra a La Habana')),
    ).toBe(true);
  });

  it('when one outlet writes headlines in Title Case', () => {
    expect(
      together(doc('Russia Sends Two Warships To Havana', { language: 'en' }), doc('Rusia envía dos buques de guerra a La Habana')),
    ).toBe(true);
  });

  it('across languages with a name the lexicon does not know', () => {
    expect(
      together(doc('Irán inaugura en Caracas el supermercado Megasis'), doc('Iran opens Megasis supermarket in Caracas', { language: 'en' })),
    ).toBe(true);
  });

  it('when the shared words are leaders, not only places', () => {
    expect(together(doc('Xi Jinping recibe a Lula en Pekín'), doc('Xi Jinping meets Lula in Beijing', { language: 'en' }))).toBe(true);
  });

  it('across Spanish and Portuguese with numbers written differently ("500.000" / "500 mil")', () => {
    expect(
      together(
        doc('China dona 500.000 vacunas Sinovac a Paraguay', { summary: 'El gobierno chino entregó medio millón de dosis de CoronaVac a Asunción.' }),
        doc('China doa 500 mil vacinas Sinovac ao Paraguai', { language: 'pt', summary: 'O governo chinês entregou meio milhão de doses da CoronaVac a Assunção.' }),
      ),
    ).toBe(true);
  });

  it('when the headlines differ but the leads tell the same story', () => {
    expect(
      together(
        doc('Russian bombers land in Venezuela for joint exercises', {
          language: 'en',
          summary: 'Two Tu-160 strategic bombers landed at Maiquetia airport near Caracas, the Russian defence ministry said.',
        }),
        doc('Aterrizan en Venezuela dos bombarderos rusos Tu-160', {
          summary: 'Los aviones estratégicos llegaron al aeropuerto de Maiquetía para ejercicios conjuntos, informó el Ministerio de Defensa ruso.',
        }),
      ),
    ).toBe(true);
  });

  it('for paraphrases that share rare names (a ship, a port) rather than words', () => {
    expect(
      together(
        doc('Qué se sabe de la fragata rusa que llegó a La Habana y por qué EE.UU. la vigila', {
          summary: 'El Almirante Kasatonov es la segunda visita de un buque de guerra ruso a Cuba este año.',
        }),
        doc('Fragata russa atraca em Havana; EUA dizem acompanhar movimentação', {
          language: 'pt',
          summary: 'O Pentágono afirmou que a visita do navio Almirante Kasatonov não representa ameaça, mas que acompanha a presença russa no Caribe.',
        }),
      ),
    ).toBe(true);
    expect(
      together(
        doc('Naviera estatal china anuncia una tercera fase del puerto de Paita', { summary: 'La empresa Tianbao invertirá 900 millones de dólares en nuevos muelles.' }),
        doc('La china Tianbao amplía Paita y consolida su apuesta por el Pacífico', { summary: 'La tercera fase del puerto, en el norte de Perú, duplicará su capacidad.' }),
      ),
    ).toBe(true);
  });

  it('for syndicated wire copy under different outlets’ credits', () => {
    const summary = 'CARACAS, 3 oct (EFE).- El Gobierno venezolano y la petrolera china CNPC firmaron este viernes un acuerdo para reactivar dos campos en la Faja del Orinoco.';
    expect(
      together(
        doc('Venezuela y la china CNPC firman acuerdo para la Faja del Orinoco | teleSUR', { summary, date: day(3, 15) }),
        doc('Venezuela y la china CNPC firman acuerdo para la Faja del Orinoco - EFE', { summary, date: day(3, 18) }),
      ),
    ).toBe(true);
  });

  it('when rewritten headlines share the wire lead', () => {
    const summary = 'El Gobierno venezolano y la petrolera china CNPC firmaron este viernes un acuerdo para reactivar dos campos petroleros en la Faja del Orinoco, según el ministerio.';
    expect(
      together(
        doc('Caracas y Pekín sellan pacto petrolero', { summary }),
        doc('CNPC vuelve a la Faja: firma con PDVSA', { summary: `Según el ministerio, ${summary}` }),
      ),
    ).toBe(true);
  });

  it('by canonical URL whatever the text (http/https, www, trailing slash)', () => {
    expect(
      together(
        doc('Titular uno', { url: 'https://www.example.com/news/123/' }),
        doc('Something else entirely', { url: 'http://example.com/news/123', language: 'en' }),
      ),
    ).toBe(true);
  });
});

describe('near misses do NOT cluster', () => {
  it('the same event template in another capital', () => {
    expect(together(doc('Rusia envía dos buques de guerra a La Habana'), doc('Rusia envía dos buques de guerra a Caracas'))).toBe(false);
  });

  it('the same pair of states doing different things', () => {
    expect(together(doc('China y Argentina amplían el comercio'), doc('China y Argentina amplían la cooperación espacial'))).toBe(false);
  });

  it('the same host meeting different leaders', () => {
    expect(together(doc('Putin se reúne con Lula en Moscú'), doc('Putin se reúne con Petro en Moscú'))).toBe(false);
  });

  it('different numbers in the headline', () => {
    expect(
      together(doc('Venezuela recibe dos millones de dosis de Sputnik V'), doc('Venezuela recibe tres millones de dosis de Sputnik V')),
    ).toBe(false);
  });

  it('the same headline three weeks apart (a new event)', () => {
    const title = 'Buques rusos atracan en La Habana';
    expect(together(doc(title, { date: day(1) }), doc(title, { date: day(22), url: 'https://y.example/2' }))).toBe(false);
  });

  it('the same vaccine arriving in two different countries', () => {
    expect(
      together(
        doc('Llegan a Buenos Aires las primeras dosis de la vacuna rusa Sputnik V'),
        doc('First Sputnik V doses arrive in Venezuela from Moscow', { language: 'en' }),
      ),
    ).toBe(false);
  });

  it('two different stories about the same company and place', () => {
    expect(
      together(
        doc('ExxonMobil starts production at fifth oil platform off Guyana', { language: 'en', summary: 'The new floating unit lifts output above one million barrels a day, the company said.' }),
        doc('Guyana says Venezuelan patrol boat approached ExxonMobil platforms', {
          language: 'en',
          summary: 'President Irfaan Ali said the boat entered Guyanese waters near floating production units before leaving.',
        }),
      ),
    ).toBe(false);
  });

  it('two pieces sharing only uncommon ordinary words (no shared name)', () => {
    expect(
      together(
        doc('Venezuela y Cuba reafirman su unidad frente a la hegemonía unipolar', { language: 'es', summary: 'Los cancilleres firmaron una declaración sobre soberanía y multipolaridad.' }),
        doc('China y Brasil defienden la multipolaridad frente a la hegemonía', { language: 'es', summary: 'Ambos gobiernos llamaron a reformar las instituciones de Bretton Woods y defender la soberanía.' }),
      ),
    ).toBe(false);
  });

  it('classifier labels naming different LAC countries', () => {
    expect(
      together(
        doc('China firma un acuerdo comercial', { countries: ['BR'] }),
        doc('China firma un acuerdo comercial', { countries: ['AR'], url: 'https://y.example/1' }),
      ),
    ).toBe(false);
  });
});

describe('clustering as a whole', () => {
  const docs = [
    doc('Rusia envía dos buques de guerra a La Habana', { date: day(10, 8) }),
    doc('China y Argentina amplían el comercio'),
    doc('Russia sends two warships to Havana - Reuters', { language: 'en', date: day(10, 9) }),
    doc('Navios de guerra russos chegam a Havana', { language: 'pt', date: day(11) }),
    doc('Putin se reúne con Petro en Moscú'),
  ];

  it('groups transitively and numbers clusters by first appearance', () => {
    const { clusterOf, clusters } = clusterStories(docs);
    expect(clusterOf).toEqual([0, 1, 0, 0, 2]);
    expect(clusters).toEqual([[0, 2, 3], [1], [4]]);
  });

  it('does not depend on input order', () => {
    const reversed = [...docs].reverse();
    const { clusterOf } = clusterStories(reversed);
    // reversed indexes: 0→4, 1→3, 2→2, 3→1, 4→0
    expect(clusterOf[4]).toBe(clusterOf[2]);
    expect(clusterOf[2]).toBe(clusterOf[1]);
    expect(new Set(clusterOf).size).toBe(3);
  });

  // Speed is measured by `npm run bench`, not here: this checks the result at that size.
  it('clusters 12,000 items (with summaries) into their stories', () => {
    const big = syntheticPeriod(12_000);
    const { clusters } = clusterStories(big);
    // Every story was written three times (two languages plus a wire copy): all must come out
    // as triples, and no two synthetic stories may merge.
    expect(clusters).toHaveLength(4_000);
    expect(clusters.every((c) => c.length === 3)).toBe(true);
  });
});

/** 0 → "a", 27 → "bb": names made of letters only, so they read as one word. */
function letters(n: number): string {
  let out = '';
  let x = n;
  do {
    out = String.fromCharCode(97 + (x % 26)) + out;
    x = Math.floor(x / 26);
  } while (x > 0);
  return out;
}

/** A deterministic month of 4,000 stories told three times each. */
function syntheticPeriod(n: number): StoryDoc[] {
  let seed = 42;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const actorsEs = ['Rusia', 'China', 'Irán', 'Venezuela'];
  const actorsEn = ['Russia', 'China', 'Iran', 'Venezuela'];
  const placesEs = ['Cuba', 'Nicaragua', 'Bolivia', 'Brasil', 'México', 'Argentina', 'Colombia', 'Perú'];
  const placesEn = ['Cuba', 'Nicaragua', 'Bolivia', 'Brazil', 'Mexico', 'Argentina', 'Colombia', 'Peru'];
  const verbs: [string, string][] = [['firma', 'signs'], ['entrega', 'delivers'], ['anuncia', 'announces'], ['construye', 'builds'], ['dona', 'donates']];
  const objects: [string, string][] = [['acuerdo', 'agreement'], ['vacunas', 'vaccines'], ['satélite', 'satellite'], ['refinería', 'refinery'], ['préstamo', 'loan'], ['buques', 'ships'], ['becas', 'scholarships']];
  const out: StoryDoc[] = [];
  for (let s = 0; out.length < n; s++) {
    const a = Math.floor(rand() * 4);
    const p = Math.floor(rand() * 8);
    const [ves, ven] = pick(verbs);
    const [oes, oen] = pick(objects);
    const num = 2 + Math.floor(rand() * 500);
    const tag = `Proyecto${letters(s)}`;
    const date = day(1 + Math.floor(rand() * 28), Math.floor(rand() * 24));
    const es = `${actorsEs[a]} ${ves} ${num} ${oes} a ${placesEs[p]} para el plan ${tag}`;
    const en = `${actorsEn[a]} ${ven} ${num} ${oen} to ${placesEn[p]} for ${tag} plan`;
    const summary = `${actorsEs[a]} y ${placesEs[p]} ${ves} este ${num} de octubre un ${oes} dentro del plan ${tag}, informó el ministerio en un comunicado difundido en la capital, donde las autoridades destacaron la cooperación bilateral.`;
    out.push(doc(es, { date, url: `https://a.example/${s}`, summary }));
    out.push(doc(`${en} - Reuters`, { date, language: 'en', url: `https://b.example/${s}` }));
    out.push(doc(`${es} | teleSUR`, { date, url: `https://c.example/${s}`, summary }));
  }
  return out.slice(0, n);
}
