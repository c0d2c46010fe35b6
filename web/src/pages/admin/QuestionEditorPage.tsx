import { ChangeEvent, FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api';
import { ApiError } from '../../api/problem';
import { DIFFICULTIES, Difficulty, Example, LANGUAGES, Language, Topic } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { Markdown } from '../../components/Markdown';
import { useAsync } from '../../lib/useAsync';
import { QuestionForm, contentOf, emptyForm, formOf, imageMarkdown, insertAt } from './questionForm';

export function QuestionEditorPage() {
  const { id } = useParams();
  const topics = useAsync(() => api.questions.topics(), []);
  const existing = useAsync(() => (id ? api.questions.get(id) : Promise.resolve(undefined)), [id]);

  if ((id && existing.loading && !existing.data) || (topics.loading && !topics.data)) {
    return <div className="page"><Loading /></div>;
  }
  if (existing.error || topics.error) {
    return <div className="page"><ErrorNotice error={existing.error ?? topics.error} onRetry={() => { existing.reload(); topics.reload(); }} /></div>;
  }
  return <Editor key={`${id ?? 'new'}-${existing.data?.version ?? 0}`} id={id} version={existing.data?.version} initial={existing.data ? formOf(existing.data) : emptyForm} topics={topics.data ?? []} />;
}

function Editor({ id, version, initial, topics }: { id?: string; version?: number; initial: QuestionForm; topics: Topic[] }) {
  const navigate = useNavigate();
  const [form, setForm] = useState<QuestionForm>(initial);
  const [error, setError] = useState<{ message: string; field?: string; stale?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const description = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const caretAfterInsert = useRef<number | null>(null);

  useEffect(() => {
    const caret = caretAfterInsert.current;
    if (caret !== null && description.current) {
      description.current.focus();
      description.current.setSelectionRange(caret, caret);
      caretAfterInsert.current = null;
    }
  }, [form.description]);

  const set = <K extends keyof QuestionForm>(key: K, value: QuestionForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const toggleTopic = (slug: string) => set('topics', form.topics.includes(slug) ? form.topics.filter((t) => t !== slug) : [...form.topics, slug]);

  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) {
      return;
    }
    setUploading(true);
    setError(null);
    try {
      const image = await api.questions.uploadImage(file);
      const area = description.current;
      const start = area?.selectionStart ?? form.description.length;
      const end = area?.selectionEnd ?? start;
      const { value, caret } = insertAt(form.description, start, end, imageMarkdown(file.name, image.url));
      caretAfterInsert.current = caret;
      set('description', value);
    } catch (err) {
      setError({ message: `The image was not uploaded: ${(err as Error).message}` });
    } finally {
      setUploading(false);
    }
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const content = contentOf(form);
      const saved = id && version !== undefined ? await api.questions.update(id, version, content) : await api.questions.create(content);
      navigate('/admin/questions', { state: { flash: `“${saved.title}” was ${id ? 'updated' : 'added to the bank'}.` } });
    } catch (err) {
      const problem = err instanceof ApiError ? err.problem : {};
      const stale = err instanceof ApiError && err.status === 412;
      setError({
        message: stale ? 'Someone changed this question since you opened it. Reload to see their version, then apply your changes again.' : (err as Error).message,
        field: problem.field,
        stale,
      });
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!id) {
      return;
    }
    setBusy(true);
    try {
      await api.questions.remove(id);
      navigate('/admin/questions', { state: { flash: `“${form.title}” was deleted.` } });
    } catch (err) {
      setError({ message: (err as Error).message });
      setBusy(false);
      setConfirmDelete(false);
    }
  };

  return (
    <div className="page">
      <p className="breadcrumb"><Link to="/admin/questions">Question bank</Link> / {id ? form.title || 'Edit' : 'New question'}</p>
      <header className="page-header">
        <h1>{id ? 'Edit question' : 'New question'}</h1>
        {id && <button type="button" className="button button-danger" onClick={() => setConfirmDelete(true)} disabled={busy}>Delete</button>}
      </header>
      <form className="editor-form" onSubmit={save} noValidate>
        <div className="field-row">
          <div className="field grow">
            <label htmlFor="qe-title">Title</label>
            <input id="qe-title" required minLength={3} maxLength={120} value={form.title} onChange={(e) => set('title', e.target.value)} aria-invalid={error?.field === 'title' || undefined} />
          </div>
          <div className="field">
            <label htmlFor="qe-difficulty">Difficulty</label>
            <select id="qe-difficulty" value={form.difficulty} onChange={(e) => set('difficulty', e.target.value as Difficulty)}>
              {DIFFICULTIES.map((d) => <option key={d} value={d}>{d}</option>)}
            </select>
          </div>
        </div>
        <fieldset className="field topic-picker">
          <legend>Topics <span className="optional">(1 to 5)</span></legend>
          {topics.map((t) => (
            <label key={t.slug} className="check">
              <input type="checkbox" checked={form.topics.includes(t.slug)} onChange={() => toggleTopic(t.slug)} /> {t.name}
            </label>
          ))}
        </fieldset>
        <div className="markdown-editor">
          <div className="field">
            <div className="label-row">
              <label htmlFor="qe-description">Description (Markdown)</label>
              <button type="button" className="button button-small" onClick={() => fileInput.current?.click()} disabled={uploading}>
                {uploading ? 'Uploading…' : 'Insert image…'}
              </button>
              <input ref={fileInput} type="file" accept="image/png,image/jpeg,image/webp,image/gif" className="visually-hidden"
                onChange={upload} aria-label="Image to upload" data-testid="image-input" tabIndex={-1} />
            </div>
            <textarea id="qe-description" ref={description} rows={18} value={form.description} onChange={(e) => set('description', e.target.value)}
              aria-invalid={error?.field === 'description' || undefined} />
          </div>
          <div className="preview" role="region" aria-label="Preview" tabIndex={0}>
            <span className="preview-label">Preview</span>
            {form.description.trim() ? <Markdown source={form.description} /> : <p className="muted">The description shows here as participants will see it.</p>}
          </div>
        </div>
        <ExamplesEditor examples={form.examples} onChange={(examples) => set('examples', examples)} />
        <div className="field-row">
          <div className="field grow">
            <label htmlFor="qe-constraints">Constraints <span className="optional">(one per line)</span></label>
            <textarea id="qe-constraints" rows={4} value={form.constraints} onChange={(e) => set('constraints', e.target.value)} />
          </div>
          <div className="field grow">
            <label htmlFor="qe-hints">Hints <span className="optional">(one per line)</span></label>
            <textarea id="qe-hints" rows={4} value={form.hints} onChange={(e) => set('hints', e.target.value)} />
          </div>
        </div>
        <details className="starter">
          <summary>Starter code</summary>
          <div className="starter-grid">
            {LANGUAGES.map((l) => (
              <div className="field" key={l.id}>
                <label htmlFor={`qe-starter-${l.id}`}>{l.label}</label>
                <textarea id={`qe-starter-${l.id}`} className="mono" rows={6} value={form.starterCode[l.id as Language]}
                  onChange={(e) => set('starterCode', { ...form.starterCode, [l.id]: e.target.value })} />
              </div>
            ))}
          </div>
        </details>
        {error && (
          <div className="form-error" role="alert">
            {error.message}{error.stale && <> <a href={window.location.pathname}>Reload</a></>}
          </div>
        )}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={busy}>{busy ? 'Saving…' : id ? 'Save changes' : 'Create question'}</button>
          <Link className="button button-ghost" to="/admin/questions">Cancel</Link>
        </div>
      </form>
      <ConfirmDialog open={confirmDelete} title="Delete this question?" confirmLabel="Delete" danger busy={busy}
        onCancel={() => setConfirmDelete(false)} onConfirm={remove}>
        <p>“{form.title}” leaves the bank for good. Past attempts keep their copy of its title.</p>
      </ConfirmDialog>
    </div>
  );
}

