import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import { ApiError } from '../api/problem';
import { useAuth } from '../auth/AuthContext';
import { DifficultyBadge, TopicTags } from '../components/Badges';
import { ErrorNotice, Loading } from '../components/Feedback';
import { useAsync } from '../lib/useAsync';
import { useTopicNames } from '../lib/topics';
import { QuestionBody } from './session/QuestionPanel';

export function QuestionPage() {
  const { id = '' } = useParams();
  const { isAdmin } = useAuth();
  const question = useAsync(() => api.questions.get(id), [id]);
  const names = useTopicNames();
  if (question.loading && !question.data) {
    return <div className="page"><Loading label="Loading the question…" /></div>;
  }
  if (question.error instanceof ApiError && (question.error.status === 404 || question.error.status === 400)) {
    return <div className="page"><h1>Question not found</h1><p>It may have been removed from the bank. <Link to="/questions">All questions</Link></p></div>;
  }
  if (!question.data) {
    return <div className="page"><ErrorNotice error={question.error} onRetry={question.reload} /></div>;
  }
  const q = question.data;
  return (
    <div className="page narrow">
      <p className="breadcrumb"><Link to="/questions">Questions</Link> / {q.title}</p>
      <header className="page-header">
        <div>
          <h1>{q.title}</h1>
          <p className="meta-line"><DifficultyBadge difficulty={q.difficulty} /> <TopicTags topics={q.topics} names={names} /></p>
        </div>
        {isAdmin && <Link className="button" to={`/admin/questions/${q.id}`}>Edit</Link>}
      </header>
      <article className="card question-article"><QuestionBody question={q} level={2} /></article>
    </div>
  );
}
