import type { ReactNode } from 'react';
import { useI18n, type MessageKey } from '../i18n/i18n.tsx';
import { api, setCsrfToken } from '../lib/api.ts';
import { Link, navigate, useLocation } from '../lib/router.tsx';
import { abilities, useSession, useUser } from '../lib/session.tsx';

interface NavItem {
  to: string;
  label: MessageKey;
}

function navItems(role: Parameters<typeof abilities>[0]): NavItem[] {
  const can = abilities(role);
  const items: NavItem[] = [
    { to: '/', label: 'nav.dashboard' },
    { to: '/posts', label: 'nav.posts' },
    { to: '/pages', label: 'nav.pages' },
    { to: '/media', label: 'nav.media' },
  ];
  if (can.manageTaxonomy) items.push({ to: '/categories', label: 'nav.categories' }, { to: '/tags', label: 'nav.tags' });
  if (can.manageRedirects) items.push({ to: '/redirects', label: 'nav.redirects' });
  if (can.administer) {
    items.push({ to: '/users', label: 'nav.users' }, { to: '/tokens', label: 'nav.tokens' }, { to: '/settings', label: 'nav.settings' }, { to: '/audit', label: 'nav.audit' });
  }
  return items;
}

function isCurrent(item: string, path: string): boolean {
  return item === '/' ? path === '/' : path === item || path.startsWith(item + '/');
}

/** The signed-in frame: skip link, banner with the navigation, and the screen in <main>. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const user = useUser();
  const { refresh } = useSession();
  const { path } = useLocation();
  const signOut = async () => {
    try {
      await api.delete('/session');
    } finally {
      setCsrfToken(null);
      await refresh();
      navigate('/sign-in', { replace: true });
    }
  };
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="banner">
        <p className="brand">
          <Link to="/">{t('app.name')}</Link>
        </p>
        <nav aria-label={t('nav.label')}>
          <ul>
            {navItems(user.role).map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={isCurrent(item.to, path) ? 'page' : undefined}>
                  {t(item.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account-menu">
          <Link to="/account" aria-current={path === '/account' ? 'page' : undefined}>
            {t('nav.account', { name: user.name })}
          </Link>
          <a href="/" className="view-site">
            {t('nav.viewSite')}
          </a>
          <button type="button" onClick={() => void signOut()}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

/** The frame of the screens one sees before signing in. */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <header className="banner banner-public">
        <p className="brand">{t('app.name')}</p>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
