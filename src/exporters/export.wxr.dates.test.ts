import { describe, expect, it } from 'vitest';
import type { ExportCategory } from './export.reader.ts';
import { mysqlDate, parentsFirst } from './export.wxr.ts';

describe('WXR dates and category order', () => {
  it('writes dates as WordPress does, in the blog’s zone (summer and winter time) and in UTC', () => {
    expect(mysqlDate('2024-05-14T07:30:00.000Z', 'Europe/Paris')).toBe('2024-05-14 09:30:00');
    expect(mysqlDate('2024-01-14T07:30:00.000Z', 'Europe/Paris')).toBe('2024-01-14 08:30:00');
    expect(mysqlDate('2024-03-31T23:59:59.999Z', 'UTC')).toBe('2024-03-31 23:59:59');
    expect(mysqlDate('2024-12-31T23:30:00.000Z', 'Europe/Paris')).toBe('2025-01-01 00:30:00');
  });

  it('puts every parent category before its children, whatever their ids', () => {
    const category = (id: number, slug: string, parentId: number | null): ExportCategory => ({ id, slug, name: slug, description: '', parentId, path: slug });
    const ordered = parentsFirst([category(1, 'hebergement', 3), category(2, 'cloud', 1), category(3, 'ecommerce', null), category(4, 'seo', null), category(5, 'orphelin', 99), category(6, 'boucle-a', 7), category(7, 'boucle-b', 6)]);
    const slugs = ordered.map((item) => item.slug);
    expect(slugs).toHaveLength(7);
    expect(slugs.indexOf('ecommerce')).toBeLessThan(slugs.indexOf('hebergement'));
    expect(slugs.indexOf('hebergement')).toBeLessThan(slugs.indexOf('cloud'));
    expect(slugs).toEqual(expect.arrayContaining(['orphelin', 'boucle-a', 'boucle-b']));
  });
});
