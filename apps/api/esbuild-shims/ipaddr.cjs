// Lambda bundle stand-in for ipaddr.js (about 10 KB), which proxy-addr calls only to compile a 'trust proxy'
// setting of addresses or subnets. The app sets none (Express's default, trust nothing), so req.ip,
// req.protocol and req.hostname never reach it; a call here would be such a setting, and says so.
function unavailable() {
  throw new Error("ipaddr.js is not part of the Lambda bundle: the app sets no 'trust proxy' address list");
}

module.exports = { isValid: unavailable, parse: unavailable };
