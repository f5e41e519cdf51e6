import { describe, expect, it } from 'vitest';
import { emptyDraft, fieldsOf } from './draft.ts';

describe('the fields the editor sends', () => {
  it('sends a removed featured image as null, so that the API takes it off the post', () => {
    expect(fieldsOf({ ...emptyDraft('post'), image: null }).image).toBeNull();
    const image = { url: '/media/2025/06/vitrine.jpg', alt: 'Une vitrine', caption: null };
    expect(fieldsOf({ ...emptyDraft('post'), image }).image).toEqual(image);
  });

  it('sends a slug only when the writer typed one: otherwise the server lets a draft’s follow its title', () => {
    expect(fieldsOf({ ...emptyDraft('post'), title: 'La monétique', slug: 'article' })).not.toHaveProperty('slug');
    expect(fieldsOf({ ...emptyDraft('post'), slug: 'monetique', slugByHand: true }).slug).toBe('monetique');
  });
});
