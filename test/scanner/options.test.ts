import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../../scanner/browser';
import { readConfig } from '../../scanner/config-file';
import { parseOptions } from '../../scanner/options';

const problem = (argv: string[]) => {
  try {
    parseOptions(argv);
  } catch (error) {
    return `${(error as Error).constructor.name}: ${(error as Error).message}`;
  }
  return 'no problem';
};

describe('parseOptions', () => {
  it('applies the defaults', () => {
    expect(parseOptions(['scan', 'https://shop.example/#top'])).toEqual({
      options: {
        urls: ['https://shop.example/'],
        sitemap: false,
        maxPages: 10,
        concurrency: 2,
        runs: 1,
        json: null,
        html: null,
        sarif: null,
        junit: null,
        config: null,
        baseline: null,
        failOn: 'violation',
        timeoutMs: 30_000,
        settleMs: 1000,
      },
    });
  });

  it('reads every option', () => {
    const parsed = parseOptions([
      'scan',
      'http://a.example/',
      'http://b.example/x',
      '--sitemap',
      '--max-pages',
      '3',
      '--concurrency',
      '4',
      '--runs',
      '2',
      '--fail-on',
      'warning',
      '--timeout',
      '5',
      '--settle',
      '0',
      '--json',
      'r.json',
    ]);
    expect(parsed).toMatchObject({
      options: {
        urls: ['http://a.example/', 'http://b.example/x'],
        sitemap: true,
        maxPages: 3,
        concurrency: 4,
        runs: 2,
        failOn: 'warning',
        timeoutMs: 5000,
        settleMs: 0,
        json: 'r.json',
      },
    });
  });

  it.each([
    [[], 'UsageError: the command is missing: holdback scan <url…>'],
    [['crawl', 'https://a.example/'], 'UsageError: unknown command "crawl": the command is "scan"'],
    [['scan'], 'UsageError: give at least one URL to scan'],
    [['scan', 'shop.example'], 'UsageError: "shop.example" is not a URL (did you mean https://shop.example or http://shop.example?)'],
    [['scan', 'localhost:8080'], 'UsageError: "localhost:8080" is not an http or https URL (did you mean http://localhost:8080?)'],
    [['scan', 'ftp://shop.example/'], 'UsageError: "ftp://shop.example/" is not an http or https URL'],
    [['scan', 'https://a.example/', '--runs', '0'], 'UsageError: --runs takes a whole number from 1 to 10, not "0"'],
    [['scan', 'https://a.example/', '--concurrency', '2.5'], 'UsageError: --concurrency takes a whole number from 1 to 16, not "2.5"'],
    [['scan', 'https://a.example/', '--fail-on', 'error'], 'UsageError: --fail-on takes "violation" or "warning", not "error"'],
    [['scan', 'https://a.example/', '--colour'], "UsageError: Unknown option '--colour'"],
    [['scan', 'https://a.example/', '--json'], "UsageError: Option '--json <value>' argument missing"],
  ])('refuses %j with one clear line', (argv, message) => {
    expect(problem(argv)).toBe(message);
  });

  it('answers --help and --version before anything else', () => {
    expect(parseOptions(['--help'])).toEqual({ help: true });
    expect(parseOptions(['scan', '-v'])).toEqual({ version: true });
  });
});

describe('findChromium', () => {
  it('takes the browser HOLDBACK_CHROMIUM names, or fails without falling back', () => {
    expect(findChromium({ HOLDBACK_CHROMIUM: '/opt/chrome' }, (path) => path === '/opt/chrome')).toBe('/opt/chrome');
    expect(() => findChromium({ HOLDBACK_CHROMIUM: '/opt/none' }, (path) => path === '/usr/bin/chromium')).toThrow(
      'HOLDBACK_CHROMIUM names /opt/none, which does not exist',
    );
  });

  it("tries Debian's Chromium, then Playwright's, and says how to get one", () => {
    expect(findChromium({}, (path) => path === '/usr/bin/chromium')).toBe('/usr/bin/chromium');
    expect(() => findChromium({}, () => false)).toThrow(/no Chromium found \(looked at \/usr\/bin\/chromium, .*\); install it/);
  });
});

describe('readConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'holdback-config-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads JSON, and the script that sets window.consentConfig, regular expressions kept', () => {
    expect(readConfig(file('a.json', '{"categories":{"statistics":{}}}'))).toEqual({ categories: { statistics: {} } });
    const config = readConfig(file('b.js', 'window.consentConfig = { categories: { statistics: { cookies: [/^_ga/] } } };'));
    const pattern = (config.categories?.statistics?.cookies ?? [])[0];
    expect(pattern).toBeInstanceOf(RegExp);
    expect(String(pattern)).toBe('/^_ga/');
  });

  it('says what is wrong with a file, in one message', () => {
    const message = (path: string) => {
      try {
        readConfig(path);
        return 'read';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(message(join(dir, 'none.json'))).toBe(`the config file ${join(dir, 'none.json')} does not exist`);
    expect(message(file('c.json', '{categories'))).toMatch(/is not valid JSON/);
    expect(message(file('d.js', 'var x = 1;'))).toMatch(/does not set window.consentConfig/);
    expect(message(file('e.js', 'require("fs")'))).toMatch(/failed: require is not defined/);
    expect(message(file('f.json', '{"revision":"two"}'))).toMatch(/has 1 problem\(s\):\n {2}revision must be/);
  });
});
