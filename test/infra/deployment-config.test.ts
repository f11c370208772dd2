import { RemovalPolicy } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InfraConfigError, readInfraConfig } from '../../infra/config.ts';
import { actionsOf, resourcesOf, statementsOf } from './iam-statements.ts';
import { logicalIdOf, type SynthesizedTrellis, synthTrellis } from './synth-trellis.ts';

const contextOf =
  (values: Record<string, unknown>) =>
  (key: string): unknown =>
    values[key];

describe('readInfraConfig', () => {
  it('defaults to a dev stage with no alarm email, no log level, log groups deleted with the stack, and a placeholder sender', () => {
    expect(readInfraConfig(contextOf({}), {})).toEqual({
      stage: 'dev',
      alarmEmail: null,
      logLevel: null,
      logRemovalPolicy: RemovalPolicy.DESTROY,
      mail: {
        from: 'digest@example.invalid',
        fromIsPlaceholder: true,
        replyTo: null,
        unsubscribeMailto: 'digest@example.invalid',
      },
      publicBaseUrl: null,
      adminEmails: [],
      sesDailyQuota: 50_000,
      account: undefined,
      region: undefined,
    });
  });

  it('keeps log groups of the prod stage and takes account and region from the CDK default environment', () => {
    const config = readInfraConfig(
      contextOf({
        stage: 'prod',
        alarmEmail: ' ops@example.com ',
        logLevel: 'debug',
        mailFrom: 'digest@example.org',
        sesDailyQuota: '200000',
      }),
      {
        CDK_DEFAULT_ACCOUNT: '123456789012',
        CDK_DEFAULT_REGION: 'eu-west-1',
      },
    );
    expect(config).toEqual({
      stage: 'prod',
      alarmEmail: 'ops@example.com',
      logLevel: 'debug',
      logRemovalPolicy: RemovalPolicy.RETAIN,
      mail: {
        from: 'digest@example.org',
        fromIsPlaceholder: false,
        replyTo: null,
        unsubscribeMailto: 'digest@example.org',
      },
      publicBaseUrl: null,
      adminEmails: [],
      sesDailyQuota: 200_000,
      account: '123456789012',
      region: 'eu-west-1',
    });
  });

  it('refuses to go without mailFrom once AWS credentials are present, saying what to pass', () => {
    const read = () => readInfraConfig(contextOf({ stage: 'prod' }), { CDK_DEFAULT_ACCOUNT: '123456789012' });
    expect(read).toThrow(InfraConfigError);
    expect(read).toThrow(
      'invalid CDK context: mailFrom: required when AWS credentials are present (deploy): pass ' +
        '-c mailFrom=<address on a domain verified in SES in the deployment region>; only an offline synth falls ' +
        'back to the placeholder digest@example.invalid',
    );
  });

  it('sends mailto unsubscribes to the reply-to address unless unsubscribeMailto names another', () => {
    const mailOf = (values: Record<string, unknown>) => readInfraConfig(contextOf(values), {}).mail;
    expect(mailOf({ mailFrom: 'digest@example.org', mailReplyTo: 'team@example.org' })).toEqual({
      from: 'digest@example.org',
      fromIsPlaceholder: false,
      replyTo: 'team@example.org',
      unsubscribeMailto: 'team@example.org',
    });
    expect(
      mailOf({
        mailFrom: 'digest@example.org',
        mailReplyTo: 'team@example.org',
        unsubscribeMailto: 'stop@example.org',
      }).unsubscribeMailto,
    ).toBe('stop@example.org');
  });

  it('takes adminEmails as a comma-separated list (or an array), lower-cased, without blanks or repeats', () => {
    const adminsOf = (adminEmails: unknown) => readInfraConfig(contextOf({ adminEmails }), {}).adminEmails;
    expect(adminsOf(' Ana@Example.org, ravi@example.org,,ana@example.org ')).toEqual([
      'ana@example.org',
      'ravi@example.org',
    ]);
    expect(adminsOf(['maya@example.org'])).toEqual(['maya@example.org']);
    expect(adminsOf('')).toEqual([]);
  });

  it('refuses an adminEmails entry that is not an address, naming it', () => {
    expect(() => readInfraConfig(contextOf({ adminEmails: 'ana@example.org, ravi' }), {})).toThrow(
      "invalid CDK context: adminEmails.1: adminEmails must be email addresses separated by commas; 'ravi' is not one",
    );
  });

  it('takes an https publicBaseUrl on a domain and drops its trailing slashes', () => {
    const baseUrlOf = (publicBaseUrl: string) =>
      readInfraConfig(contextOf({ publicBaseUrl }), {}).publicBaseUrl;
    expect(baseUrlOf('https://trellis.example.org/')).toBe('https://trellis.example.org');
    expect(baseUrlOf('https://example.org/trellis//')).toBe('https://example.org/trellis');
    expect(baseUrlOf('')).toBeNull();
  });

  it('refuses a publicBaseUrl that is plain http, on an IP address, or carries a query', () => {
    for (const publicBaseUrl of [
      'http://trellis.example.org',
      'https://192.0.2.1',
      'https://example.org/?a=1',
    ]) {
      expect(() => readInfraConfig(contextOf({ publicBaseUrl }), {}), publicBaseUrl).toThrow(
        /^invalid CDK context: publicBaseUrl: publicBaseUrl must/,
      );
    }
  });

  it('treats empty `-c stage=` and `-c alarmEmail=` as not given', () => {
    const config = readInfraConfig(contextOf({ stage: '', alarmEmail: '' }), {});
    expect([config.stage, config.alarmEmail]).toEqual(['dev', null]);
  });

  it('names every invalid value in one error', () => {
    const read = () =>
      readInfraConfig(
        contextOf({
          stage: 'Prod!',
          alarmEmail: 'ops',
          logLevel: 'loud',
          mailFrom: 'digest',
          mailReplyTo: 'x@',
        }),
        {},
      );
    expect(read).toThrow(InfraConfigError);
    expect(read).toThrow(
      'invalid CDK context: stage: stage must be 1-20 lowercase letters, digits or dashes, starting with a letter; ' +
        'alarmEmail: alarmEmail must be an email address; logLevel: logLevel must be debug, info, warn or error; ' +
        'mailFrom: mailFrom must be an email address; mailReplyTo: mailReplyTo must be an email address',
    );
  });
});

