import { describe, expect, it } from '@jest/globals';
import { parseGoMod } from './parse-go-mod.js';
import { parseGoSum } from './parse-go-sum.js';
import { errorOf } from '../../../../test/support/errors.js';

const goMod = (text: string) => ({ path: 'svc/go.mod', text });


describe('parseGoMod', () => {
  it('reads module, go, toolchain and require in single-line and block forms, with // indirect', () => {
    const parsed = parseGoMod(
      goMod(`// The service.
module "example.com/svc" // quoted paths are allowed

go 1.22.5
toolchain go1.22.6

require github.com/a/b v1.2.3
require (
	github.com/c/d/v2 v2.0.0-20230101000000-abcdefabcdef // indirect
	// a whole-line comment inside the block
	github.com/e/f v0.1.0 // indirect; kept by go mod tidy

	github.com/g/h v1.0.0+incompatible //indirect
	\`github.com/i/j\` v1.1.0 // not indirect
)
require ()
retract [v1.0.0, v1.0.5] // retract concerns this module's own versions
godebug default=go1.21
tool golang.org/x/tools/cmd/stringer
`),
    );
    expect(parsed.module).toBe('example.com/svc');
    expect(parsed.go).toBe('1.22.5');
    expect(parsed.toolchain).toBe('go1.22.6');
    expect(parsed.requires.map((r) => [r.path, r.version, r.indirect, r.at.line, r.at.column])).toEqual([
      ['github.com/a/b', 'v1.2.3', false, 7, 9],
      ['github.com/c/d/v2', 'v2.0.0-20230101000000-abcdefabcdef', true, 9, 2],
      ['github.com/e/f', 'v0.1.0', true, 11, 2],
      ['github.com/g/h', 'v1.0.0+incompatible', true, 13, 2],
      ['github.com/i/j', 'v1.1.0', false, 14, 2],
    ]);
    expect(parsed.warnings).toEqual([]);
  });

  it('reads replace to a module, to a module at one version, and to directories; exclude', () => {
    const parsed = parseGoMod(
      goMod(`module example.com/svc
go 1.21
replace golang.org/x/crypto => github.com/cli/crypto v0.0.0-20210929142629-6be313f59b03
replace (
	example.com/old v1.0.0 => ./fork/old
	example.com/win => ..\\win
	example.com/abs v1.2.0 => example.com/new v1.3.0
)
exclude example.com/bad v1.4.0
`),
    );
    expect(parsed.replaces.map((r) => [r.old, r.new, r.directory])).toEqual([
      [{ path: 'golang.org/x/crypto' }, { path: 'github.com/cli/crypto', version: 'v0.0.0-20210929142629-6be313f59b03' }, false],
      [{ path: 'example.com/old', version: 'v1.0.0' }, { path: './fork/old' }, true],
      [{ path: 'example.com/win' }, { path: '..\\win' }, true],
      [{ path: 'example.com/abs', version: 'v1.2.0' }, { path: 'example.com/new', version: 'v1.3.0' }, false],
    ]);
    expect(parsed.excludes.map((e) => [e.path, e.version])).toEqual([['example.com/bad', 'v1.4.0']]);
  });

  it('skips a directive it does not know, with a warning naming the line', () => {
    expect(parseGoMod(goMod('module m\nfuturething x y\n')).warnings).toEqual(['line 2: unknown directive "futurething" ignored']);
  });

  it.each([
    ['an unterminated block (a cut-off file)', 'module m\n\nrequire (\n\tgithub.com/a/b v1.0.0\n\tgithub.com/c/d v1.', '5:20', 'unterminated require block (opened at line 3, column 9)'],
    ['a cut-off version', 'module m\nrequire github.com/a/b v1.2', '2:24', 'invalid module version "v1.2"'],
    ['a module path with a trailing slash', 'module m\nrequire github.com/MakeNowJust/ v1.0.0\n', '2:9', 'invalid module path "github.com/MakeNowJust/": empty path element'],
    ['a module path with a double slash', 'module m\nrequire "a.b//c" v1.0.0\n', '2:9', 'empty path element'],
    ['a missing version', 'module m\nrequire github.com/a/b\n', '2:9', 'expected 2 arguments'],
    ['a version with a leading zero', 'module m\nrequire a.b/c v1.02.0\n', '2:15', 'invalid module version'],
    ['a directory replacement with a version', 'module m\nreplace a.b/c => ./c v1.0.0\n', '2:22', 'cannot have a version'],
    ['a module replacement without a version', 'module m\nreplace a.b/c => d.e/f\n', '2:18', 'must be a directory'],
    ['a replace without =>', 'module m\nreplace a.b/c v1.0.0 d.e/f v1.0.0\n', '2:22', 'usage: replace'],
    ['a bad go version', 'module m\ngo 1.21.x\n', '2:4', 'invalid go version "1.21.x"'],
    ['a repeated module directive', 'module m\nmodule n\n', '2:1', 'repeated module directive'],
    ['an unterminated string', 'module "m\n', '1:10', 'unexpected newline in a quoted string'],
    ['a /* comment */', 'module m\n/* no */\n', '2:1', 'use // comments'],
    ['text after a closing parenthesis', 'module m\nrequire (\n) x\n', '3:3', 'expected a newline after the closing parenthesis'],
    ['a control character', 'module m\nrequire a.b/c\u0007 v1.0.0\n', '2:14', 'unexpected character'],
    ['a stray parenthesis', 'module m\n)\n', '2:1', 'unknown directive ")"'],
    ['no module directive', 'go 1.21\n', '1:1', 'no module directive'],
  ])('refuses %s with line and column', (_case, text, where, message) => {
    const error = errorOf(() => parseGoMod(goMod(text)));
    expect(error.category).toBe('bad-input');
    expect(error.describe()).toMatch(new RegExp(`^svc/go\\.mod:${where}: malformed go\\.mod: `));
    expect(error.message).toContain(message);
  });
});

