import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders headings, code and images from the question service', () => {
    const html = renderMarkdown('## Input\n\nUse `nums`.\n\n![the rail](/question-service-api/images/0b6f1c1e-5b7e-4a51-9d0f-3f1f0a7f6c11)');
    expect(html).toContain('<h2>Input</h2>');
    expect(html).toContain('<code>nums</code>');
    expect(html).toMatch(/<img[^>]+src="\/question-service-api\/images\/0b6f1c1e-5b7e-4a51-9d0f-3f1f0a7f6c11"/);
    expect(html).toContain('alt="the rail"');
  });

  it('removes scripts, event handlers and javascript links', () => {
    const html = renderMarkdown('<script>alert(1)</script><img src="x" onerror="alert(2)">\n\n[click](javascript:void(0)) <a href="javascript:alert(3)">raw</a>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('onerror');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('click');
  });

  it('opens outside links in a new tab without handing over the opener', () => {
    const html = renderMarkdown('[docs](https://example.com/x)');
    expect(html).toContain('target="_blank"');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it('renders GitHub tables', () => {
    const html = renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |');
    expect(html).toContain('<table>');
    expect(html).toContain('<td>2</td>');
  });
});
