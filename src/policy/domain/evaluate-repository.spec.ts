import { describe, expect, it } from '@jest/globals';
import { contextOf } from './__fixtures__/facts.js';
import { repositoryConditionSchema, type RepositoryCondition } from './condition.schema.js';
import { MAX_SCANNED_FILE_BYTES } from './content-scan.js';
import { evaluateRepository } from './evaluate-repository.js';
import type { MemoryFile } from './memory-files.js';

const condition = (fields: Record<string, unknown>): RepositoryCondition => repositoryConditionSchema.parse({ kind: 'repository', ...fields });
const run = (fields: Record<string, unknown>, files: MemoryFile[]) => evaluateRepository(condition(fields), contextOf({ files }));

// Secret-looking values are assembled at run time so this file does not itself trip a secret scanner.
const repeat = (unit: string, length: number): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
const fake = {
  aws: 'AKIA' + 'Z7QW3ERT5YUI9OPL',
  awsSecret: repeat('wJalrXUtnFEMIK7MDENGbPxRfiCY', 40),
  gcp: 'AIza' + repeat('SyD4-x_9Qw', 35),
  github: 'ghp' + '_' + repeat('a1B2c3D4e5', 36),
  githubFine: 'github' + '_pat_' + repeat('11ABCDEFG0_', 82),
  gitlab: 'glpat' + '-' + repeat('xY9_zW8-', 20),
  slack: 'xoxb' + '-' + '1234567890-0987654321-' + repeat('AbCdEf', 24),
  npm: 'npm' + '_' + repeat('Qw3Er5Ty7U', 36),
};

describe('evaluateRepository: shipped secret patterns', () => {
  it.each([
    ['private-key', 'deploy/id_rsa', '-----BEGIN OPENSSH ' + 'PRIVATE KEY-----', 1, '-----BEGIN OPENSSH PRIVATE KEY-----'],
    ['aws-access-key-id', 'ci/env', `AWS_ACCESS_KEY_ID=${fake.aws}`, 19, 'AWS_ACCESS_KEY_ID=AKIA****'],
    ['aws-secret-access-key', '.aws/credentials', `aws_secret_access_key = ${fake.awsSecret}`, 1, 'aws_secret_access_key = wJal****'],
    ['gcp-api-key', 'web/maps.js', `const key = "${fake.gcp}";`, 14, 'const key = "AIza****";'],
    ['gcp-service-account-key', 'sa.json', `"private_key_id": "${repeat('0123456789abcdef', 40)}",`, 1, '"private_key_id": "0123****",'],
    ['github-token', 'scripts/release.sh', `export GH_TOKEN=${fake.github}`, 17, 'export GH_TOKEN=ghp_****'],
    ['github-fine-grained-token', 'scripts/release.sh', `TOKEN=${fake.githubFine}`, 7, 'TOKEN=gith****'],
    ['gitlab-token', '.gitlab-ci.yml', `  PRIVATE_TOKEN: ${fake.gitlab}`, 18, 'PRIVATE_TOKEN: glpa****'],
    ['slack-token', 'bot/config.py', `SLACK = "${fake.slack}"`, 10, 'SLACK = "xoxb****"'],
    ['slack-webhook', 'alerts.yaml', 'url: https://hooks.slack.com/services/T0123ABCD/B0123ABCD/' + repeat('Xy7', 24), 6, 'url: https://hooks.slack.com/services/T0123ABCD/B0123ABCD/Xy7X****'],
    ['npm-token', '.github/workflows/publish.yml', `NODE_AUTH_TOKEN: ${fake.npm}`, 18, 'NODE_AUTH_TOKEN: npm_****'],
    ['npmrc-auth-token', '.npmrc', '//registry.npmjs.org/:_authToken=' + repeat('f00dfeed', 36), 23, '//registry.npmjs.org/:_authToken=f00d****'],
    ['password-literal', 'src/db.ts', 'const password = "correct-horse-battery";', 7, 'const password = "corr****";'],
    ['password-literal', 'config.json', '  "db_password": "hunter22",', 7, '"db_password": "****",'],
  ])('%s in %s', (id, file, line, column, excerpt) => {
    const output = run({ forbiddenContent: { secrets: true } }, [{ path: file, content: `first line\n${line}\nlast line\n` }]);
    expect(output.violations.map((v) => [v.reason, v.evidence])).toEqual([[expect.stringContaining(`(${id})`), { kind: 'file', file, line: 2, column, excerpt }]]);
  });

  it.each([
    ['a placeholder password', 'password = "${DB_PASSWORD}"'],
    ['a templated password', 'password: "{{ vault.db_password }}"'],
    ['an empty password', 'password = ""'],
    ['an AWS example key id too short', 'AKIA1234'],
    ['a public key', '-----BEGIN PUBLIC KEY-----'],
    ['a token written from the environment', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}'],
  ])('does not report %s', (_name, line) => {
    expect(run({ forbiddenContent: { secrets: true } }, [{ path: 'config', content: `${line}\n` }]).violations).toEqual([]);
  });

  it('runs only the listed secret patterns, in the selected files only', () => {
    const files = [
      { path: 'a.env', content: `KEY=${fake.aws}\nTOKEN=${fake.github}\n` },
      { path: 'test/fixtures/b.env', content: `KEY=${fake.aws}\n` },
    ];
    const output = run({ forbiddenContent: { secrets: ['github-token'], exclude: ['test/fixtures/'] } }, files);
    expect(output.violations.map((v) => v.key)).toEqual(['content|a.env|2|7|github-token']);
  });
});

