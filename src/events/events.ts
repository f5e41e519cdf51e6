import { randomUUID } from 'node:crypto';
import type { Broadcast } from '../db/db.ts';

/**
 * Things that happened, for the capabilities that react to them (page cache now; search index,
 * sitemaps, newsletter and webhooks later). A capability that changes content emits one event
 * after its transaction commits; it never calls the others directly.
 */
export type KiosqueEvent =
  | {
      type: 'content.changed';
      reason: 'post.saved' | 'post.published' | 'post.deleted' | 'post.rendered' | 'taxonomy.changed' | 'import' | 'redirects.changed' | 'unannounced';
      postIds?: number[];
    }
  | { type: 'settings.changed' };

/** A handler may return a promise: the emitter waits for local handlers before going on. */
type Handler = (event: KiosqueEvent) => void | Promise<void>;

const BROADCAST_CHANNEL = 'kiosque_events';

export class EventBus {
  private readonly handlers: Handler[] = [];
  private broadcast: Broadcast | undefined;
  private readonly instanceId = randomUUID();

  on(handler: Handler): void {
    this.handlers.push(handler);
  }

  /**
   * Delivers the event here, and to the other instances sharing the database when there are any.
   * Resolves once the local handlers are done, so what the caller does next sees their effect.
   */
  async emit(event: KiosqueEvent): Promise<void> {
    await this.deliver(event);
    await this.broadcast?.publish(BROADCAST_CHANNEL, JSON.stringify({ from: this.instanceId, event }));
  }

  /**
   * Joins the other instances of one PostgreSQL database (LISTEN/NOTIFY), so a change made
   * through any of them reaches the handlers of all. Messages lost while the channel was down
   * count as an unannounced commit.
   */
  async connect(broadcast: Broadcast | undefined): Promise<void> {
    if (!broadcast) return;
    await broadcast.subscribe(
      BROADCAST_CHANNEL,
      (payload) => {
        const message = parseMessage(payload);
        if (message && message.from !== this.instanceId) void this.receive([message.event]);
      },
      () => this.receiveUnannouncedCommit(),
    );
    this.broadcast = broadcast;
  }

  /**
   * Takes a commit that another process made without a word (a command run beside a server on
   * SQLite, which has no LISTEN/NOTIFY; another instance's while this one's LISTEN connection
   * was down) as a message from another instance. What changed is
   * unknown, so it is a change of the settings, then of all content: every capability that keeps
   * something in memory hears one or the other. Settings first, and done before content empties
   * the page cache again, so that no page rendered with the old settings stays in it.
   */
  receiveUnannouncedCommit(): void {
    void this.receive([{ type: 'settings.changed' }, { type: 'content.changed', reason: 'unannounced' }]);
  }

  /** Delivers what another process did, in order. Nobody awaits it: a failing handler must not crash this process. */
  private async receive(events: readonly KiosqueEvent[]): Promise<void> {
    for (const event of events) {
      await this.deliver(event).catch((error: unknown) => process.emitWarning(`A handler of ${event.type} failed: ${String(error)}`));
    }
  }

  /**
   * One handler after another, in the order they were registered. The settings store registers
   * first (with the Kiosque, before any capability is built) and reloads the settings from the
   * database: every later handler, the page cache's among them, then acts on the new ones. Run
   * together, the page cache emptied at once and a page rendered while the settings were still
   * being read stayed in it with the old ones.
   */
  private async deliver(event: KiosqueEvent): Promise<void> {
    for (const handler of this.handlers) await handler(event);
  }
}

function parseMessage(payload: string): { from: string; event: KiosqueEvent } | undefined {
  try {
    const message = JSON.parse(payload) as { from?: unknown; event?: { type?: unknown } };
    if (typeof message.from !== 'string' || typeof message.event?.type !== 'string') return undefined;
    return message as { from: string; event: KiosqueEvent };
  } catch {
    return undefined;
  }
}
