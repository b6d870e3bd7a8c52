/**
 * The SQLite file under DATA_DIR that local mode keeps everything in: the server (composition-root.ts) and the
 * `npm run user` command line open this same file; WAL mode lets both at once.
 */
export const LOCAL_DATABASE_FILE = 'invoice-pipeline.sqlite';
