// The clutter feeds wrap around a teaser and a headline, removed at the edges only: each kind once,
// then the near misses that must stay (the same words inside a sentence, a dash inside a headline).
import { describe, expect, it } from 'vitest';
import { withoutOutletSuffix, withoutTeaserClutter } from '../../src/fetch/teaser-clutter.js';

describe('a teaser without its clutter', () => {
  it.each([
    ['MANAGUA, 5 oct (EFE).- El Ejército recibió dos helicópteros.', 'El Ejército recibió dos helicópteros.'],
    ['Caracas, 12 de octubre (EFE).– La Asamblea aprobó la ley.', 'La Asamblea aprobó la ley.'],
    ['LA HABANA, 3 oct (Prensa Latina) - Cuba y Rusia firmaron un acuerdo.', 'Cuba y Rusia firmaron un acuerdo.'],
    ['Havana, Oct 5 (AP) — The frigate arrived.', 'The frigate arrived.'],
    ['CARACAS (Reuters) - PDVSA agreed to a swap.', 'PDVSA agreed to a swap.'],
    ['BRASÍLIA, 3 OUT (Reuters) - O governo discute compras.', 'O governo discute compras.'],
    ['SÃO PAULO (Reuters) - A BYD inicia a produção.', 'A BYD inicia a produção.'],
    ['(EFE) - El canciller llegó a Pekín.', 'El canciller llegó a Pekín.'],
    ['El acuerdo se firmó ayer. Leer más', 'El acuerdo se firmó ayer.'],
    ['El acuerdo se firmó ayer. Seguir leyendo…', 'El acuerdo se firmó ayer.'],
    ['O acordo foi assinado. Leia mais »', 'O acordo foi assinado.'],
    ['The deal was signed. Continue reading →', 'The deal was signed.'],
    ['The deal was signed [Read more]', 'The deal was signed'],
    ['Three sources said [...]', 'Three sources said'],
    ['Tres fuentes lo confirmaron […]', 'Tres fuentes lo confirmaron'],
    ['Los escáneres llegaron. The post China dona escáneres appeared first on Diálogo Américas.', 'Los escáneres llegaron.'],
    ['Los escáneres llegaron. La entrada China dona escáneres se publicó primero en Diálogo.', 'Los escáneres llegaron.'],
    ['Os scanners chegaram. O post China doa scanners apareceu primeiro em Folha.', 'Os scanners chegaram.'],
    ['Dos fuentes lo dijeron […] The post Una nota appeared first on Un sitio.', 'Dos fuentes lo dijeron'],
  ])('%s', (input, expected) => {
    expect(withoutTeaserClutter(input)).toBe(expected);
  });

  it.each([
    'Los lectores pueden leer más sobre el acuerdo en la web oficial.',
    'Según la agencia (EFE) el ministro llegó a Caracas.',
    'The minister said the post appeared first on a list of priorities.',
    'El texto continúa…',
    'CARACAS (Reuters) -',
    'Maduro (Venezuela) - Putin (Rusia): la reunión se aplazó.',
  ])('keeps %s', (text) => {
    expect(withoutTeaserClutter(text)).toBe(text);
  });
});

describe("a headline without the outlet's name after it", () => {
  const outlet = ['Diálogo Américas', 'Diálogo Américas'];
  it.each([
    ['Nicaragua recibe dos helicópteros rusos | Diálogo', 'Nicaragua recibe dos helicópteros rusos'],
    ['China dona equipos de rayos X a El Salvador - Diálogo Américas', 'China dona equipos de rayos X a El Salvador'],
    ['China dona equipos de rayos X a El Salvador – dialogo-americas', 'China dona equipos de rayos X a El Salvador'],
  ])('%s', (title, expected) => {
    expect(withoutOutletSuffix(title, outlet)).toBe(expected);
  });

  it.each([
    'Rusia - Venezuela: un acuerdo para producir cine - una crónica',
    'Venezuela y Rusia firman un acuerdo | Análisis',
    'Rusia | Venezuela',
  ])('keeps %s', (title) => {
    expect(withoutOutletSuffix(title, outlet)).toBe(title);
  });

  it('takes the first word of a name only when it is a name of its own (four letters at least)', () => {
    expect(withoutOutletSuffix('El chavismo inhabilita a dos gobernadores - El', ['El País América'])).toBe('El chavismo inhabilita a dos gobernadores - El');
    expect(withoutOutletSuffix('El chavismo inhabilita a dos gobernadores | teleSUR', ['teleSUR English'])).toBe('El chavismo inhabilita a dos gobernadores');
  });
});
