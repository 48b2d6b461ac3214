// Guide §6: anti-Western rhetoric in the item's own voice. Invented items.
import { describe, expect, it } from 'vitest';
import { label } from './helpers.js';

describe('antiWestern', () => {
  it('own-voice loaded terms are flagged', () => {
    expect(label('Bolivia y Rusia resisten juntas al imperio', 'Los pueblos libres rechazan la hegemonía unipolar de Washington.').antiWestern).toBe(true);
    expect(label('The collective West and its vassals lose grip on the Global South').antiWestern).toBe(true);
    expect(label('Nicaragua denuncia las medidas coercitivas unilaterales del imperio yanqui').antiWestern).toBe(true);
  });

  it('a relayed communiqué denouncing the US with no counterpoint is flagged', () => {
    const r = label(
      'Iranian envoy in Caracas praises resistance to the Great Satan',
      'The ambassador said the illegal sanctions of global arrogance had failed.',
    );
    expect(r.antiWestern).toBe(true);
  });

  it('quoted and attributed rhetoric with the other side given is not flagged', () => {
    const r = label(
      "Cuba's foreign minister calls US embargo a 'genocidal blockade'",
      'Washington says the measures target the government, not the Cuban people.',
    );
    expect(r.antiWestern).toBe(false);
    const distanced = label('Summit statement denounces what it called imperialist aggression', 'Delegates from three countries attended.');
    expect(distanced.antiWestern).toBe(false);
  });

  it('a counterpoint anywhere in the item makes reported rhetoric distanced', () => {
    const r = label('Venezuela blames the blockade of the empire for fuel shortages', 'Critics say years of mismanagement at PDVSA explain the queues.');
    expect(r.antiWestern).toBe(false);
  });

  it('hostility to Russia, China or Iran, and neutral criticism of US policy, are not anti-Western', () => {
    expect(label('Columna | La flota china que depreda el Pacífico').antiWestern).toBe(false);
    expect(label('Mexico criticises new US steel tariffs').antiWestern).toBe(false);
  });

  it('one moderate word is not enough', () => {
    expect(label('Brazil rejects foreign interference in its election').antiWestern).toBe(false);
  });

  it('is independent of relevance', () => {
    const r = label('NATO proxy war dooms Europe to ruin', 'Washington and its vassals keep sending arms to Kyiv.');
    expect(r.antiWestern).toBe(true);
    expect(r.relevant).toBe(false);
  });
});
