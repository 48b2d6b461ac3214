// Relevance, actors, countries, themes and section on invented items, one guide rule per case.
import { describe, expect, it } from 'vitest';
import { label } from './helpers.js';

describe('relevance (guide §1)', () => {
  it('R1: a VRIC actor acting in an LAC state is relevant', () => {
    const r = label('Chinese state bank lends Honduras $2 billion for a dam', 'The China Development Bank loan funds a hydroelectric plant near Tegucigalpa.');
    expect(r.relevant).toBe(true);
    expect(r.actors).toEqual(['CN']);
    expect(r.countries).toEqual(['HN']);
    expect(r.themes).toContain('energy');
  });

  it('R1: acting on the region as a whole is relevant with no country', () => {
    const r = label('Beijing promises Latin America a new fund for railways');
    expect(r.relevant).toBe(true);
    expect(r.countries).toEqual([]);
  });

  it('R2: the Venezuelan state acting at home is relevant with no foreign actor', () => {
    const r = label('Venezuelan prosecutors charge three union leaders with treason');
    expect(r.relevant).toBe(true);
    expect(r.actors).toEqual(['VE']);
    expect(r.countries).toEqual(['VE']);
  });

  it('R3: a third party acting on a VRIC presence in LAC is relevant', () => {
    const r = label('Peru regulator suspends a Chinese port operator licence', 'The agency said the Cosco unit breached its Chancay contract.');
    expect(r.relevant).toBe(true);
    expect(r.actors).toEqual(['CN']);
    expect(r.countries).toEqual(['PE']);
  });

  it('N1: a VRIC actor with no LAC state or region is not relevant, but the actor is listed', () => {
    const r = label('Kremlin says talks with Kyiv are on hold');
    expect(r.relevant).toBe(false);
    expect(r.actors).toEqual(['RU']);
    expect(r.themes).toEqual([]);
    expect(r.section).toBeNull();
  });

  it('N2: LAC news without a VRIC actor is not relevant; the state is still listed', () => {
    const r = label('Uruguay cuts interest rates as inflation slows');
    expect(r.relevant).toBe(false);
    expect(r.countries).toEqual(['UY']);
  });

  it('N3: Venezuelans who are not the state are not the VE actor', () => {
    const migrants = label('Venezuelan migrants in Peru face new visa rules', 'Lima now requires passports at the border.');
    expect(migrants.relevant).toBe(false);
    expect(migrants.actors).toEqual([]);
    expect(migrants.countries).toEqual(['PE']);
    const team = label('Venezuela beat Bolivia 3-0 in a World Cup qualifier', 'Goals in Maturín kept the Vinotinto hopes alive.');
    expect(team.actors).toEqual([]);
    expect(team.relevant).toBe(false);
  });

  it('ordinary words shared with sport do not turn a state into a team', () => {
    const r = label('Russia and Cuba draw up final agreement on oil deliveries', 'The goal is to beat the blackouts.');
    expect(r.actors).toEqual(['RU']);
    expect(r.relevant).toBe(true);
  });

  it('N4: Bolivarian allies acting alone are not VRIC actors; Cuba with Russia is relevant through RU', () => {
    expect(label('Nicaragua closes two more universities', 'The Ortega government seized their campuses in Managua.').relevant).toBe(false);
    const r = label('Russia sends wheat to Cuba under a new aid deal');
    expect(r.relevant).toBe(true);
    expect(r.actors).toEqual(['RU']);
  });

  it('N5: Taiwan and its allies are not China unless Beijing acts', () => {
    expect(label('Taiwan opens a trade office in Asunción').relevant).toBe(false);
    const r = label('Beijing protests as Paraguay hosts the Taiwanese president');
    expect(r.relevant).toBe(true);
    expect(r.actors).toEqual(['CN']);
  });

  it('N7: a VRIC actor only as venue or maker in passing is not a party', () => {
    const venue = label('Brazil and Argentina sign a border accord at a summit in Kazan, Russia');
    expect(venue.actors).toEqual([]);
    expect(venue.relevant).toBe(false);
    const maker = label('Ecuador launches a Chinese-built weather satellite');
    expect(maker.actors).toEqual([]);
    const comparison = label('Milei compares his rivals to Maduro', 'The Argentine president spoke at a rally in Córdoba.');
    expect(comparison.actors).toEqual([]);
    expect(comparison.relevant).toBe(false);
  });
});

