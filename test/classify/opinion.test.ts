// Guide §5: opinion markers. Invented items.
import { describe, expect, it } from 'vitest';
import { label } from './helpers.js';

describe('opinion', () => {
  it.each([
    'Opinion: Mercosur needs a new tariff deal',
    'OPINIÓN | El precio del cobre',
    'Opinião: o Brasil e a Nova Rota da Seda',
    'Op-Ed: Ports, debts and promises',
    'Column | A quiet week in Congress',
    'Columna: la inflación de marzo',
    'Coluna | O futuro do etanol',
    'Editorial: Keep the courts independent',
    'Tribuna: A reforma tributária',
    'Commentary: Europe and the Andes',
    'Punto de vista | Las elecciones en Chile',
    'Ponto de vista: a seca no Nordeste',
    'Cartas: Sobre el transporte público',
    'Letters: On bus lanes',
  ])('title prefix: %s', (title) => {
    expect(label(title).opinion).toBe(true);
  });

  it('a marker word without ":" or "|" is not a prefix', () => {
    expect(label('Opinion polls show a tight race in Peru').opinion).toBe(false);
    expect(label('Editorial staff at a Quito daily go on strike').opinion).toBe(false);
  });

  it('summary opening with "Columna:" or "Opinión:"', () => {
    expect(label('Los puertos del Pacífico', 'Columna: el comercio con Asia exige otra política.').opinion).toBe(true);
    expect(label('A safra de soja', 'Opinião: o campo precisa de crédito.').opinion).toBe(true);
    expect(label('Los puertos del Pacífico', 'La columna de camiones esperó en la frontera.').opinion).toBe(false);
  });

  it('URL path segment, not substring', () => {
    expect(label('Ports and power', '', { url: 'https://example.org/opinion/2026/ports-power' }).opinion).toBe(true);
    expect(label('O porto', '', { url: 'https://jornal.example.br/opiniao/o-porto' }).opinion).toBe(true);
    expect(label('Los puertos', '', { url: 'https://diario.example.mx/columnas/los-puertos' }).opinion).toBe(true);
    expect(label('Runoff poll', '', { url: 'https://example.org/americas/2026/runoff-opinion-poll' }).opinion).toBe(false);
    expect(label('Runoff poll', '', { url: 'https://example.org/opinionated/runoff' }).opinion).toBe(false);
  });

  it('feed category', () => {
    expect(label('Ports and power', '', { categories: ['World', 'Opinion'] }).opinion).toBe(true);
    expect(label('O porto', '', { categories: ['Colunas'] }).opinion).toBe(true);
  });

  it('analysis, explainers and interviews are not opinion by themselves', () => {
    for (const title of ['Analysis: Why copper prices rose', 'Análisis | La deuda de Ecuador', 'Explainer: the canal drought', 'Entrevista: el ministro de Economía']) {
      expect(label(title).opinion, title).toBe(false);
    }
  });
});
