// Lambda bundle stand-in for serverless-http's Azure Functions provider (about 9 KB, most of it a table of
// Set-Cookie spellings), which its provider list requires beside the AWS one: lambda.ts uses the default
// provider, aws, so this one is never chosen; choosing it would be a change of platform, and says so.
module.exports = () => {
  throw new Error("serverless-http's azure provider is not part of the Lambda bundle (lambda.ts uses provider 'aws')");
};
