import { loadConfig } from './src/config.ts';
import { knexConfig } from './src/db/connection.ts';

/** For the knex CLI: the same settings the service uses, from the same configuration. */
const config = loadConfig();
export default knexConfig({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
