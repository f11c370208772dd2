/** One send-ledger item per user, kind and period (`LEDGER#digest#2026-W48`), under the user's partition. */
export const ledgerKey = (userId: string, kind: string, period: string) => ({
  pk: `USER#${userId}`,
  sk: `LEDGER#${kind}#${period}`,
});