describe('a prod deployment with an alarm email, a log level, a sender and a public domain', () => {
  let trellis: SynthesizedTrellis;
  beforeAll(() => {
    trellis = synthTrellis({
      stage: 'prod',
      alarmEmail: 'ops@example.com',
      logLevel: 'warn',
      mailFrom: 'Digest@Mail.Example.org',
      mailReplyTo: 'team@example.org',
      publicBaseUrl: 'https://trellis.example.org/',
    });
  });
  afterAll(() => trellis?.dispose());

  it('names the stacks after the stage and tags them', () => {
    const { data, service } = trellis.stacks;
    expect([data.stackName, service.stackName]).toEqual(['trellis-prod-data', 'trellis-prod-service']);
    expect(data.tags.tagValues()).toEqual({ app: 'trellis', stage: 'prod' });
    expect(service.tags.tagValues()).toEqual({ app: 'trellis', stage: 'prod' });
  });

  it('emails alarms to the given address, the one email subscription', () => {
    const subscriptions = Object.values(trellis.service.findResources('AWS::SNS::Subscription')).map(
      (subscription) => subscription.Properties,
    );
    expect(subscriptions.filter((subscription) => subscription.Protocol === 'email')).toEqual([
      {
        Protocol: 'email',
        Endpoint: 'ops@example.com',
        TopicArn: { Ref: logicalIdOf(trellis.stacks.service.alarms.topic) },
      },
    ]);
  });

  it('retains every function log group and the API access logs when the service stack is deleted', () => {
    const logGroups = Object.values(trellis.service.findResources('AWS::Logs::LogGroup'));
    expect(logGroups).toHaveLength(11);
    for (const logGroup of logGroups) {
      expect([logGroup.DeletionPolicy, logGroup.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    }
  });

  it('sets LOG_LEVEL on every function', () => {
    const functions = Object.values(trellis.service.findResources('AWS::Lambda::Function'));
    expect(functions.map((fn) => fn.Properties.Environment.Variables.LOG_LEVEL)).toEqual(
      Array(10).fill('warn'),
    );
  });

  it('sends digests as the given sender with its reply-to, Message-IDs on its domain and links on the public domain', () => {
    const { digests, mail } = trellis.stacks.service;
    const variables =
      trellis.service.findResources('AWS::Lambda::Function')[logicalIdOf(digests.send)]?.Properties
        .Environment.Variables;
    expect(variables).toMatchObject({
      MAIL_FROM: 'Digest@Mail.Example.org',
      MAIL_REPLY_TO: 'team@example.org',
      SES_CONFIGURATION_SET: { Ref: logicalIdOf(mail.configurationSet) },
      MESSAGE_ID_DOMAIN: 'mail.example.org',
      UNSUBSCRIBE_MAILTO: 'team@example.org',
      PUBLIC_BASE_URL: 'https://trellis.example.org',
    });
  });

  it('lets digest-send, api, invite-send and reminder-send send as the identity of the sender domain only', () => {
    const { digests, web, calendar, reminders } = trellis.stacks.service;
    for (const fn of [digests.send, web.api, calendar.inviteSend, reminders.send]) {
      if (fn.role === undefined) throw new Error(`${fn.node.path} has no role`);
      const sending = statementsOf(trellis.service, logicalIdOf(fn.role)).filter((statement) =>
        actionsOf(statement).some((action) => action.startsWith('ses:')),
      );
      expect(JSON.stringify(sending.flatMap(resourcesOf)).match(/:identity\/[^"]*/g), fn.node.path).toEqual([
        ':identity/mail.example.org',
      ]);
    }
  });

  it('sends invitations, from invite-send and api, as the given sender with its reply-to and Message-IDs on its domain', () => {
    const { calendar, web, mail } = trellis.stacks.service;
    const functions = trellis.service.findResources('AWS::Lambda::Function');
    for (const fn of [calendar.inviteSend, web.api]) {
      expect(functions[logicalIdOf(fn)]?.Properties.Environment.Variables, fn.node.path).toMatchObject({
        MAIL_FROM: 'Digest@Mail.Example.org',
        MAIL_REPLY_TO: 'team@example.org',
        SES_CONFIGURATION_SET: { Ref: logicalIdOf(mail.configurationSet) },
        MESSAGE_ID_DOMAIN: 'mail.example.org',
      });
    }
  });

  it('sends reminders as the given sender with its reply-to, Message-IDs on its domain and links on the public domain', () => {
    const { reminders, mail } = trellis.stacks.service;
    const variables =
      trellis.service.findResources('AWS::Lambda::Function')[logicalIdOf(reminders.send)]?.Properties
        .Environment.Variables;
    expect(variables).toMatchObject({
      MAIL_FROM: 'Digest@Mail.Example.org',
      MAIL_REPLY_TO: 'team@example.org',
      SES_CONFIGURATION_SET: { Ref: logicalIdOf(mail.configurationSet) },
      MESSAGE_ID_DOMAIN: 'mail.example.org',
      PUBLIC_BASE_URL: 'https://trellis.example.org',
      LOG_LEVEL: 'warn',
    });
  });

  it('warns about no placeholder sender', () => {
    expect(
      trellis.warningsOf(trellis.stacks.service).filter((warning) => /mailFrom/.test(warning.text)),
    ).toEqual([]);
  });

  it('still passes the AwsSolutions checks', () => {
    for (const stack of [trellis.stacks.data, trellis.stacks.service]) {
      expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
    }
  });
});
