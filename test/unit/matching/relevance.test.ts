import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measureRelevance } from '../../bench/relevance-bench.ts';
import { labelsTsv } from '../../fixtures/relevance/write-labels.ts';

describe('relevance of the digest selection on the labelled set', () => {
  it('keeps the labels as committed (labels.tsv), every pair with its reason', () => {
    const committed = readFileSync(new URL('../../fixtures/relevance/labels.tsv', import.meta.url), 'utf8');
    expect(labelsTsv()).toBe(committed);
    expect(committed.trim().split('\n').length - 1).toBeGreaterThanOrEqual(30 * 300);
  });

  it('selects with precision and recall of at least 0.9', () => {
    const figures = measureRelevance();
    expect(figures.readers).toBeGreaterThanOrEqual(30);
    expect(figures.events).toBeGreaterThanOrEqual(300);
    expect(figures.precision).toBeGreaterThanOrEqual(0.9);
    expect(figures.recall).toBeGreaterThanOrEqual(0.9);
  }, 30_000);
});
