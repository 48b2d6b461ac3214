// Synthetic but realistic feed content for the benchmark: varied Spanish, Portuguese and English
// headlines mixing VRIC actors, LAC places and themes, so classification and clustering do real work.

const ACTORS = [
  ['Rusia', 'Russia', 'Rússia', 'Moscú', 'el Kremlin', 'Rosatom', 'Lavrov'],
  ['China', 'Pekín', 'Beijing', 'Huawei', 'COSCO', 'Xi Jinping', 'Sinopec'],
  ['Irán', 'Iran', 'Teherán', 'Hezbollah', 'la Guardia Revolucionaria', 'HispanTV'],
  ['Venezuela', 'Maduro', 'PDVSA', 'Caracas', 'el CNE', 'la FANB', 'el ALBA'],
];
const PLACES = [
  'Argentina', 'Bolivia', 'Brasil', 'Chile', 'Colombia', 'Cuba', 'Ecuador', 'El Salvador', 'Guyana',
  'Honduras', 'México', 'Nicaragua', 'Panamá', 'Paraguay', 'Perú', 'Uruguay', 'La Habana', 'Managua',
  'La Paz', 'Buenos Aires', 'Lima', 'Bogotá', 'Quito', 'Georgetown', 'Santiago', 'São Paulo',
];
const ACTIONS = [
  'firma un acuerdo de cooperación nuclear con', 'envía buques de guerra a', 'financia un puerto en',
  'entrega vacunas a', 'abre un centro cultural en', 'amplía el swap de monedas con',
  'despliega satélites sobre', 'vende drones a', 'negocia petróleo con', 'inaugura una línea de metro en',
  'forma a policías de', 'expulsa a diplomáticos de', 'suministra gasolina a', 'invierte en litio de',
];
const FILLER = [
  'según fuentes oficiales', 'en medio de tensiones regionales', 'tras meses de negociaciones',
  'pese a las sanciones', 'con críticas de la oposición', 'en una ceremonia en la capital',
  'a cambio de concesiones mineras', 'por primera vez en una década',
];
const OTHER = [
  'Lluvias dejan inundaciones en el sur de', 'El banco central sube los tipos en', 'Elecciones municipales en',
  'Récord de turistas en', 'Huelga de transporte paraliza', 'Nuevo estadio abre sus puertas en',
];

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same content. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (r, list) => list[Math.floor(r() * list.length)];

/** One item's text: about a third relevant-looking, the rest other regional news. */
export function headline(r, n) {
  if (r() < 0.35) {
    const actor = pick(r, pick(r, ACTORS));
    return { title: `${actor} ${pick(r, ACTIONS)} ${pick(r, PLACES)} (${n})`, summary: `${actor} ${pick(r, FILLER)}; ${pick(r, FILLER)} en ${pick(r, PLACES)}.` };
  }
  return { title: `${pick(r, OTHER)} ${pick(r, PLACES)} (${n})`, summary: `Informe ${n} ${pick(r, FILLER)}.` };
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** An RSS 2.0 document with `count` items for feed number `feed`, dated inside `month` (YYYY-MM). */
export function rssFeed(feed, count, month, host) {
  const r = rng(feed * 7919 + 1);
  const [y, m] = month.split('-').map(Number);
  let items = '';
  for (let i = 0; i < count; i++) {
    const { title, summary } = headline(r, `${feed}-${i}`);
    const day = 1 + Math.floor(r() * 28);
    const date = new Date(Date.UTC(y, m - 1, day, Math.floor(r() * 24), Math.floor(r() * 60))).toUTCString();
    items += `<item><title>${esc(title)}</title><link>https://${host}/noticias/${feed}/${i}?utm_source=rss</link>` +
      `<guid isPermaLink="false">f${feed}-i${i}</guid><pubDate>${date}</pubDate>` +
      `<description>${esc(`<p>${summary}</p>`)}</description><category>Mundo</category></item>\n`;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Bench feed ${feed}</title>` +
    `<link>https://${host}/</link><description>synthetic</description><language>es</language>\n${items}</channel></rss>\n`;
}
