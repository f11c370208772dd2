import { describe, expect, it } from 'vitest';
import { createLogger, readableLine } from '../../../shared/log/logger.ts';

describe('logger', () => {
  it('prints JSON records with the service, a child’s fields and an error’s name and message', () => {
    const lines: string[] = [];
    const logger = createLogger({
      format: 'json',
      write: (line) => lines.push(line),
      service: 'ingest-feed',
    });
    logger.child({ sourceId: 's1' }).error('feed failed', { error: new TypeError('bad feed') });
    const record = JSON.parse(lines[0] ?? '{}');
    expect(record).toMatchObject({
      level: 'ERROR',
      message: 'feed failed',
      service: 'ingest-feed',
      sourceId: 's1',
      error: { name: 'TypeError', message: 'bad feed' },
    });
  });

  it('leaves out what is below its level', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', format: 'json', write: (line) => lines.push(line) });
    logger.info('quiet');
    logger.warn('loud');
    expect(lines.map((line) => JSON.parse(line).message)).toEqual(['loud']);
  });

  it('prints readable lines outside Lambda', () => {
    const lines: string[] = [];
    createLogger({ write: (line) => lines.push(line), fields: { function: 'api' } }).info('ingested', {
      events: 3,
      url: 'https://feeds.test/a b',
    });
    expect(lines[0]).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} INFO {2}ingested {2}function=api events=3 url="https:\/\/feeds.test\/a b"$/,
    );
  });

  it('puts an error’s stack under an error line', () => {
    const error = new Error('boom');
    const line = readableLine({ level: 'ERROR', message: 'failed', error }, new Date('2026-01-01T10:00:00Z'));
    expect(line.split('\n')[0]).toBe('10:00:00.000 ERROR failed  error="Error: boom"');
    expect(line.split('\n').length).toBeGreaterThan(1);
  });
});
