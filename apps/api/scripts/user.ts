// `npm run user -- <command>`: local users from the command line (apps/api/src/cli/user-cli.ts has the
// commands; `npm run user -- help` lists them). Run from the workspace root, as `npm start` is, so that the
// default DATA_DIR (./.data) is the server's.
import { runUserCli } from '../src/cli/user-cli';

/** The first line of standard input: the password, piped (`printf %s "$PW" |`) or typed at a terminal. */
async function readFirstLine(): Promise<string> {
  if (process.stdin.isTTY) return readTyped();
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/** A password typed at a terminal, not echoed: raw mode, Enter ends it, Backspace erases, Ctrl-C aborts. */
function readTyped(): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write('Password: ');
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (finish: () => void): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      finish();
    };
    const onData = (keys: string): void => {
      for (const key of keys) {
        if (key === '\r' || key === '\n' || key === '\u0004') return done(() => resolve(typed));
        if (key === '\u0003') return done(() => reject(Object.assign(new Error('Aborted.'), { code: 'ABORTED' })));
        if (key === '\u007f' || key === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += key;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}

process.exitCode = await runUserCli(process.argv.slice(2), {
  env: process.env,
  readSecret: readFirstLine,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
