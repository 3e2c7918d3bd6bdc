import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { createDatabase } from '../src/db/connection.ts';

/** `tsx scripts/migrate.ts latest | rollback-all | status` against the configured database. */
const { positionals } = parseArgs({ allowPositionals: true });
const command = positionals[0] ?? 'latest';
const config = loadConfig();
const db = createDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
try {
  if (command === 'latest') {
    const [batch, files] = await db.migrate.latest();
    console.log(`migrations: batch ${batch}, ${files.length} applied`);
  } else if (command === 'rollback-all') {
    const [, files] = await db.migrate.rollback(undefined, true);
    console.log(`migrations: ${files.length} rolled back`);
  } else if (command === 'status') {
    const [done, pending] = await db.migrate.list();
    console.log(`migrations: ${done.length} done, ${pending.length} pending`);
  } else {
    console.error(`unknown command ${command}: use latest, rollback-all or status`);
    process.exitCode = 2;
  }
} finally {
  await db.destroy();
}
