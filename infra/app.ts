import { App } from 'aws-cdk-lib';
import { addTrellisStacks } from './stacks/trellis-stacks.ts';

// `npx cdk synth [-c stage=prod] [-c alarmEmail=ops@example.com] [-c logLevel=debug]
//   [-c mailFrom=digest@example.org] [-c mailReplyTo=…] [-c unsubscribeMailto=…] [-c publicBaseUrl=https://…]
//   [-c adminEmails=a@example.org,b@example.org]`
// works offline; a deploy needs mailFrom, an address on a domain verified in SES (infra/config.ts).
addTrellisStacks(new App());
