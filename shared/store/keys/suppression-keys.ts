/** An address that bounced hard or complained: never mailed again. */
export const suppressionKey = (email: string) => ({ pk: `SUPPRESS#${email}`, sk: 'SUPPRESS' });
