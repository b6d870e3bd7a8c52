// Shared by the deploy scripts: dry-run detection and a runner that either runs a command or prints it.
import { spawnSync } from 'node:child_process';
import { workspaceRoot } from './workspace.mjs';

/** `DEPLOY_DRY_RUN=1` (what `npm run deploy:dry-run` sets) or `--dry-run`: print every step, touch nothing, need no credentials. */
export const dryRun = process.env.DEPLOY_DRY_RUN === '1' || process.argv.includes('--dry-run');

export function say(tag, message) {
  console.log(`[${tag}]${dryRun ? ' (dry run)' : ''} ${message}`);
}

function shellQuote(arg) {
  return /^[A-Za-z0-9_./:=@,+-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}

/**
 * Runs argv (or, in a dry run, prints it). Returns stdout when capture is set. `readOnly` commands (git
 * rev-parse, terraform validate) run in a dry run too: they need no credentials and change nothing.
 */
export function step(tag, argv, { capture = false, input, env, cwd = workspaceRoot, readOnly = false } = {}) {
  const printable = argv.map(shellQuote).join(' ');
  if (dryRun && !readOnly) {
    say(tag, `would run: ${printable}`);
    return capture ? '' : undefined;
  }
  say(tag, `$ ${printable}`);
  const result = spawnSync(argv[0], argv.slice(1), {
    cwd,
    env: env ?? process.env,
    input,
    encoding: 'utf8',
    stdio: [input === undefined ? 'inherit' : 'pipe', capture ? 'pipe' : 'inherit', 'inherit'],
  });
  if (result.error?.code === 'ENOENT') throw new Error(`${argv[0]} is not installed (needed for: ${printable})`);
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${printable} exited with ${result.status}`);
  return capture ? result.stdout.trim() : undefined;
}

export function requireCommand(tag, command, howToGet) {
  if (dryRun) return;
  const probe = spawnSync(command, ['--version'], { stdio: 'ignore' });
  if (probe.error?.code === 'ENOENT') throw new Error(`${command} is not installed: ${howToGet}`);
  say(tag, `${command} found`);
}

export function fail(tag, error) {
  console.error(`[${tag}] FAILED: ${error.message}`);
  process.exit(1);
}
