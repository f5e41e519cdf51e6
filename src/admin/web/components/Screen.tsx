import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useLocation } from '../lib/router.tsx';

let firstScreen = true;

/**
 * A screen's title. When the person moves to another screen, focus goes to its heading so that a
 * screen reader announces where they are, as a full page load would.
 */
export function Screen({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const { path } = useLocation();
  useEffect(() => {
    document.title = t('app.documentTitle', { screen: title });
  }, [title, t]);
  // On the address, not on mounting: two screens of one kind (posts, then pages) share a component.
  useEffect(() => {
    if (firstScreen) firstScreen = false;
    else heading.current?.focus();
  }, [path]);
  return (
    <>
      <div className="screen-header">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions && <div className="screen-actions">{actions}</div>}
      </div>
      {children}
    </>
  );
}
