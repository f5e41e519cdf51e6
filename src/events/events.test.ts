import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKiosque, type Kiosque } from '../app.ts';
import { saveSettings } from '../settings/settings.ts';
import { createTestConfig } from '../../test/support/database.ts';
import { EventBus } from './events.ts';

describe('event delivery', () => {
  it('runs the handlers one after another, in the order they were registered', async () => {
    const events = new EventBus();
    const order: string[] = [];
    events.on(async () => {
      order.push('first begins');
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('first ends');
    });
    events.on(() => {
      order.push('second');
    });
    await events.emit({ type: 'settings.changed' });
    expect(order).toEqual(['first begins', 'first ends', 'second']);
  });

  describe('with the settings of a site', () => {
    let kiosque: Kiosque;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      const test = await createTestConfig('sqlite');
      cleanup = test.cleanup;
      kiosque = await openKiosque(test.config);
    });
    afterAll(async () => {
      await kiosque.close();
      await cleanup();
    });

    it('gives a capability built after the settings the new ones when they change', async () => {
      const seen: string[] = [];
      kiosque.events.on((event) => {
        if (event.type === 'settings.changed') seen.push(kiosque.settings.current.title);
      });
      await saveSettings(kiosque.db, kiosque.events, { title: 'Le Kiosque du matin' });
      expect(seen).toEqual(['Le Kiosque du matin']);
    });
  });
});
