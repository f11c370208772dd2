import { route } from './middleware/route.ts';

/** A trellis: four crossing laths on the accent colour, legible at 16 px, in light and dark tabs. */
const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1d4ed8"/><path d="M8 6v20M16 6v20M24 6v20M5 12h22M5 20h22" stroke="#fff" stroke-width="3" stroke-linecap="round"/></svg>`;

/** `GET /favicon.svg` (the pages link it) and `/favicon.ico` (what browsers ask for on their own). */
export function faviconRoutes() {
  const answer = async () => ({
    statusCode: 200,
    headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=604800, immutable' },
    body: FAVICON_SVG,
  });
  return [
    ...route({ method: 'GET', path: '/favicon.svg', access: 'anyone', handler: answer }),
    ...route({ method: 'GET', path: '/favicon.ico', access: 'anyone', handler: answer }),
  ];
}
