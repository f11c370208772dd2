import type { Logger } from '../log/logger.ts';
import type { SendRateStore } from '../store/send-rate-store.ts';
import { bulkRateWindow } from './bulk-send-rate.ts';
import { DailyQuotaExceededError, type Mailer, MailNotSentError } from './mailer.ts';

/** Not sent now, and not to be retried before `resumeAt`: bulk sending is paused or the rate is taken. */
export class MailDeferredError extends MailNotSentError {
  override readonly name = 'MailDeferredError';
  readonly resumeAt: Date;
  constructor(message: string, resumeAt: Date) {
    super(message);
    this.resumeAt = resumeAt;
  }
}

export interface BulkMailerDependencies {
  readonly mailer: Mailer;
  readonly rate: SendRateStore;
  /** The account's maximum send rate (SES GetAccount, cached). */
  readonly maxSendRate: () => Promise<number>;
  readonly logger: Logger;
  readonly clock?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** How long a used-up daily quota pauses bulk sending before it is tried again (default an hour). */
  readonly quotaPauseMs?: number;
  /** How long one send waits for a free slot before it is deferred (default 20 s). */
  readonly maxWaitMs?: number;
}

/** The pool every bulk sender shares. */
export const bulkPool = 'bulk';
/** Sends taken from the shared counter at once: fewer writes, and no worker hoards a whole second. */
const blockSize = 5;
/** How long a read of the pause is trusted (a pause set by another worker is seen within this). */
const pauseReadMs = 30_000;

/**
 * A mailer for bulk mail: every send takes a slot of the shared rate (at most 70 % of the account's),
 * and a used-up daily quota pauses all bulk senders until it frees up. Deferred sends throw
 * MailDeferredError: nothing went out, the caller hands the message back for later, not to its DLQ.
 */
export function createBulkMailer(deps: BulkMailerDependencies): Mailer {
  const clock = deps.clock ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const quotaPauseMs = deps.quotaPauseMs ?? 60 * 60_000;
  const maxWaitMs = deps.maxWaitMs ?? 20_000;
  let pauseRead: { at: number; until: number } | null = null;
  let held: { window: number; count: number } = { window: -1, count: 0 };

  async function pausedUntil(now: number): Promise<number> {
    if (!pauseRead || now - pauseRead.at > pauseReadMs) {
      const pause = await deps.rate.readPause(bulkPool);
      pauseRead = { at: now, until: pause ? Date.parse(pause.until) : 0 };
    }
    return pauseRead.until > now ? pauseRead.until : 0;
  }

  async function takeSlot(): Promise<void> {
    const { seconds, limit } = bulkRateWindow(await deps.maxSendRate());
    const started = clock();
    for (;;) {
      const now = clock();
      const window = Math.floor(now / 1000 / seconds);
      if (held.window === window && held.count > 0) {
        held.count -= 1;
        return;
      }
      const granted = await deps.rate.take(bulkPool, window, Math.min(blockSize, limit), limit);
      // A grant that comes back after its window has ended would go out in the next one, on top of that
      // window's own limit: it lapses, and the next window is asked instead.
      if (granted > 0 && Math.floor(clock() / 1000 / seconds) !== window) continue;
      if (granted > 0) {
        held = { window, count: granted - 1 };
        return;
      }
      const nextWindowMs = (window + 1) * seconds * 1000;
      if (nextWindowMs - started > maxWaitMs) {
        throw new MailDeferredError('the shared bulk send rate stayed full', new Date(nextWindowMs + 60_000));
      }
      await sleep(nextWindowMs - now + Math.floor(Math.random() * 50));
    }
  }

  return {
    async sendRaw(message) {
      const paused = await pausedUntil(clock());
      if (paused) throw new MailDeferredError('bulk sending is paused (daily quota)', new Date(paused));
      await takeSlot();
      try {
        return await deps.mailer.sendRaw(message);
      } catch (error) {
        if (!(error instanceof DailyQuotaExceededError)) throw error;
        const until = new Date(clock() + quotaPauseMs);
        await deps.rate.pause(bulkPool, until, error.message);
        pauseRead = { at: clock(), until: until.getTime() };
        deps.logger.warn('daily send quota used up: bulk sending paused', { until: until.toISOString() });
        throw new MailDeferredError('the daily send quota is used up', until);
      }
    },
  };
}
