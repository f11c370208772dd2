/**
 * A problem found while reading one VEVENT (or the feed), before it is attached to its entry. Its
 * severity follows FeedProblem: `error` when an event (or an occurrence) may be missing from the
 * result, `warning` when everything readable still came out (a field ignored, a time read as floating).
 */
export interface ProblemNote {
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export function errorNote(message: string): ProblemNote {
  return { message, severity: 'error' };
}

export function warningNote(message: string): ProblemNote {
  return { message, severity: 'warning' };
}
