// Guide §9: lookalike names must not add countries or actors. Every sentence here is invented.
import { describe, expect, it } from 'vitest';
import { label } from './helpers.js';

describe('country lookalikes', () => {
  it('New Mexico and Nuevo México are not Mexico, Mexico City is', () => {
    expect(label('New Mexico ranchers sue over wolf program').countries).toEqual([]);
    expect(label('Nuevo México aprueba un fondo para el agua').countries).toEqual([]);
    expect(label('Mexico City opens a new metro line').countries).toEqual(['MX']);
  });

  it('British Columbia, District of Columbia and Columbia University are not Colombia', () => {
    expect(label('British Columbia expands its carbon tax').countries).toEqual([]);
    expect(label('District of Columbia council passes budget').countries).toEqual([]);
    expect(label('Columbia University names a new provost').countries).toEqual([]);
  });

  it('Georgia (US state or Caucasus) adds nothing', () => {
    const r = label('Georgia lawmakers pass a new voting map', 'Legislators in Atlanta approved districts.');
    expect(r.countries).toEqual([]);
    expect(r.relevant).toBe(false);
  });

  it('Guinea, Equatorial Guinea and French Guiana are not Guyana or Ecuador', () => {
    expect(label('Guinea Ecuatorial renueva su parlamento').countries).toEqual([]);
    expect(label('Papua New Guinea hosts a Pacific forum').countries).toEqual([]);
    expect(label('French Guiana launch site prepares a new rocket').countries).toEqual([]);
    expect(label('A Guiana Francesa recebe novo satélite europeu').countries).toEqual([]);
  });

  it('tells Dominica from the Dominican Republic', () => {
    expect(label('Dominica opens a geothermal plant near Roseau').countries).toEqual(['DM']);
    expect(label('Dominican Republic raises the minimum wage').countries).toEqual(['DO']);
    expect(label('El béisbol dominicano celebra su temporada').countries).toEqual(['DO']);
  });

  it('Granada in Andalusia is nothing, in Nicaragua is NI', () => {
    expect(label('Granada estrena un festival de flamenco', 'La ciudad andaluza llenó sus teatros.').countries).toEqual([]);
    expect(label('Granada, en Nicaragua, restaura su catedral', 'Las obras junto al lago Cocibolca terminan en mayo.').countries).toEqual(['NI']);
    expect(label('Grenada unveils a new cruise terminal').countries).toEqual(['GD']);
  });

  it('Jamaica in Queens or Boston is not Jamaica', () => {
    expect(label('Jamaica Avenue shops brace for a street fair').countries).toEqual([]);
    expect(label('A new library opens in Jamaica, Queens').countries).toEqual([]);
    expect(label('Jamaica Plain tenants win rent case').countries).toEqual([]);
  });

  it('chile the pepper is not Chile', () => {
    expect(label('Hatch chile roasting season starts early').countries).toEqual([]);
    expect(label('Grocer pulls chile crisp over labelling error').countries).toEqual([]);
    expect(label('Chile raises copper royalties').countries).toEqual(['CL']);
  });

  it('"China" inside words, Chinatown and China Grove are not China', () => {
    for (const title of [
      'China Grove approves a new fire station',
      'Chinatown restaurants report a busy holiday',
      'Museum shows Indochina colonial photographs',
      'Auction of fine china sets a record',
      'Chinandega farmers plant sugar cane',
    ]) {
      expect(label(title).actors, title).toEqual([]);
    }
    expect(label('Chinandega farmers plant sugar cane').countries).toEqual(['NI']);
  });

  it('people named Colombia, Paraguay, Chávez or Bolívar are not the country or the actor', () => {
    expect(label('Juan Colombia wins a regional chess title').countries).toEqual([]);
    expect(label('María Paraguay opens a bakery in Seville').countries).toEqual([]);
    expect(label('Colombia Hernández exhibits paintings in Houston').countries).toEqual([]);
    const boxer = label('Julio César Chávez Jr. returns to the ring in Las Vegas');
    expect(boxer.actors).toEqual([]);
    expect(boxer.relevant).toBe(false);
    expect(label('Simón Bolívar statue restored in a London square').actors).toEqual([]);
  });

  it('US and Portuguese towns named after LAC places add nothing', () => {
    expect(label('Moscow, Idaho, expands its farmers market').actors).toEqual([]);
    expect(label('Lima, Ohio, hires a new police chief').countries).toEqual([]);
    expect(label('Panama City, Florida, rebuilds its marina').countries).toEqual([]);
    expect(label('Brazil, Indiana, celebrates its clay heritage').countries).toEqual([]);
    expect(label('Trinidad, Colorado, approves a solar farm').countries).toEqual([]);
    expect(label('Câmara de Cuba aprova obras na praça', 'A vila alentejana, no distrito de Beja, renova o centro.').countries).toEqual([]);
  });

  it('Santiago: Compostela nothing, Chile CL, de Cuba CU, de los Caballeros DO', () => {
    expect(label('Santiago de Compostela welcomes pilgrims').countries).toEqual([]);
    expect(label('Santiago metro extends line 7').countries).toEqual(['CL']);
    expect(label('Santiago de Cuba repairs its port').countries).toEqual(['CU']);
    expect(label('Santiago de los Caballeros hosts a trade fair').countries).toEqual(['DO']);
  });

  it('Spanish Córdoba, Valencia, Barcelona and Mérida add nothing; their LAC namesakes do', () => {
    expect(label('Córdoba restaura la muralla califal', 'El ayuntamiento andaluz licitó las obras.').countries).toEqual([]);
    expect(label('Córdoba elige intendente', 'La provincia argentina votó el domingo.').countries).toEqual(['AR']);
    expect(label('Valencia amplía el puerto deportivo').countries).toEqual([]);
    expect(label('Apagón en Valencia, estado Carabobo').countries).toEqual(['VE']);
    expect(label('Barcelona aprueba nuevas licencias de pisos turísticos').countries).toEqual([]);
    expect(label('Mérida acoge un congreso de arqueología', 'La capital extremeña recibió a 300 expertos.').countries).toEqual([]);
    expect(label('Mérida, Yucatán, inaugura un museo maya').countries).toEqual(['MX']);
  });

  it('La Paz in Baja California Sur is Mexico, otherwise Bolivia', () => {
    expect(label('Tormenta tropical azota La Paz, Baja California Sur').countries).toEqual(['MX']);
    expect(label('La Paz prepara el desfile de carnaval').countries).toEqual(['BO']);
  });

  it('place names that are also common words add nothing', () => {
    for (const title of [
      'La moneda china se deprecia frente al dólar',
      'El alto el fuego en Gaza se mantiene',
      'Nuevas matanzas en Sudán, denuncia la ONU',
      'Pescadores limpian la bahía de Cádiz',
      'Esmeraldas y rubíes en una subasta de Ginebra',
      'Santa Lucía, patrona de Siracusa, sale en procesión',
    ]) {
      expect(label(title).countries, title).toEqual([]);
    }
  });

  it('Miraflores in Lima is Peru, not the Venezuelan presidency', () => {
    const r = label('Un nuevo parque abre en Miraflores, Lima');
    expect(r.actors).toEqual([]);
    expect(r.countries).toEqual(['PE']);
  });

  it('territories of other states are never listed', () => {
    expect(label('Puerto Rico approves an energy plan').countries).toEqual([]);
    expect(label('Curaçao and Aruba expand tourism').countries).toEqual([]);
  });
});

