import { useEffect, useId, useRef } from 'react';
import { LANGUAGES, Language } from '../../api/types';

function label(language: Language): string {
  return LANGUAGES.find((l) => l.id === language)?.label ?? language;
}

/** Asked when the code was edited and the new language has starter code: replace it, keep it, or stay. */
export function LanguageSwitchDialog({ to, onReplace, onKeep, onCancel }: {
  to: Language | null; onReplace: () => void; onKeep: () => void; onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) {
      return;
    }
    if (to && !dialog.open) {
      dialog.showModal();
      keepRef.current?.focus();
    } else if (!to && dialog.open) {
      dialog.close();
    }
  }, [to]);

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onCancel={(e) => { e.preventDefault(); onCancel(); }}>
      <h2 id={titleId}>{to ? `Switch to ${label(to)}?` : 'Switch language'}</h2>
      <div className="dialog-body">
        <p>The code has been edited. Replace it with the {to ? label(to) : ''} starter code for both of you, or keep it as it is?</p>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>Cancel</button>
        <button ref={keepRef} type="button" className="button" onClick={onKeep}>Keep my code</button>
        <button type="button" className="button button-primary" onClick={onReplace}>Replace with starter code</button>
      </div>
    </dialog>
  );
}