describe('actors and countries (guide §2–3)', () => {
  it('a state outlet cited as a source is not an actor', () => {
    const r = label('Floods cut roads in southern Brazil, according to Xinhua');
    expect(r.actors).toEqual([]);
  });

  it('a delivery arriving in Venezuela makes the Venezuelan state a party', () => {
    const r = label('Iranian drone parts arrive in Venezuela for assembly');
    expect(r.actors).toEqual(['VE', 'IR']);
  });

  it('a VRIC firm opening a shop in Caracas does not make the Venezuelan state a party', () => {
    const r = label('Chinese carmaker opens a showroom in Caracas', 'The dealership in the Venezuelan capital sells imported models.');
    expect(r.actors).toEqual(['CN']);
    expect(r.countries).toEqual(['VE']);
    expect(r.relevant).toBe(true);
  });

  it('the noun an adjective qualifies decides: an opposition leader is a person, not the state', () => {
    const r = label('Venezuelan opposition leader receives a prize in Lisbon');
    expect(r.actors).toEqual([]);
    expect(r.relevant).toBe(false);
    expect(label('Venezuelan navy leader visits Moscow').actors).toEqual(['VE', 'RU']);
  });

  it("a country's opposition or diaspora is its people, not its state", () => {
    const r = label("Venezuela's opposition rallies in Madrid");
    expect(r.actors).toEqual([]);
    expect(r.relevant).toBe(false);
  });

  it('tourists are private citizens, even when the summary names their country', () => {
    const r = label('Chinese tourists crowd the Atacama observatories', 'Arrivals from China doubled this year, Chile said.');
    expect(r.actors).toEqual([]);
    expect(r.relevant).toBe(false);
  });

  it('R3: an outside body acting on state conduct in Venezuela makes the Venezuelan state a party', () => {
    const r = label('La OEA condena la represión en Venezuela');
    expect(r.actors).toEqual(['VE']);
    expect(r.relevant).toBe(true);
    expect(r.themes).toContain('politics');
  });

  it('nationality alone adds no country', () => {
    expect(label('Argentine tennis player wins a title in Shanghai').countries).toEqual([]);
  });

  it('cities and landmarks imply their state', () => {
    expect(label('New terminal planned for Ciudad del Este').countries).toEqual(['PY']);
    expect(label('Floating platform starts up in the Stabroek block').countries).toEqual(['GY']);
    expect(label('Hurricane damages homes on Abaco').countries).toEqual(['BS']);
  });

  it('lists the multilateral voters that are named, not the members of a bloc', () => {
    const r = label('CARICOM leaders meet Chinese envoy in Georgetown');
    expect(r.countries).toEqual(['GY']);
    expect(r.actors).toEqual(['CN']);
  });

  it('outputs are deterministic: actors in VE, RU, IR, CN order, countries sorted', () => {
    const r = label('China, Iran and Russia send observers to Venezuela and Nicaragua', 'Beijing, Tehran and Moscow praised Caracas and Managua.');
    expect(r.actors).toEqual(['VE', 'RU', 'IR', 'CN']);
    expect(r.countries).toEqual(['NI', 'VE']);
  });
});

describe('themes (guide §4)', () => {
  it('a relevant item always has at least one theme', () => {
    const r = label('Russia and Venezuela issue a joint note');
    expect(r.relevant).toBe(true);
    expect(r.themes.length).toBeGreaterThan(0);
  });

  it('lithium is economic, not energy', () => {
    expect(label('Chinese miner buys a lithium project in Argentina').themes).toEqual(['economic']);
  });

  it('themes come back in the fixed THEMES order', () => {
    const r = label('Chinese firm signs deal to build a 5G network and a port in Peru');
    expect(r.themes).toEqual(['economic', 'technology']);
  });
});

describe('section (guide §7)', () => {
  it('medical diplomacy when health leads the title', () => {
    expect(label('Russian vaccine doses reach Bolivia').section).toBe('medical-diplomacy');
  });

  it('otherwise the first actor named in the title', () => {
    expect(label('Iranian tanker unloads fuel for PDVSA in Venezuela').section).toBe('iran');
    expect(label('PDVSA receives an Iranian tanker').section).toBe('venezuela');
  });

  it('with no actor in the title, most mentions win, ties broken VE > RU > IR > CN', () => {
    expect(label('Lula weighs his options', 'Brazil courts Beijing and Moscow in equal measure.').section).toBe('russia');
    expect(label('Lula weighs his options', 'Brazil courts Beijing, Xi Jinping and Moscow.').section).toBe('china');
  });
});

describe('score', () => {
  it('is zero for irrelevant items and higher when the title carries the evidence', () => {
    expect(label('Uruguay cuts interest rates').score).toBe(0);
    const titled = label('Putin and Maduro sign an energy pact in Moscow');
    const aside = label('Regional leaders met this week', 'Among them, Maduro spoke briefly with a Russian envoy.');
    expect(titled.score).toBeGreaterThan(aside.score);
    expect(aside.score).toBeGreaterThan(0);
  });
});

describe('odd input', () => {
  it('copes with an empty title, no summary and stray punctuation', () => {
    expect(label('').relevant).toBe(false);
    const r = label('¡¿ — « » … !?', '');
    expect(r.actors).toEqual([]);
    expect(r.countries).toEqual([]);
  });

  it('handles long summaries and non-Latin scripts without error', () => {
    const long = 'Moscow and Havana signed a deal. '.repeat(200);
    expect(label('Россия и Куба подписали соглашение', long).actors).toEqual(['RU']);
  });
});
