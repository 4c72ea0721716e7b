// Starts s3rver for the CloudTrailModel.S3 tests: node --openssl-legacy-provider server.js <address> <port> <directory>
// (port 0 for a free one; the line "s3rver listening on <address>:<port>" says which)
// (s3rver's continuation tokens use DES, which OpenSSL 3 keeps in its legacy provider).
// The server exits when its standard input reaches its end: the test fixture holds it open as a pipe, so the server
// goes when the test host goes, however it ends.
//
// Two fixes to s3rver 3.7.1's listing, in its file-system store: with a delimiter it never walks below the prefix's
// first level, so a folder holding only deeper keys (AWSLogs/<account>/ over CloudTrail/<region>/<yyyy>/...) is not
// listed as a common prefix; and it lists keys in directory order, not key order, so pages after the first lose keys.
// Here every key under the prefix is walked, sorted, then paged or folded into common prefixes, as S3 does: with a
// delimiter, a page holds up to max-keys objects and common prefixes together, in key order.
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

    // Objects and common prefixes in key order, each common prefix once, where its first key is.
    const entries = [];
    let lastPrefix;
    for (const object of sorted) {
      const idx = object.key.slice(prefix.length).indexOf(delimiter);
      if (idx === -1) {
        entries.push({ object });
      } else {
        const commonPrefix = object.key.slice(0, prefix.length + idx + delimiter.length);
        if (commonPrefix !== lastPrefix) {
          entries.push({ commonPrefix });
          lastPrefix = commonPrefix;
        }
      }
    }

    const page = entries.slice(0, maxKeys);
    const isTruncated = entries.length > maxKeys;
    const objects = new PageObjects(...page.filter(entry => entry.object).map(entry => entry.object));
    const last = page[page.length - 1];
    if (isTruncated && last.commonPrefix) {
      // s3rver makes the continuation token from the last object's key: a page ending in a common prefix names a
      // marker after every key under it, which the page's Contents leave out.
      objects.push({ key: `${last.commonPrefix}\uffff`, pageEnd: true });
    }

    return {
      objects,
      commonPrefixes: page.filter(entry => entry.commonPrefix).map(entry => entry.commonPrefix),
      isTruncated,
    };
  }
}

// The objects of a page; map (which renders Contents) leaves out the marker that only carries the continuation.
class PageObjects extends Array {
  static get [Symbol.species]() {
    return Array;
  }

  map(callback) {
    return Array.from(this).filter(object => !object.pageEnd).map(callback);
  }
}

const [address, port, directory] = process.argv.slice(2);
const server = new S3rver({ address, port: Number(port), directory, silent: true, allowMismatchedSignatures: true });
server.store = server.context.store = new DeepListingStore(directory);
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
server.run().then(
  ({ address: host, port: listening }) => console.log(`s3rver listening on ${host}:${listening}`),
  error => {
    console.error(error);
    process.exit(1);
  },
);
