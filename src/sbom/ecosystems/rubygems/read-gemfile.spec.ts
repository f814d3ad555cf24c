import { describe, expect, it } from '@jest/globals';
import { readGemfile } from './read-gemfile.js';

const groupsOf = (text: string): Record<string, string[]> =>
  Object.fromEntries([...readGemfile(text).declarations].map(([name, list]) => [name, [...new Set(list.flatMap((d) => d.groups))]]));

describe('readGemfile', () => {
  it('reads group blocks, nested blocks and group:/groups: options', () => {
    const text = [
      'source "https://rubygems.org"',
      'ruby file: ".ruby-version"',
      'gem "rails", "~> 7.1"',
      'gem "pg", group: :production',
      "gem 'rspec-rails', groups: [:development, :test], require: false",
      'gem "pry", :group => :development',
      'group :development, :test do',
      '  gem "debug", require: "debug/prelude" # comment with "quotes" and # hash',
      '  platforms :mri do',
      '    gem "stackprof"',
      '  end',
      '  group(:lint) do',
      '    gem "rubocop"',
      '  end',
      '  if ENV["CI"]',
      '    gem "ci_reporter"',
      '  else',
      '    gem "guard"',
      '  end',
      'end',
      'source "https://gems.example.com" do',
      '  gem "private_gem"',
      'end',
      'gem "puma" # after every block: default group',
    ].join('\n');
    expect(groupsOf(text)).toEqual({
      rails: ['default'],
      pg: ['production'],
      'rspec-rails': ['development', 'test'],
      pry: ['development'],
      debug: ['development', 'test'],
      stackprof: ['development', 'test'],
      rubocop: ['development', 'test', 'lint'],
      ci_reporter: ['development', 'test'],
      guard: ['development', 'test'],
      private_gem: ['default'],
      puma: ['default'],
    });
    expect(readGemfile(text).declarations.get('puma')?.[0]?.line).toBe(24);
  });

  it('remembers optional groups and a gemspec call', () => {
    const gemfile = readGemfile('gemspec\ngroup :docs, optional: true do\n  gem "yard"\nend\ngroup "bench", :optional => true do\n  gem "benchmark-ips"\nend\n');
    expect([...gemfile.optionalGroups].sort()).toEqual(['bench', 'docs']);
    expect(gemfile.usesGemspec).toBe(true);
    expect(gemfile.declarations.get('yard')?.[0]?.groups).toEqual(['docs']);
  });

  it('keeps every declaration of a gem declared twice (per platform or group)', () => {
    const gemfile = readGemfile('gem "tzinfo-data", platforms: [:windows]\ngroup :test do\n  gem "tzinfo-data"\nend\n');
    expect(gemfile.declarations.get('tzinfo-data')?.map((d) => d.groups)).toEqual([['default'], ['test']]);
  });
});
