/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file: @nx/esbuild requires its config, and the shims stand in for CommonJS packages. */
// Lambda bundle stand-in for iconv-lite (480 KB of code pages). The API's request bodies are JSON, which
// RFC 8259 fixes to UTF-8, so only the encodings Node decodes natively are accepted; any other charset is
// refused by body-parser with 415, as iconv-lite's "not recognized" error makes it do.
const { StringDecoder } = require('node:string_decoder');

const NATIVE = new Map([
  ['utf8', 'utf8'],
  ['utf-8', 'utf8'],
  ['ascii', 'latin1'],
  ['us-ascii', 'latin1'],
  ['latin1', 'latin1'],
  ['iso-8859-1', 'latin1'],
  ['utf16le', 'utf16le'],
  ['utf-16le', 'utf16le'],
]);

function nativeName(encoding) {
  const name = NATIVE.get(String(encoding).toLowerCase());
  if (!name) throw new Error(`Encoding not recognized: '${encoding}' (searched as: '${String(encoding).toLowerCase()}')`);
  return name;
}

module.exports = {
  encodingExists(encoding) {
    return NATIVE.has(String(encoding).toLowerCase());
  },
  decode(buffer, encoding) {
    return Buffer.from(buffer).toString(nativeName(encoding));
  },
  getDecoder(encoding) {
    // StringDecoder keeps a multi-byte character split across chunks whole.
    const decoder = new StringDecoder(nativeName(encoding));
    return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() };
  },
};
