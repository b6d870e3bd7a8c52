// `npm run user -- <command>`: local users from the command line (apps/api/src/cli/user-cli.ts has the
// commands; `npm run user -- help` lists them). Run from the workspace root, as `npm start` is, so that the
// default DATA_DIR (./.data) is the server's.
import { runUserCli } from '../src/cli/user-cli';

/** The first line of standard input: the password, piped (`printf %s "$PW" |`) or typed. */
async function readFirstLine(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

process.exitCode = await runUserCli(process.argv.slice(2), {
  env: process.env,
  readSecret: readFirstLine,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
