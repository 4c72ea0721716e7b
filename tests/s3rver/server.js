// Starts s3rver for the CloudTrailModel.S3 tests: node --openssl-legacy-provider server.js <address> <port> <directory>
// (port 0 for a free one; the line "s3rver listening on <address>:<port>" says which)
// (s3rver's continuation tokens use DES, which OpenSSL 3 keeps in its legacy provider).
//
// Two fixes to s3rver 3.7.1's listing, in its file-system store: with a delimiter it never walks below the prefix's
// first level, so a folder holding only deeper keys (AWSLogs/<account>/ over CloudTrail/<region>/<yyyy>/...) is not
// listed as a common prefix; and it lists keys in directory order, not key order, so pages after the first lose keys.
// Here every key under the prefix is walked, sorted, then paged or folded into common prefixes, as S3 does.
'use strict';
const S3rver = require('s3rver');
const FilesystemStore = require('s3rver/lib/stores/filesystem');

class DeepListingStore extends FilesystemStore {
  async listObjects(bucket, options) {
    const { delimiter = '', prefix = '', startAfter = '', maxKeys = Infinity } = options;
    const all = await super.listObjects(bucket, { prefix, maxKeys: Infinity });
    const sorted = all.objects
      .filter(object => object.key > startAfter)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    if (!delimiter) {
      return { objects: sorted.slice(0, maxKeys), commonPrefixes: [], isTruncated: sorted.length > maxKeys };
    }

    const commonPrefixes = new Set();
    const objects = [];
    for (const object of sorted) {
      const idx = object.key.slice(prefix.length).indexOf(delimiter);
      if (idx === -1) {
        objects.push(object);
      } else {
        commonPrefixes.add(object.key.slice(0, prefix.length + idx + delimiter.length));
      }
    }

    // One page: the tests' folders are small, and s3rver's tokens name objects, not common prefixes.
    return { objects, commonPrefixes: [...commonPrefixes].sort(), isTruncated: false };
  }
}

const [address, port, directory] = process.argv.slice(2);
const server = new S3rver({ address, port: Number(port), directory, silent: true, allowMismatchedSignatures: true });
server.store = server.context.store = new DeepListingStore(directory);
server.run().then(
  ({ address: host, port: listening }) => console.log(`s3rver listening on ${host}:${listening}`),
  error => {
    console.error(error);
    process.exit(1);
  },
);
