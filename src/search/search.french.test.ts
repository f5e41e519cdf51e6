import { describe, expect, it } from 'vitest';
import { compoundsOf, foldAccents, isStopWord, queryWord, searchWords, stemmedText, stemWord } from './search.french.ts';
import { MAX_QUERY_LENGTH, parseQuery } from './search.query.ts';
import { frenchTypography } from '../lib/typography.ts';
import { snippetHtml, snippetOf, typesetSnippet } from './search.snippet.ts';

describe('French words for search', () => {
  it('drops elisions and reads a compound as its parts, then joined', () => {
    expect(searchWords('L’hébergeur d’e-commerce qu’il aime')).toEqual(['hébergeur', 'e', 'commerce', 'ecommerce', 'il', 'aime']);
    expect(searchWords("l'Île-de-France, aujourd’hui")).toEqual(['île', 'de', 'france', 'îledefrance', 'aujourd', 'hui', 'aujourdhui']);
    expect(searchWords('12,5 % en 2025 : H264')).toEqual(['12', '5', 'en', '2025', 'h264']);
  });

  it('finds the words a Unicode regular expression of letters and numbers finds, in any script', () => {
    // The reference: what compoundsOf reads by hand, written as the pattern it stands for.
    const pattern = /[\p{L}\p{N}]+(?:[-‐‑'’ʼ][\p{L}\p{N}]+)*/gu;
    // Joiners, letters with and without accents, a modifier letter, digits of other scripts, a
    // letter outside the Basic Multilingual Plane, an emoji and lone surrogates.
    const units = ['a', 'É', 'é', '1', '-', '‐', '‑', "'", '’', 'ʼ', ' ', '.', '𝐀', '😀', '\uD835', '\uDC00', 'ß', 'İ', '٣', '中', '«', '\u00a0', 'œ'];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      for (let length = Math.floor(next() * 12); length > 0; length--) text += units[Math.floor(next() * units.length)];
      expect(compoundsOf(text), JSON.stringify(text)).toEqual(Array.from(text.matchAll(pattern), (match) => match[0]));
    }
    expect(searchWords('L’𝐀-b c😀d 𝐀𝐁')).toEqual(['𝐀', 'b', '𝐀b', 'c', 'd', '𝐀𝐁']);
  });

  it('asks for one word per compound in a query: the joined one', () => {
    expect(queryWord('e-commerce')).toBe('ecommerce');
    expect(queryWord('E-Commerce')).toBe('ecommerce');
    expect(queryWord('l’hébergeur')).toBe('hébergeur');
    expect(queryWord('…')).toBeUndefined();
  });

  it('folds accents and ligatures', () => {
    expect(foldAccents('Œuvre ÉTÉ Noël')).toBe('oeuvre ete noel');
  });

  it.each([
    [['commandes', 'commandé', 'commandées', 'commander', 'commandent', 'commande'], 'command'],
    [['hébergeur', 'hébergeurs', 'hebergeur', 'HÉBERGEUSE'], 'hebergeu'],
    [['marché', 'marchés', 'marche'], 'march'],
    [['journal', 'journaux'], 'journal'],
    [['actif', 'active', 'actifs', 'actives'], 'activ'],
    [['anglais', 'anglaise', 'anglaises'], 'anglai'],
    [['bonne', 'bon', 'bons'], 'bon'],
    [['naturel', 'naturelle', 'naturelles'], 'naturel'],
    [['européen', 'européenne', 'européens'], 'europeen'],
    [['commerçant', 'commerçants', 'commerce'], 'commerc'],
    [['livraison', 'livraisons'], 'livraison'],
  ])('stems %j to "%s"', (words, stem) => {
    for (const word of words) expect(stemWord(word), word).toBe(stem);
  });

  it('keeps short words, numbers and stop words whole', () => {
    expect(stemWord('mais')).toBe('mais');
    expect(stemWord('mai')).toBe('mai');
    expect(stemWord('prix')).toBe('pri');
    expect(stemWord('client')).toBe('client');
    expect(stemWord('parents')).toBe('parent');
    expect(stemWord('2025')).toBe('2025');
    expect(stemWord('mer')).toBe('mer');
  });

  it('knows PostgreSQL’s French stop words, accents folded', () => {
    expect(['le', 'la', 'des', 'été', 'ete', 'à'].every(isStopWord)).toBe(true);
    expect(isStopWord('hébergeur')).toBe(false);
  });

  it('indexes stemmed words separated by spaces', () => {
    expect(stemmedText('Les commandes d’e-commerce')).toBe('les command e commerc ecommerc');
  });
});

describe('reading a reader’s query', () => {
  it('keeps phrases in quotes, drops stop words and repeats, ignores engine syntax', () => {
    const { parts } = parseQuery('« livraison en point relais » les commandes commandé NEAR(x) -e-commerce* title:prix');
    expect(parts).toEqual([
      { kind: 'phrase', words: ['livraison', 'en', 'point', 'relais'] },
      { kind: 'word', word: 'commandes' },
      { kind: 'word', word: 'near' },
      { kind: 'word', word: 'x' },
      { kind: 'word', word: 'ecommerce' },
      { kind: 'word', word: 'title' },
      { kind: 'word', word: 'prix' },
    ]);
  });

  it('asks for nothing when only stop words or punctuation are left', () => {
    expect(parseQuery('le la "" () *').parts).toEqual([]);
  });

  it('drops the end of a word that the maximum length cut, not the words before it', () => {
    const long = Array.from({ length: 30 }, () => 'incendie').join(' ');
    expect(long.length).toBeGreaterThan(MAX_QUERY_LENGTH);
    expect(parseQuery(long).parts).toEqual([{ kind: 'word', word: 'incendie' }]);
    // Cut right after a whole word, that word stays.
    const filler = 'mot '.repeat(Math.ceil(MAX_QUERY_LENGTH / 4)).slice(0, MAX_QUERY_LENGTH - 'sauvegarde'.length - 1).padEnd(MAX_QUERY_LENGTH - 'sauvegarde'.length, ' ');
    expect((filler + 'sauvegarde').length).toBe(MAX_QUERY_LENGTH);
    expect(parseQuery(`${filler}sauvegarde strasbourg`).parts).toEqual([{ kind: 'word', word: 'mot' }, { kind: 'word', word: 'sauvegarde' }]);
  });

  it('caps the words and phrases of a pasted text', () => {
    const { parts } = parseQuery(Array.from({ length: 50 }, (_, i) => `mot${i}`).join(' '));
    expect(parts).toHaveLength(10);
  });
});

describe('snippets', () => {
  const text =
    'Le feu a pris dans la nuit du 9 au 10 mars. ' +
    'Des milliers de sites sont restés hors ligne pendant des jours, et certains clients ont tout perdu. ' +
    'L’hébergeur OVHcloud conseille désormais de garder une sauvegarde hors de Strasbourg, chez un autre hébergeur.';

  it('shows the passage around the words found, as written, with the words marked', () => {
    const parts = snippetOf(text, parseQuery('hebergeurs sauvegarde').stems, 160);
    expect(parts.filter((part) => part.marked).map((part) => part.text)).toEqual(['L’hébergeur', 'sauvegarde', 'hébergeur']);
    expect(parts[0]).toEqual({ text: '… ', marked: false });
    expect(parts.map((part) => part.text).join('')).not.toContain('Le feu');
  });

  it('starts at the beginning when no word is found, and escapes the text in HTML', () => {
    const html = snippetHtml(snippetOf('Un <script> & des "guillemets" pour Strasbourg', parseQuery('strasbourg').stems));
    expect(html).toBe('Un &lt;script&gt; &amp; des &quot;guillemets&quot; pour <mark>Strasbourg</mark>');
    expect(snippetOf('Rien à voir.', parseQuery('hebergeur').stems)).toEqual([{ text: 'Rien à voir.', marked: false }]);
  });

  it('sets the passage in French typography, the marked words still marked and no space taken into a mark', () => {
    const typed = "Voici une question ? Et une exclamation! « Citation ». L'hébergeur ; le prix : 1 650 000 €.";
    const parts = typesetSnippet(snippetOf(typed, parseQuery('question exclamation hebergeur citation').stems), frenchTypography);
    expect(parts.map((part) => part.text).join('')).toBe(frenchTypography(typed));
    expect(snippetHtml(parts)).toBe(
      'Voici une <mark>question</mark>\u202F? Et une <mark>exclamation</mark>\u202F! «\u00A0<mark>Citation</mark>\u00A0». <mark>L’hébergeur</mark>\u202F; le prix\u00A0: 1\u202F650\u202F000\u00A0€.',
    );
  });
});
