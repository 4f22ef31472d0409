import { describe, expect, it } from 'vitest';
import { runs, staticTags } from '../../scanner/html';

describe('staticTags', () => {
  const html = `<!doctype html>
<html><head>
<script src="https://www.googletagmanager.com/gtag/js?id=G-1" async></script>
<script type="text/plain" data-category="marketing">fbq('init', '1');</script>
<!-- <img src="https://commented.example/x.gif"> -->
<script>document.write('<img src="https://inside.example/x.gif">');</script>
</head><body>
<noscript><img src="https://www.facebook.com/tr?id=1&amp;ev=PageView"></noscript>
<img src=/pixel.gif width=1 alt="">
<iframe data-category="marketing" data-src="https://www.youtube-nocookie.com/embed/x"></iframe>
</body></html>`;
  const tags = staticTags(html, 'https://shop.example/page');

  it('reads tags with their lines and resolved URLs', () => {
    expect(tags.map((t) => [t.tag, t.line, t.url, t.type, t.category])).toEqual([
      ['script', 3, 'https://www.googletagmanager.com/gtag/js?id=G-1', null, null],
      ['script', 4, null, 'text/plain', 'marketing'],
      ['script', 6, null, null, null],
      ['img', 9, 'https://shop.example/pixel.gif', null, null],
      ['iframe', 10, null, null, 'marketing'],
    ]);
  });

  it('skips comments, noscript and what scripts write, and shows an inline script with its body', () => {
    expect(tags.some((t) => /commented|inside|facebook/.test(t.url ?? ''))).toBe(false);
    expect(tags[1]?.html).toBe(`<script type="text/plain" data-category="marketing">fbq('init', '1');`);
  });

  it('spans a long inline script over its lines and shows its start and end', () => {
    const long = staticTags(`<p>\n<script>\n${'a();\n'.repeat(100)}init('42');\n</script>`, 'https://x.example/')[0];
    expect(long).toMatchObject({ line: 2, endLine: 104 });
    expect(long?.html).toMatch(/^<script>a\(\); a\(\);.* … .*init\('42'\);$/);
  });
});

describe('runs', () => {
  it('tells the script types a browser runs', () => {
    expect([null, '', 'text/javascript', 'module', 'application/ecmascript'].every(runs)).toBe(true);
    expect(['text/plain', 'application/ld+json', 'text/template'].some(runs)).toBe(false);
  });
});
