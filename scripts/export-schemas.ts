import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSchemaFiles, REPO_ROOT } from './cli/json-schemas.ts';

// Writes docs/problem.schema.json and docs/plan.schema.json from the zod schemas:
// `npx tsx scripts/export-schemas.ts`. test/solver/json-schema.test.ts fails while they are stale.
for (const file of renderSchemaFiles()) {
  writeFileSync(join(REPO_ROOT, file.path), file.content);
  console.log(`wrote ${file.path}`);
}
