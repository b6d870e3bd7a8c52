// Lambda bundle stand-in for mime-db (about 140 KB, bundled four times by express's dependencies). The API
// answers JSON, redirects downloads to S3 and serves no static files in Lambda, so it needs only these.
module.exports = {
  'application/json': { source: 'iana', charset: 'UTF-8', compressible: true, extensions: ['json'] },
  'application/pdf': { source: 'iana', compressible: false, extensions: ['pdf'] },
  'application/xml': { source: 'iana', compressible: true, extensions: ['xml'] },
  'application/octet-stream': { source: 'iana', compressible: false, extensions: ['bin'] },
  'application/x-www-form-urlencoded': { source: 'iana', compressible: true },
  'multipart/form-data': { source: 'iana', compressible: false },
  'text/html': { source: 'iana', compressible: true, extensions: ['html', 'htm'] },
  'text/plain': { source: 'iana', compressible: true, extensions: ['txt', 'text'] },
  'text/xml': { source: 'iana', compressible: true, extensions: ['xml'] },
};
