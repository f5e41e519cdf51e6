import { describe, expect, it } from 'vitest';
import { englishTypography, frenchTypography } from './typography.ts';

const NBSP = '\u00A0';
const THIN = '\u202F';

describe('frenchTypography', () => {
  it.each([
    ['Création d’emplois : Ecommerce ou Retail ?', `Création d’emplois${NBSP}: Ecommerce ou Retail${THIN}?`],
    ['Attention : ceci', `Attention${NBSP}: ceci`],
    ['Résultat :', `Résultat${NBSP}:`],
    ['Vraiment ? Oui !', `Vraiment${THIN}? Oui${THIN}!`],
    ['Vraiment?! Non', `Vraiment${THIN}?! Non`],
    ['Quoi ?!', `Quoi${THIN}?!`],
    ['un ; deux', `un${THIN}; deux`],
    ['un; deux', `un${THIN}; deux`],
    ['Bravo!', `Bravo${THIN}!`],
    ['Pourquoi?', `Pourquoi${THIN}?`],
    ['(vraiment !)', `(vraiment${THIN}!)`],
    ['« Bonjour »', `«${NBSP}Bonjour${NBSP}»`],
    ['«Bonjour»', `«${NBSP}Bonjour${NBSP}»`],
    ['«Bonjour ?»', `«${NBSP}Bonjour${THIN}?${NBSP}»`],
    ["l'homme d'affaires aujourd'hui", 'l’homme d’affaires aujourd’hui'],
    ['45 000 visiteurs', `45${THIN}000 visiteurs`],
    ['1 650 000 commandes', `1${THIN}650${THIN}000 commandes`],
    ['1 650', `1${THIN}650`],
    ['3 €', `3${NBSP}€`],
    ['45 000 €', `45${THIN}000${NBSP}€`],
    ['+ 42 %', `+${NBSP}42${NBSP}%`],
    ['– 6 %', `–${NBSP}6${NBSP}%`],
    ['une hausse de 12 % en un an', `une hausse de 12${NBSP}% en un an`],
    ['4,65 €', `4,65${NBSP}€`],
    ['(– 6 %)', `(–${NBSP}6${NBSP}%)`],
    ['Déjà!', `Déjà${THIN}!`],
    ['Enfin𝐀!', `Enfin𝐀${THIN}!`],
  ])('%j', (input, expected) => {
    expect(frenchTypography(input)).toBe(expected);
  });

  it.each([
    ['10:30'],
    ['Rendez-vous à 10:30 précises.'],
    ['https://x.y/?a=b'],
    ['Voir https://example.com/page?id=3&b=c pour le détail'],
    ['Lire www.example.fr/a?b=c:d'],
    ['C++'],
    ['Super ;-)'],
    ['Super ;)'],
    ['Super :-)'],
    ['Super :)'],
    ['page.php?id=3'],
    ['en 2024 100 visiteurs'],
    ['3,14'],
    ["'citation'"],
    ['a- 3'],
    ['Rien à changer ici'],
    [''],
  ])('leaves %j alone', (input) => {
    expect(frenchTypography(input)).toBe(input);
  });

  it('keeps web addresses intact while fixing the prose around them', () => {
    expect(frenchTypography('Source : https://x.y/?a=b ! Fin')).toBe(`Source${NBSP}: https://x.y/?a=b${THIN}! Fin`);
  });

  it('fixes the prose between and after several web addresses', () => {
    expect(frenchTypography('Voir www.a.fr et http://b.fr/?x ; fin !')).toBe(`Voir www.a.fr et http://b.fr/?x${THIN}; fin${THIN}!`);
  });

  it('does not touch existing non-breaking spaces the writer typed', () => {
    const typed = `Titre${NBSP}: «${NBSP}mot${NBSP}» 45${THIN}000${NBSP}€`;
    expect(frenchTypography(typed)).toBe(typed);
  });

  it.each([
    'Création d’emplois : Ecommerce ou Retail ? « Oui » ; 45 000 € et + 42 % !',
    "l'ami; bravo!",
    '«Bonjour ?»',
    '1 650 000 €',
  ])('is idempotent on %j', (input) => {
    const once = frenchTypography(input);
    expect(frenchTypography(once)).toBe(once);
  });
});

describe('englishTypography', () => {
  it('curls apostrophes between letters', () => {
    expect(englishTypography("It's the shop's best week")).toBe('It’s the shop’s best week');
  });

  it('leaves spacing as typed', () => {
    expect(englishTypography('Ready? Yes: 45 000 € !')).toBe('Ready? Yes: 45 000 € !');
  });
});
