import { Marked } from 'marked';
import DOMPurify from 'dompurify';

const marked = new Marked({ gfm: true, breaks: false });

let hooked = false;

function hookLinks(): void {
  if (hooked) {
    return;
  }
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A' && /^https?:/i.test(node.getAttribute('href') ?? '')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
    if (node.tagName === 'IMG') {
      node.setAttribute('loading', 'lazy');
    }
  });
}

/**
 * Markdown (questions are written by admins, but still) to HTML that is safe to insert: marked renders,
 * DOMPurify removes scripts, event handlers and javascript: URLs.
 */
export function renderMarkdown(source: string): string {
  hookLinks();
  const html = marked.parse(source ?? '', { async: false });
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
}
