import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Plan } from '../../solver/plan.schema.ts';
import { Problem } from '../../solver/problem.schema.ts';

/** The repository root, so that files land in the same place whatever the working directory. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface SchemaFile {
  /** Relative to the repository root. */
  path: string;
  content: string;
}

/**
 * The public JSON contract as JSON Schema, generated from the zod schemas. The problem is
 * described as callers write it (io: 'input'), so fields with defaults are optional; the plan as
 * the solver writes it. Cross-reference rules (a ticket's site must be a known location, …) live
 * in refinements that JSON Schema cannot express: the zod schema stays the authority.
 */
export function renderSchemaFiles(): SchemaFile[] {
  return [
    {
      path: 'docs/problem.schema.json',
      content: render(
        z.toJSONSchema(Problem, { io: 'input' }),
        'Dispatch problem',
        'The solver input; generated from solver/problem.schema.ts by scripts/export-schemas.ts, do not edit.',
      ),
    },
    {
      path: 'docs/plan.schema.json',
      content: render(
        z.toJSONSchema(Plan, { io: 'output' }),
        'Dispatch plan',
        'The solver output; generated from solver/plan.schema.ts by scripts/export-schemas.ts, do not edit.',
      ),
    },
  ];
}

function render(schema: Record<string, unknown>, title: string, description: string): string {
  const { $schema, ...rest } = schema;
  return `${JSON.stringify({ $schema, title, description, ...rest }, null, 2)}\n`;
}