describe('evaluateRepository: custom patterns and limits', () => {
  it('applies custom patterns, masked unless told otherwise, case as configured', () => {
    const patterns = [
      { id: 'internal-host', regex: 'corp\\.internal', ignoreCase: true, mask: false, description: 'internal host names' },
      { id: 'iban', regex: '\\bDE\\d{20}\\b' },
      { id: 'credentials-in-url', regex: '[a-z]+://[^\\s:/@]+:(?<secret>[^\\s:/@]+)@' },
    ];
    const content = 'Connect to DB.CORP.INTERNAL\nPay to DE44500105175407324931 today\nurl=postgres://ledger:s3cr3t-passw0rd@db:5432/ledger\n';
    const output = run({ forbiddenContent: { patterns } }, [{ path: 'docs/setup.md', content }]);
    expect(output.violations.map((v) => [v.reason, v.evidence])).toEqual([
      ['forbidden content "internal-host": internal host names', { kind: 'file', file: 'docs/setup.md', line: 1, column: 15, excerpt: 'Connect to DB.CORP.INTERNAL' }],
      ['forbidden content "iban"', { kind: 'file', file: 'docs/setup.md', line: 2, column: 8, excerpt: 'Pay to DE44**** today' }],
      ['forbidden content "credentials-in-url"', { kind: 'file', file: 'docs/setup.md', line: 3, column: 5, excerpt: 'url=postgres://ledger:s3cr****@db:5432/ledger' }],
    ]);
  });

  it('reads at most 4,096 characters of a line and shortens long excerpts', () => {
    const secretAt = (offset: number): string => `${'x'.repeat(offset)} ${fake.github}`;
    const output = run({ forbiddenContent: { secrets: true } }, [
      { path: 'min.js', content: `${secretAt(200)}\n${secretAt(5000)}\n` },
    ]);
    expect(output.violations.map((v) => v.evidence)).toEqual([
      { kind: 'file', file: 'min.js', line: 1, column: 202, excerpt: `…${'x'.repeat(151)} ghp_****` },
    ]);
  });

  it('skips binaries and files above the read limit, and says so', () => {
    const output = run({ forbiddenContent: { secrets: true } }, [
      { path: 'logo.png', content: `\u0000PNG ${fake.aws}`, binary: true },
      { path: 'dump.sql', content: `-- ${fake.aws}\n`, size: MAX_SCANNED_FILE_BYTES + 1 },
      { path: 'nul.bin', content: `\u0000 ${fake.aws}` },
    ]);
    expect(output.violations).toEqual([]);
    expect(output.notes).toEqual(['3 file(s) were not read for content: binary, unreadable or larger than 2097152 bytes']);
  });

  it('reports files above the size limit, except excluded ones', () => {
    const output = run({ maxFileSizeBytes: 1000, exclude: ['assets/'] }, [
      { path: 'big.bin', size: 1001, binary: true },
      { path: 'ok.txt', size: 1000 },
      { path: 'assets/video.mp4', size: 50_000_000, binary: true },
    ]);
    expect(output.violations.map((v) => v.reason)).toEqual(['big.bin is 1001 bytes; the limit is 1000 bytes']);
  });
});

