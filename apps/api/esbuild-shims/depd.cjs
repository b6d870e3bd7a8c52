// Lambda bundle stand-in for depd (about 4 KB): express and router warn through it when a deprecated API is
// called, which the app does not do; the wrapped functions and properties are passed through unchanged.
function depd() {
  function deprecate() {
    return undefined;
  }
  deprecate.function = (fn) => fn;
  deprecate.property = () => undefined;
  return deprecate;
}

module.exports = depd;
