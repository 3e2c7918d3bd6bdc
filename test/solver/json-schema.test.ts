import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderSchemaFiles, REPO_ROOT } from '../../scripts/cli/json-schemas.ts';

describe('committed JSON Schemas', () => {
  for (const file of renderSchemaFiles()) {
    it(`${file.path} matches the zod schema (else run: npx tsx scripts/export-schemas.ts)`, () => {
      const path = join(REPO_ROOT, file.path);
      expect(existsSync(path)).toBe(true);
      expect(readFileSync(path, 'utf8')).toBe(file.content);
    });
  }

  it('leaves fields with defaults optional in the problem schema', () => {
    const problem = JSON.parse(renderSchemaFiles()[0]!.content) as { required: string[] };
    expect(problem.required).toEqual(expect.arrayContaining(['now', 'locations', 'engineers', 'tickets']));
    expect(problem.required).not.toContain('options');
    expect(problem.required).not.toContain('weights');
  });
});
