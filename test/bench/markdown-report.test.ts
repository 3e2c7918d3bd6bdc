import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixed, markdownTable, percent } from '../../scripts/bench/lib/markdown.ts';
import { appendSection, type ReportSection } from '../../scripts/bench/lib/report.ts';

const section = (title: string): ReportSection => ({
  title,
  command: 'npx tsx scripts/bench/solomon.ts --all',
  notes: ['Run: full.'],
  table: markdownTable(['a'], [[1]]),
  date: new Date('2026-11-28T10:00:00Z'),
  machine: { cpu: 'Test CPU', cores: 2, node: 'v20.0.0', platform: 'linux', memoryGiB: 8, loadAverage: 1.5 },
  loadAverageEnd: 2.25,
});

describe('markdown tables', () => {
  it('pads columns as Prettier does, escaping pipes and line breaks', () => {
    const table = markdownTable(
      ['name', 'value'],
      [
        ['a|b', 1],
        ['two\nlines', null],
      ],
    );
    expect(table.split('\n')).toEqual([
      '| name      | value |',
      '| --------- | ----- |',
      '| a\\|b      | 1     |',
      '| two lines | –     |',
    ]);
  });

  it('counts a Chinese character as two columns', () => {
    expect(markdownTable(['city'], [['成都']]).split('\n')).toEqual(['| city |', '| ---- |', '| 成都 |']);
  });

  it('rejects a row of the wrong width', () => {
    expect(() => markdownTable(['a', 'b'], [[1]])).toThrow();
  });

  it('formats numbers and signed percentages, with a dash for no value', () => {
    expect(fixed(1.005, 1)).toBe('1.0');
    expect(fixed(null, 2)).toBe('–');
    expect(percent(1.234)).toBe('+1.23 %');
    expect(percent(-0.4)).toBe('-0.40 %');
    expect(percent(Number.NaN)).toBe('–');
  });
});

describe('appending to the benchmarks file', () => {
  it('creates the file with its header once, then appends sections after it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bench-')), 'docs', 'benchmarks.md');
    appendSection(section('First'), file);
    appendSection(section('Second'), file);
    const text = readFileSync(file, 'utf8');
    expect(text.match(/^# Benchmarks$/gm)).toHaveLength(1);
    expect(text.indexOf('## First')).toBeLessThan(text.indexOf('## Second'));
    expect(text).toContain(
      '- Machine: Test CPU, 2 cores, 8 GiB, linux, Node v20.0.0, 1-min load average 1.5 at the start and 2.3 at the end',
    );
    expect(text).toContain('- Command: `npx tsx scripts/bench/solomon.ts --all`');
    expect(text).toContain('(2026-11-28 10:00 UTC)');
  });
});
