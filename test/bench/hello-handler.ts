import middy from '@middy/core';

/** The cold-start baseline: a minimal middy handler, bundled exactly like the real functions. */
export const handler = middy().handler(async () => ({ statusCode: 200, body: 'hello' }));
