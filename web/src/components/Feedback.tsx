import { ReactNode } from 'react';
import { messageOf } from '../api/problem';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

/** An error as the service explained it, with a way forward when there is one. */
export function ErrorNotice({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  if (!error) {
    return null;
  }
  return (
    <div className="notice notice-error" role="alert">
      <div>
        {title && <strong>{title} </strong>}
        <span>{messageOf(error)}</span>
      </div>
      {onRetry && <button type="button" className="button button-small" onClick={onRetry}>Try again</button>}
    </div>
  );
}

export function Notice({ kind = 'info', children, onDismiss }: { kind?: 'info' | 'success' | 'warning' | 'error'; children: ReactNode; onDismiss?: () => void }) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' || kind === 'warning' ? 'alert' : 'status'}>
      <div>{children}</div>
      {onDismiss && (
        <button type="button" className="icon-button" onClick={onDismiss} aria-label="Dismiss">×</button>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}
