// Lambda bundle stand-in for send (about 9 KB with its dependencies), behind res.sendFile and express.static:
// the Lambda serves no files (downloads are redirects to S3, the SPA is CloudFront's), so a call here would
// be a change of that design, and says so.
function send() {
  throw new Error('send is not part of the Lambda bundle: the Lambda serves no files (res.sendFile, express.static)');
}

module.exports = send;
