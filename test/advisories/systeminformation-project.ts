/**
 * A two-dependency npm project whose lockfile pins systeminformation 5.3.0 (GHSA-2m8v-572m-ff2v,
 * CVE-2021-21315, on CISA's Known Exploited Vulnerabilities catalogue) and minimist 1.2.5
 * (GHSA-xvch-5gv4-984h, not on it). No real project pins the first among the shared fixtures,
 * so the tests write this one (systeminformation without an integrity hash, which npm allows;
 * minimist's is npm's, as in examples/npm-webapp).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

const MINIMIST_INTEGRITY = 'sha512-FM9nNUYrRBAELZQT3xeZQ7fmMOBg6nWNmJKTcgsJeaLstP/UODVpGsr5OhXhhXg6f+qtJ8uiZ+PUxkDWcgIXLw==';

export async function writeSysteminformationProject(dir: string): Promise<void> {
  const name = path.basename(dir);
  const dependencies = { minimist: '1.2.5', systeminformation: '5.3.0' };
  await writeFile(path.join(dir, 'package.json'), `${JSON.stringify({ name, version: '1.0.0', license: 'MIT', dependencies }, null, 2)}\n`);
  const lock = {
    name,
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name, version: '1.0.0', license: 'MIT', dependencies },
      'node_modules/minimist': {
        version: '1.2.5',
        resolved: 'https://registry.npmjs.org/minimist/-/minimist-1.2.5.tgz',
        integrity: MINIMIST_INTEGRITY,
        license: 'MIT',
      },
      'node_modules/systeminformation': {
        version: '5.3.0',
        resolved: 'https://registry.npmjs.org/systeminformation/-/systeminformation-5.3.0.tgz',
        license: 'MIT',
      },
    },
  };
  await writeFile(path.join(dir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
}
