import { describe, expect, it } from 'vitest';
import { faviconRoutes } from '../../../shared/web/favicon-route.ts';
import type { RouteRequest } from '../../../shared/web/middleware/route.ts';

describe('the favicon', () => {
  it('is an SVG at /favicon.svg and /favicon.ico, for anyone, cached for a week', async () => {
    const routes = faviconRoutes();
    expect(routes.map((route) => [route.method, route.path, route.access])).toEqual([
      ['GET', '/favicon.svg', 'anyone'],
      ['GET', '/favicon.ico', 'anyone'],
    ]);
    const answer = await (routes[0] as (typeof routes)[number]).handler({} as RouteRequest);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers?.['content-type']).toBe('image/svg+xml');
    expect(String(answer.body)).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(answer.headers?.['cache-control']).toContain('max-age=604800');
  });
});
