import { App } from 'aws-cdk-lib';
import { addTrellisStacks } from './stacks/trellis-stacks.ts';

// `npx cdk synth [-c stage=prod] [-c alarmEmail=ops@example.com] [-c logLevel=debug]`; works offline.
addTrellisStacks(new App());
