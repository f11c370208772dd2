/** One item per second of bulk sending (`SENDRATE#bulk` / `S#1767225600`): how many sends it holds. */
export const sendRateSecondKey = (pool: string, epochSecond: number) => ({
  pk: `SENDRATE#${pool}`,
  sk: `S#${epochSecond}`,
});

/** The pool's pause (a daily quota reached): until when nobody sends from it. */
export const sendPauseKey = (pool: string) => ({ pk: `SENDRATE#${pool}`, sk: 'PAUSE' });
