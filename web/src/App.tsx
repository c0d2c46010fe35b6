import { lazy, ReactElement, Suspense, useEffect } from 'react';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router-dom';
import { AuthProvider } from './auth/AuthContext';
import { RequireAuth } from './auth/RequireAuth';
import { ThemeProvider } from './theme/theme';
import { Layout } from './components/Layout';
import { LoginPage } from './pages/LoginPage';
import { SignupPage } from './pages/SignupPage';
import { DashboardPage } from './pages/DashboardPage';
import { HistoryPage } from './pages/HistoryPage';
import { StatsPage } from './pages/StatsPage';
import { ProfilePage } from './pages/ProfilePage';
import { QuestionsPage } from './pages/QuestionsPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { Loading } from './components/Feedback';

// The editor (CodeMirror, each language's grammar on its own) is only loaded by the pages that show
// code, and Markdown (marked, DOMPurify) only by the pages that show a question.
const QuestionPage = lazy(() => import('./pages/QuestionPage').then((m) => ({ default: m.QuestionPage })));
const SessionPage = lazy(() => import('./pages/SessionPage').then((m) => ({ default: m.SessionPage })));
const AttemptPage = lazy(() => import('./pages/AttemptPage').then((m) => ({ default: m.AttemptPage })));
const QuestionEditorPage = lazy(() => import('./pages/admin/QuestionEditorPage').then((m) => ({ default: m.QuestionEditorPage })));
const AdminQuestionsPage = lazy(() => import('./pages/admin/AdminQuestionsPage').then((m) => ({ default: m.AdminQuestionsPage })));
const AdminUsersPage = lazy(() => import('./pages/admin/AdminUsersPage').then((m) => ({ default: m.AdminUsersPage })));

const TITLES: [RegExp, string][] = [
  [/^\/login/, 'Sign in'], [/^\/signup/, 'Sign up'], [/^\/session\//, 'Session'], [/^\/history\/.+/, 'Attempt'],
  [/^\/history/, 'History'], [/^\/stats/, 'My stats'], [/^\/profile/, 'Profile'], [/^\/questions/, 'Questions'],
  [/^\/admin\/questions/, 'Question bank'], [/^\/admin\/users/, 'Users'], [/^\/$/, 'Practice'],
];

/** Names the tab after the page, so history and screen readers tell pages apart. */
function PageTitle() {
  const { pathname } = useLocation();
  useEffect(() => {
    const found = TITLES.find(([re]) => re.test(pathname));
    document.title = found ? `${found[1]} · PeerPrep` : 'PeerPrep';
  }, [pathname]);
  return null;
}

function page(element: ReactElement, options: { admin?: boolean; wide?: boolean; fill?: boolean } = {}) {
  return (
    <Layout wide={options.wide} fill={options.fill}>
      <RequireAuth admin={options.admin}>
        <Suspense fallback={<div className="page"><Loading /></div>}>{element}</Suspense>
      </RequireAuth>
    </Layout>
  );
}

export function App() {
  return (
    <ThemeProvider>
      <AuthProvider>
        <BrowserRouter>
          <PageTitle />
          <Routes>
            <Route path="/login" element={<Layout><LoginPage /></Layout>} />
            <Route path="/signup" element={<Layout><SignupPage /></Layout>} />
            <Route path="/" element={page(<DashboardPage />)} />
            <Route path="/session/:sessionId" element={page(<SessionPage />, { fill: true })} />
            <Route path="/history" element={page(<HistoryPage />)} />
            <Route path="/history/:sessionId" element={page(<AttemptPage />)} />
            <Route path="/stats" element={page(<StatsPage />)} />
            <Route path="/profile" element={page(<ProfilePage />)} />
            <Route path="/questions" element={page(<QuestionsPage />)} />
            <Route path="/questions/:id" element={page(<QuestionPage />)} />
            <Route path="/admin/questions" element={page(<AdminQuestionsPage />, { admin: true })} />
            <Route path="/admin/questions/new" element={page(<QuestionEditorPage />, { admin: true })} />
            <Route path="/admin/questions/:id" element={page(<QuestionEditorPage />, { admin: true })} />
            <Route path="/admin/users" element={page(<AdminUsersPage />, { admin: true })} />
            <Route path="*" element={<Layout><NotFoundPage /></Layout>} />
          </Routes>
        </BrowserRouter>
      </AuthProvider>
    </ThemeProvider>
  );
}
