// Lambda bundle stand-in for debug (about 7 KB): express, router, body-parser and finalhandler trace their
// internals through it when DEBUG names them, which nobody sets on the Lambda; its logs are the API's own.
function createDebug() {
  const log = () => undefined;
  log.enabled = false;
  log.extend = createDebug;
  return log;
}
createDebug.enabled = () => false;
createDebug.enable = () => undefined;
createDebug.disable = () => '';

module.exports = createDebug;
