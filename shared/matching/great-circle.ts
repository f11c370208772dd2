/** Mean Earth radius (IUGG), in km. */
const EARTH_RADIUS_KM = 6371.0088;
const RADIANS = Math.PI / 180;

/** Great-circle distance in km between two points given in degrees (haversine). */
export function haversineKm(
  latitudeA: number,
  longitudeA: number,
  latitudeB: number,
  longitudeB: number,
): number {
  const dLatitude = (latitudeB - latitudeA) * RADIANS;
  const dLongitude = (longitudeB - longitudeA) * RADIANS;
  const h =
    Math.sin(dLatitude / 2) ** 2 +
    Math.cos(latitudeA * RADIANS) * Math.cos(latitudeB * RADIANS) * Math.sin(dLongitude / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** No two points whose latitudes differ by more than this many km of meridian can be closer than it. */
export const kmPerDegreeOfLatitude = EARTH_RADIUS_KM * RADIANS;