describe('parseGoSum', () => {
  const zip = 'h1:6I/u8FvytdGsgonrYsVn2t8t4QiRnh6QSTqkkhIiSjQ=';
  const mod = 'h1:xUTIdE4KCOIjsBAE1JYsUPoCqYdZ1reCfTwbto0Fduo=';

  it('keys the module-tree and go.mod hashes by module and version', () => {
    const sums = parseGoSum({ path: 'go.sum', text: `a.b/c v1.0.0 ${zip}\r\na.b/c v1.0.0/go.mod ${mod}\n\nd.e/f v0.1.0/go.mod ${mod}\n` });
    expect(sums.size).toBe(3);
    expect(sums.entry('a.b/c', 'v1.0.0')).toEqual({ zip, goMod: mod });
    expect(sums.entry('d.e/f', 'v0.1.0')).toEqual({ goMod: mod });
    expect(sums.entry('d.e/f', 'v0.2.0')).toBeUndefined();
  });

  it('refuses a cut-off line and a cut-off hash with line and column', () => {
    expect(errorOf(() => parseGoSum({ path: 'go.sum', text: `a.b/c v1.0.0 ${zip}\na.b/c v1.0.0/go.mod` })).describe()).toBe(
      'go.sum:2:20: malformed go.sum: expected 3 fields (module, version, hash), found 2',
    );
    // Like the go command, a hash is checked when its module is looked up.
    const cut = parseGoSum({ path: 'go.sum', text: `x.y/z v1.0.0 ${zip}\na.b/c  v1.0.0\th1:6I/u8Fvyt\n` });
    expect(errorOf(() => cut.entry('a.b/c', 'v1.0.0')).describe()).toBe('go.sum:2:15: malformed go.sum: malformed h1 hash "h1:6I/u8Fvyt"');
    expect(cut.entry('x.y/z', 'v1.0.0')).toEqual({ zip });
  });
});