describe('evaluateRepository: required files', () => {
  it.each([
    ['LICENSE present', ['LICENSE'], ['LICENSE'], []],
    ['matched case-insensitively with a glob', ['LICENSE*'], ['license.md'], []],
    ['only at the root', ['LICENSE'], ['vendor/lib/LICENSE'], ['required file LICENSE is missing']],
    ['any of several places', [{ anyOf: ['CODEOWNERS', '.github/CODEOWNERS'] }], ['.github/CODEOWNERS'], []],
    ['none of several places', [{ anyOf: ['CODEOWNERS', '.github/CODEOWNERS'] }], ['docs/OWNERS'], ['required file CODEOWNERS or .github/CODEOWNERS is missing']],
  ])('%s', (_name, requiredFiles, present, expected) => {
    const output = run({ requiredFiles }, present.map((path) => ({ path, content: '' })));
    expect(output.violations.map((v) => v.reason)).toEqual(expected);
  });
});

describe('evaluateRepository: forbidden imports', () => {
  it.each([
    ['javascript', 'src/run.js', "const cp = require('child_process');", ['child_process'], 'child_process', 21],
    ['javascript', 'src/run.mjs', "import { exec } from 'node:child_process';", ['child_process'], 'node:child_process', 23],
    ['typescript (rules for javascript apply)', 'src/run.ts', "import vm from 'vm';", ['vm'], 'vm', 17],
    ['python', 'jobs/load.py', 'from pickle import loads', ['pickle'], 'pickle', 6],
    ['python, several modules on one line', 'jobs/load.py', 'import json, marshal as m', ['marshal'], 'marshal', 14],
    ['java', 'src/Load.java', 'import java.io.ObjectInputStream;', ['java.io.ObjectInputStream'], 'java.io.ObjectInputStream', 8],
    ['go, in an import block', 'main.go', 'import (\n\t"fmt"\n\t"unsafe"\n)', ['unsafe'], 'unsafe', 3],
    ['ruby', 'lib/x.rb', "require 'yaml'", ['yaml'], 'yaml', 10],
    ['csharp', 'Program.cs', 'using System.Runtime.Serialization.Formatters.Binary;', ['System.Runtime.Serialization.Formatters.Binary'], 'System.Runtime.Serialization.Formatters.Binary', 7],
    ['rust', 'src/lib.rs', 'use std::mem::transmute;', ['std::mem'], 'std::mem::transmute', 5],
    ['php', 'src/a.php', 'use Symfony\\Component\\Yaml\\Yaml;', ['Symfony\\Component\\Yaml'], 'Symfony\\Component\\Yaml\\Yaml', 5],
    ['kotlin, a trailing wildcard', 'src/A.kt', 'import sun.misc.Unsafe', ['sun.*'], 'sun.misc.Unsafe', 8],
  ])('%s', (language, path, content, modules, imported, column) => {
    const lang = language.split(/[ ,]/)[0] as string;
    const output = run({ forbiddenImports: [{ language: lang === 'typescript' ? 'javascript' : lang, modules }] }, [{ path, content }]);
    expect(output.violations.map((v) => [v.reason.split(',')[0], v.evidence.kind === 'file' ? v.evidence.column : 0])).toEqual([[`imports ${imported}`, column]]);
  });

  it('does not match a module that only shares a prefix, nor commented-out imports', () => {
    const output = run({ forbiddenImports: [{ language: 'javascript', modules: ['vm'] }, { language: 'python', modules: ['pickle'] }] }, [
      { path: 'a.js', content: "import vm2 from 'vm2';\n// require('vm')\n" },
      { path: 'b.py', content: '# import pickle\nimport pickletools\n' },
    ]);
    expect(output.violations).toEqual([]);
  });
});
