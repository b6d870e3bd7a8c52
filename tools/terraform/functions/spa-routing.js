// CloudFront viewer-request function of the SPA's default behaviour. A path whose last segment has no file
// extension is a client-side route: serve index.html so the SPA's router answers it. Done here rather than with
// distribution-wide custom error pages, because those would also turn the API's own 404s (JOB_NOT_FOUND...) into
// index.html with 200; /api/* is another behaviour and never runs this function.
function handler(event) {
  var request = event.request;
  var lastSegment = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}