describe('actor lookalikes', () => {
  it('Russian roulette, Moscow Mule, Russian River are not Russia', () => {
    for (const title of ['Film review: a game of Russian roulette', 'Bars sell more Moscow Mule cocktails', 'Russian River floods vineyards']) {
      expect(label(title).actors, title).toEqual([]);
    }
  });

  it('Brazil nut is not Brazil', () => {
    expect(label('Brazil nut harvest falls in Pando', 'Bolivian collectors blame drought.').countries).toEqual(['BO']);
  });

  it('RT as a retweet and Sputnik the 1957 satellite are not Russian media', () => {
    expect(label('rt if you agree with the referee').actors).toEqual([]);
    expect(label('Exhibit marks the Sputnik 1 launch anniversary').actors).toEqual([]);
  });

  it('Vente Venezuela is an opposition party, not the VE actor; the country may apply', () => {
    const r = label('Vente Venezuela holds its congress in Madrid', 'Party delegates debated a platform for exiles.');
    expect(r.actors).toEqual([]);
    expect(r.relevant).toBe(false);
  });

  it('a CNE or TSJ is Venezuelan only when the item names Venezuela', () => {
    const ec = label('El CNE de Ecuador fija la fecha de la segunda vuelta');
    expect(ec.actors).toEqual([]);
    expect(ec.countries).toEqual(['EC']);
    expect(label('El TSJ boliviano anula la reelección indefinida').actors).toEqual([]);
    const ve = label('El CNE proclama a Maduro');
    expect(ve.actors).toEqual(['VE']);
    expect(ve.relevant).toBe(true);
  });

  it('Wagner the composer is not the Russian mercenary group', () => {
    expect(label('El Teatro Colón estrena una ópera de Wagner').actors).toEqual([]);
    expect(label('Wagner mercenaries spotted in Venezuela').actors).toEqual(['RU']);
  });

  it('the Roman numeral XI is not Xi Jinping; Amancio Ortega is not Nicaragua', () => {
    expect(label('La XI Cumbre de la Alianza del Pacífico se reúne en Lima').actors).toEqual([]);
    expect(label('Amancio Ortega compra un edificio en Miami').countries).toEqual([]);
  });

  it('a Hong Kong private group is not China; a Chinese province is', () => {
    const hk = label('CK Hutchison agrees to sell Panama ports to an investor group', 'The Hong Kong conglomerate keeps a minority stake.');
    expect(hk.actors).toEqual([]);
    expect(hk.relevant).toBe(false);
    const hubei = label('Hubei chemical suppliers shipped fentanyl precursors to Mexico');
    expect(hubei.actors).toEqual(['CN']);
    expect(hubei.relevant).toBe(true);
  });

  it('VRIC actors outside LAC are listed but not relevant', () => {
    const r = label('Hezbollah fires rockets across the Lebanese border');
    expect(r.actors).toEqual(['IR']);
    expect(r.relevant).toBe(false);
    const h = label('Huawei opens a research campus in Shanghai');
    expect(h.actors).toEqual(['CN']);
    expect(h.relevant).toBe(false);
  });
});
