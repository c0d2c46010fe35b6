import { Link, useLocation } from 'react-router-dom';
import { Notice } from '../../components/Feedback';
import { QuestionBrowser } from '../QuestionsPage';

export function AdminQuestionsPage() {
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  return (
    <div className="page">
      <header className="page-header">
        <div><h1>Question bank</h1><p className="muted">Recently changed first. Open a question to edit or delete it.</p></div>
        <Link className="button button-primary" to="/admin/questions/new">New question</Link>
      </header>
      {flash && <Notice kind="success">{flash}</Notice>}
      <QuestionBrowser admin />
    </div>
  );
}
