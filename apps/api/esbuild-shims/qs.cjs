// Lambda bundle stand-in for qs (about 50 KB with side-channel, object-inspect and get-intrinsic behind it).
// Express and body-parser require it at load, but call it only for the 'extended' query parser and urlencoded
// bodies: the app sets 'query parser' to 'simple' (node:querystring) and accepts JSON bodies only, so a call
// here would be a change of that design, and says so.
function unavailable() {
  throw new Error('qs is not part of the Lambda bundle: the API parses query strings with the simple parser and bodies as JSON only');
}

module.exports = { parse: unavailable, stringify: unavailable };
