import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { DevState } from './dev-state.ts';

/** A client for the running `trellis dev`'s SES stand-in (its inbox page shows what is sent), or null. */
export function localSesClient(dev: DevState | null): SESv2Client | null {
  return dev
    ? new SESv2Client({
        endpoint: dev.sesEndpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      })
    : null;
}
