import { lazy, Suspense, useCallback, useEffect, useState, type ReactNode } from 'react';
import { ErrorMessage, Loading } from './components/Feedback.tsx';
import { Layout, PublicLayout } from './components/Layout.tsx';
import { Screen } from './components/Screen.tsx';
import { browserLocale, I18nProvider, isLocale, useI18n } from './i18n/i18n.tsx';
import { api, ApiError, setApiLanguage, setCsrfToken } from './lib/api.ts';
import { match, navigate, Redirect, useLocation } from './lib/router.tsx';
import { SessionContext, useSession, type Session } from './lib/session.tsx';
import { asApiError } from './lib/use-api.ts';
import { Account } from './screens/Account.tsx';
import { Audit } from './screens/Audit.tsx';
import { Dashboard } from './screens/Dashboard.tsx';
import { Invite } from './screens/Invite.tsx';
import { MediaLibrary } from './screens/Media.tsx';
import { PostList } from './screens/PostList.tsx';
import { Redirects } from './screens/Redirects.tsx';
import { SecondFactorScreen } from './screens/SecondFactor.tsx';
import { Settings } from './screens/Settings.tsx';
import { Setup } from './screens/Setup.tsx';
import { SignIn } from './screens/SignIn.tsx';
import { Taxonomy } from './screens/Taxonomy.tsx';
import { Tokens } from './screens/Tokens.tsx';
import { Users } from './screens/Users.tsx';

// The editor (Tiptap, ProseMirror) is the heaviest screen: it loads when first opened.
const EditorScreen = lazy(() => import('./screens/post-editor/EditorScreen.tsx'));

const PUBLIC_PATHS = new Set(['/sign-in', '/setup', '/invite']);

type Loaded = { status: 'loading' } | { status: 'ready'; session: Session | null } | { status: 'failed'; error: ApiError };

async function readSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/session');
    setCsrfToken(session.csrfToken ?? null);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function App() {
  const [state, setState] = useState<Loaded>({ status: 'loading' });
  const refresh = useCallback(async () => {
    try {
      const session = await readSession();
      setState({ status: 'ready', session });
      return session;
    } catch (error) {
      setState({ status: 'failed', error: asApiError(error) });
      return null;
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const session = state.status === 'ready' ? state.session : null;
  const locale = isLocale(session?.user.locale) ? session.user.locale : browserLocale();
  useEffect(() => {
    document.documentElement.lang = locale;
    setApiLanguage(locale);
  }, [locale]);

  return (
    <I18nProvider locale={locale}>
      <SessionContext.Provider value={{ session, refresh }}>
        {state.status === 'loading' ? (
          <PublicLayout>
            <Loading />
          </PublicLayout>
        ) : state.status === 'failed' ? (
          <PublicLayout>
            <ErrorMessage error={state.error} />
          </PublicLayout>
        ) : (
          <Routes session={state.session} />
        )}
      </SessionContext.Provider>
    </I18nProvider>
  );
}

function Routes({ session }: { session: Session | null }) {
  const { path, search } = useLocation();
  const { refresh } = useSession();
  if (!session) {
    if (path === '/setup') return <PublicLayout><Setup /></PublicLayout>;
    if (path === '/invite') return <PublicLayout><Invite /></PublicLayout>;
    if (path === '/sign-in') return <PublicLayout><SignIn /></PublicLayout>;
    const next = path === '/' ? '' : '?next=' + encodeURIComponent(path + (search.size ? '?' + search.toString() : ''));
    return <Redirect to={'/sign-in' + next} />;
  }
  if (session.secondFactorPending) {
    return (
      <PublicLayout>
        <SecondFactorScreen onDone={() => void refresh().then(() => navigate('/', { replace: true }))} />
      </PublicLayout>
    );
  }
  if (PUBLIC_PATHS.has(path)) return <Redirect to="/" />;
  return (
    <Layout>
      <Suspense fallback={<Loading />}>{screenFor(path)}</Suspense>
    </Layout>
  );
}

function screenFor(path: string): ReactNode {
  if (path === '/') return <Dashboard />;
  if (path === '/posts') return <PostList key="posts" type="post" />;
  if (path === '/pages') return <PostList key="pages" type="page" />;
  // One key per type: the editor keeps its state when a new post gets its address.
  if (path === '/posts/new') return <EditorScreen key="post-editor" type="post" id={null} />;
  if (path === '/pages/new') return <EditorScreen key="page-editor" type="page" id={null} />;
  const edited = match('/:kind/:id', path);
  if (edited && (edited.kind === 'posts' || edited.kind === 'pages') && /^\d+$/.test(edited.id!)) {
    const type = edited.kind === 'posts' ? 'post' : 'page';
    return <EditorScreen key={`${type}-editor`} type={type} id={Number(edited.id)} />;
  }
  switch (path) {
    case '/media':
      return <MediaLibrary />;
    case '/categories':
      return <Taxonomy key="categories" kind="categories" />;
    case '/tags':
      return <Taxonomy key="tags" kind="tags" />;
    case '/redirects':
      return <Redirects />;
    case '/users':
      return <Users />;
    case '/tokens':
      return <Tokens />;
    case '/settings':
      return <Settings />;
    case '/audit':
      return <Audit />;
    case '/account':
      return <Account />;
  }
  return <NotFound />;
}

function NotFound() {
  const { t } = useI18n();
  return (
    <Screen title={t('app.notFound')}>
      <p>{t('app.notFoundText')}</p>
    </Screen>
  );
}
