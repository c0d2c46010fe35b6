export function Pager({ page, size, total, onPage }: { page: number; size: number; total: number; onPage: (page: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / size));
  if (total <= size) {
    return null;
  }
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="button button-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>Previous</button>
      <span aria-live="polite">Page {page} of {pages}</span>
      <button type="button" className="button button-small" disabled={page >= pages} onClick={() => onPage(page + 1)}>Next</button>
    </nav>
  );
}

/** Previous and next for a cursor-paged list: `depth` pages lie before this one; the total is shown when known. */
export function CursorPager({ depth, size, total, hasMore, onPrevious, onNext }: {
  depth: number; size: number; total?: number; hasMore: boolean; onPrevious: () => void; onNext: () => void;
}) {
  if (depth === 0 && !hasMore) {
    return null;
  }
  const pages = total === undefined ? undefined : Math.max(1, Math.ceil(total / size));
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="button button-small" disabled={depth === 0} onClick={onPrevious}>Previous</button>
      <span aria-live="polite">Page {depth + 1}{pages === undefined ? '' : ` of ${pages}`}</span>
      <button type="button" className="button button-small" disabled={!hasMore} onClick={onNext}>Next</button>
    </nav>
  );
}