function ExamplesEditor({ examples, onChange }: { examples: Example[]; onChange: (e: Example[]) => void }) {
  const update = (i: number, key: keyof Example, value: string) => onChange(examples.map((e, j) => (j === i ? { ...e, [key]: value } : e)));
  return (
    <fieldset className="field examples-editor">
      <legend>Examples</legend>
      {examples.length === 0 && <p className="muted">No examples yet.</p>}
      {examples.map((ex, i) => (
        <div className="example-row" key={i}>
          <div className="field">
            <label htmlFor={`ex-in-${i}`}>Input {i + 1}</label>
            <textarea id={`ex-in-${i}`} className="mono" rows={2} value={ex.input} onChange={(e) => update(i, 'input', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`ex-out-${i}`}>Output {i + 1}</label>
            <textarea id={`ex-out-${i}`} className="mono" rows={2} value={ex.output} onChange={(e) => update(i, 'output', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`ex-why-${i}`}>Explanation</label>
            <textarea id={`ex-why-${i}`} rows={2} value={ex.explanation ?? ''} onChange={(e) => update(i, 'explanation', e.target.value)} />
          </div>
          <button type="button" className="button button-small button-ghost" onClick={() => onChange(examples.filter((_, j) => j !== i))}>
            Remove<span className="visually-hidden"> example {i + 1}</span>
          </button>
        </div>
      ))}
      {examples.length < 10 && (
        <button type="button" className="button button-small" onClick={() => onChange([...examples, { input: '', output: '', explanation: '' }])}>Add an example</button>
      )}
    </fieldset>
  );
}
