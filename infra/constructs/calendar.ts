import { Duration } from 'aws-cdk-lib';
import { HttpMethod, type HttpRoute, HttpRouteKey } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { AlarmTopic } from './alarm-topic.ts';
import { bindTable } from './bindings.ts';
import { type FunctionDefaults, FunctionWithLogGroup } from './function-with-log-group.ts';
import type { Mail } from './mail.ts';
import type { Web } from './web.ts';
import { WorkQueue } from './work-queue.ts';

export interface CalendarProps {
  readonly table: ITable;
  /** The HTTP API the feed's routes are added to. */
  readonly web: Web;
  /** Invitation updates go out through its sender identity and configuration set. */
  readonly mail: Mail;
  readonly alarms: AlarmTopic;
  readonly functionDefaults: FunctionDefaults;
}

/** The feed path: `/cal/<token>.ics`, the whole last segment being the token parameter. */
const feedPath = '/cal/{token}';

/** Public feeds per topic: `/cal/topics/<topic id>.ics`. */
const topicFeedPath = '/cal/topics/{topic}';

const whyTopicFeedIsPublic =
  'A topic feed lists public events of one topic for anyone, with no personal data; it is rendered from memory ' +
  'without a table read per request, and the stage throttles it like every route.';

const whyFeedIsPublic =
  'Calendar apps subscribe to a URL and cannot sign in, so the path carries the credential: a 256-bit HMAC token ' +
  'per user, unguessable without the link secret, looked up by its SHA-256 hash (unknown or rotated tokens get ' +
  'the same 404) and rotatable by its owner; the stage throttles it like every route.';

/**
 * How many invite-send invocations may run at once. Invitations share the account's SES send rate with the
 * digests, so the queue drives the fewest consumers SQS allows (as for digest-send: the event source's maximum
 * concurrency, not reserved concurrency, so surplus polls wait instead of failing into the dead-letter queue).
 */
const maxConcurrentInviteSenders = 2;

/**
 * The calendar capability. `calendar-feed` serves each reader's secret subscribable iCalendar feed (`GET` and
 * `HEAD /cal/<token>.ics`, ETag/304), caching the rendered feed on the reader's calendar item. Invitations: the
 * first one goes out inline from `api` when a reader adds an event (granted in `Web`); when a saved event changes
 * or is cancelled at its source, `ingest-feed` queues its id on `invites` and `invite-send` mails each attendee
 * the update or cancellation, once per sequence through the send ledger.
 */
export class Calendar extends Construct {
  readonly feed: FunctionWithLogGroup;
  readonly feedRoutes: readonly HttpRoute[];
  readonly inviteSend: FunctionWithLogGroup;
  readonly invites: WorkQueue;

  constructor(scope: Construct, id: string, props: CalendarProps) {
    super(scope, id);
    const { table, web, mail, alarms, functionDefaults } = props;

    this.feed = new FunctionWithLogGroup(this, 'Feed', {
      ...functionDefaults,
      name: 'calendar-feed',
      description: "Serves each reader's secret iCalendar feed (GET/HEAD /cal/<token>.ics, ETag/304)",
      // A cold container loads and indexes the feed window (8 weeks of events) before rendering; memory also buys
      // the CPU for that and for gzip.
      memorySize: 512,
      // Under the HTTP API's 30 s integration limit, so a slow render ends as an alarmed Lambda timeout.
      timeout: Duration.seconds(15),
    });
    // Its one write is UpdateItem of the rendered feed onto the reader's calendar item. It needs no secret:
    // tokens are looked up by their hash, never derived here.
    bindTable({ fn: this.feed, table, accessMode: 'readUpdate' });
    this.feedRoutes = [
      { routeId: 'CalendarFeedGet', path: feedPath, method: HttpMethod.GET, why: whyFeedIsPublic },
      { routeId: 'CalendarFeedHead', path: feedPath, method: HttpMethod.HEAD, why: whyFeedIsPublic },
      { routeId: 'TopicFeedGet', path: topicFeedPath, method: HttpMethod.GET, why: whyTopicFeedIsPublic },
      { routeId: 'TopicFeedHead', path: topicFeedPath, method: HttpMethod.HEAD, why: whyTopicFeedIsPublic },
    ].map(({ routeId, path, method, why }) =>
      web.addPublicRoute(routeId, {
        routeKey: HttpRouteKey.with(path, method),
        fn: this.feed,
        whyPublic: why,
      }),
    );

    this.inviteSend = new FunctionWithLogGroup(this, 'InviteSend', {
      ...functionDefaults,
      name: 'invite-send',
      description: 'Mails invitation updates and cancellations to the attendees of saved events that changed',
      memorySize: 256,
      // One message is one changed event, sent to each of its attendees in turn; a batch cut short by the timeout
      // is retried and sends only what the ledger does not hold yet.
      timeout: Duration.seconds(120),
    });
    // Reads events, profiles and saves; writes the send ledger and the saved items' invitation state.
    bindTable({ fn: this.inviteSend, table, accessMode: 'readWrite' });
    mail.grantSend(this.inviteSend);
    this.inviteSend.addEnvironment('MESSAGE_ID_DOMAIN', mail.fromDomain);

    this.invites = new WorkQueue(this, 'Invites', {
      consumer: this.inviteSend,
      // One message per changed event; changes arrive in bursts as a source is ingested.
      batchSize: 10,
      maxBatchingWindow: Duration.seconds(5),
      maxConcurrency: maxConcurrentInviteSenders,
      alarms,
    });

    alarms.watchErrors(this.feed);
    alarms.watchErrors(this.inviteSend);
  }
}
