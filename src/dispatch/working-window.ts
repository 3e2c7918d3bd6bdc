/** A span of time in epoch milliseconds, start inclusive, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/**
 * The stretch of today's shift an engineer can still be planned for: the shift less absences,
 * from `now` on. The solver knows one window per engineer (no breaks), so when an absence splits
 * the shift the first remaining stretch is taken: the one that answers "who can go now". Null
 * when nothing of the shift is left.
 */
export function workingWindow(shift: Span, absences: readonly Span[], now: number): Span | null {
  let free: Span[] = [{ start: Math.max(shift.start, now), end: shift.end }];
  for (const absence of absences) {
    free = free.flatMap((span) => {
      if (absence.end <= span.start || absence.start >= span.end) return [span];
      const pieces: Span[] = [];
      if (absence.start > span.start) pieces.push({ start: span.start, end: absence.start });
      if (absence.end < span.end) pieces.push({ start: absence.end, end: span.end });
      return pieces;
    });
  }
  const first = free.filter((span) => span.end > span.start).sort((a, b) => a.start - b.start)[0];
  return first ?? null;
}
