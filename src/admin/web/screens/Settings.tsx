import { useEffect, useState, type FormEvent } from 'react';
import { ErrorMessage, FormError, Loading, Notice } from '../components/Feedback.tsx';
import { Checkbox, SelectField, SubmitButton, TextArea, TextField } from '../components/Fields.tsx';
import { Screen } from '../components/Screen.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { api } from '../lib/api.ts';
import { forgetSiteTimeZone } from '../lib/timezone.ts';
import { useAction, useApi } from '../lib/use-api.ts';

interface FooterLink {
  label: string;
  path: string;
}

interface SiteSettings {
  title: string;
  description: string;
  locale: 'fr' | 'en';
  timezone: string;
  permalinkPattern: string;
  postsPerPage: number;
  footerLinks: FooterLink[];
  featuredOnHome: number;
  highlightedOnHome: number;
  siteUrl: string;
  hideFromSearchEngines: boolean;
  articleSchemaType: 'NewsArticle' | 'BlogPosting';
  robotsTxt: string;
  feedContent: 'full' | 'excerpt';
}

const PERMALINKS = ['/%postname%/', '/%year%/%monthnum%/%postname%/', '/%year%/%monthnum%/%day%/%postname%/', '/%post_id%/%postname%/'];

function timeZones(current: string): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return supported.includes(current) ? supported : [current, ...supported];
}

function SettingsForm({ initial }: { initial: SiteSettings }) {
  const { t } = useI18n();
  const [settings, setSettings] = useState<SiteSettings>(initial);
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof SiteSettings>(key: K, value: SiteSettings[K]) => setSettings((s) => ({ ...s, [key]: value }));
  const save = useAction(async () => {
    const changes = Object.fromEntries(Object.entries(settings).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(initial[key as keyof SiteSettings])));
    await api.patch('/settings', changes);
    forgetSiteTimeZone();
    setSaved(true);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void save.run();
  };
  const links = settings.footerLinks ?? [];
  const setLink = (index: number, changes: Partial<FooterLink>) => set('footerLinks', links.map((link, i) => (i === index ? { ...link, ...changes } : link)));
  const fields = ['title', 'description', 'locale', 'timezone', 'permalinkPattern', 'postsPerPage', 'featuredOnHome', 'highlightedOnHome', 'footerLinks', 'siteUrl', 'hideFromSearchEngines', 'articleSchemaType', 'robotsTxt', 'feedContent'];
  return (
    <form onSubmit={submit} noValidate>
      <FormError error={save.error} fields={fields} />
      <fieldset>
        <legend>{t('settings.site')}</legend>
        <TextField label={t('settings.siteTitle')} name="title" value={settings.title} onChange={(v) => set('title', v)} error={save.error} required />
        <TextArea label={t('settings.description')} name="description" value={settings.description} onChange={(v) => set('description', v)} error={save.error} rows={3} />
        <SelectField
          label={t('settings.locale')}
          name="locale"
          value={settings.locale}
          onChange={(v) => set('locale', v as SiteSettings['locale'])}
          error={save.error}
          options={[
            { value: 'fr', label: 'Français' },
            { value: 'en', label: 'English' },
          ]}
        />
        <SelectField
          label={t('settings.timezone')}
          name="timezone"
          value={settings.timezone}
          onChange={(v) => set('timezone', v)}
          error={save.error}
          options={timeZones(settings.timezone).map((zone) => ({ value: zone, label: zone }))}
        />
      </fieldset>
      <fieldset>
        <legend>{t('settings.reading')}</legend>
        <SelectField
          label={t('settings.permalink')}
          name="permalinkPattern"
          value={settings.permalinkPattern}
          onChange={(v) => set('permalinkPattern', v)}
          error={save.error}
          options={(PERMALINKS.includes(settings.permalinkPattern) ? PERMALINKS : [settings.permalinkPattern, ...PERMALINKS]).map((p) => ({ value: p, label: p }))}
        />
        <TextField
          label={t('settings.postsPerPage')}
          name="postsPerPage"
          type="number"
          min={1}
          max={100}
          value={String(settings.postsPerPage)}
          onChange={(v) => set('postsPerPage', Number(v))}
          error={save.error}
        />
        <TextField
          label={t('settings.featuredOnHome')}
          name="featuredOnHome"
          type="number"
          min={0}
          max={6}
          value={String(settings.featuredOnHome ?? 0)}
          onChange={(v) => set('featuredOnHome', Number(v))}
          error={save.error}
        />
        <TextField
          label={t('settings.highlightedOnHome')}
          name="highlightedOnHome"
          type="number"
          min={0}
          max={12}
          value={String(settings.highlightedOnHome ?? 0)}
          onChange={(v) => set('highlightedOnHome', Number(v))}
          error={save.error}
        />
      </fieldset>
      <fieldset>
        <legend>{t('settings.search')}</legend>
        <TextField
          label={t('settings.siteUrl')}
          name="siteUrl"
          type="url"
          hint={t('settings.siteUrlHint')}
          value={settings.siteUrl ?? ''}
          onChange={(v) => set('siteUrl', v.trim().replace(/\/+$/, ''))}
          error={save.error}
        />
        <Checkbox
          label={t('settings.hideFromSearchEngines')}
          name="hideFromSearchEngines"
          hint={t('settings.hideFromSearchEnginesHint')}
          checked={settings.hideFromSearchEngines ?? false}
          onChange={(v) => set('hideFromSearchEngines', v)}
        />
        <SelectField
          label={t('settings.articleSchemaType')}
          name="articleSchemaType"
          value={settings.articleSchemaType ?? 'NewsArticle'}
          onChange={(v) => set('articleSchemaType', v as SiteSettings['articleSchemaType'])}
          error={save.error}
          options={[
            { value: 'NewsArticle', label: t('settings.newsArticle') },
            { value: 'BlogPosting', label: t('settings.blogPosting') },
          ]}
        />
        <SelectField
          label={t('settings.feedContent')}
          name="feedContent"
          value={settings.feedContent ?? 'full'}
          onChange={(v) => set('feedContent', v as SiteSettings['feedContent'])}
          error={save.error}
          options={[
            { value: 'full', label: t('settings.feedFull') },
            { value: 'excerpt', label: t('settings.feedExcerpt') },
          ]}
        />
        <TextArea
          label={t('settings.robotsTxt')}
          name="robotsTxt"
          hint={t('settings.robotsTxtHint')}
          value={settings.robotsTxt ?? ''}
          onChange={(v) => set('robotsTxt', v)}
          error={save.error}
          rows={6}
        />
      </fieldset>
      <fieldset>
        <legend>{t('settings.footerLinks')}</legend>
        {links.map((link, index) => (
          <div className="link-row" key={index}>
            <TextField label={t('settings.linkLabel', { n: index + 1 })} name={`footerLinks.${index}.label`} value={link.label} onChange={(label) => setLink(index, { label })} error={save.error} />
            <TextField label={t('settings.linkPath', { n: index + 1 })} name={`footerLinks.${index}.path`} value={link.path} onChange={(path) => setLink(index, { path })} error={save.error} />
            <button type="button" className="danger" onClick={() => set('footerLinks', links.filter((_, i) => i !== index))}>
              {t('settings.removeLink', { n: index + 1 })}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => set('footerLinks', [...links, { label: '', path: '/' }])}>
          {t('settings.addLink')}
        </button>
      </fieldset>
      <SubmitButton busy={save.busy}>{t('app.save')}</SubmitButton>
      {saved && <Notice>{t('app.saved')}</Notice>}
    </form>
  );
}

/** The site's settings, for administrators. */
export function Settings() {
  const { t } = useI18n();
  const settings = useApi(() => api.get<Record<string, unknown>>('/settings'), 'settings');
  const [initial, setInitial] = useState<SiteSettings | null>(null);
  useEffect(() => {
    if (settings.data) setInitial(((settings.data.settings as SiteSettings | undefined) ?? settings.data) as unknown as SiteSettings);
  }, [settings.data]);
  return (
    <Screen title={t('settings.title')}>
      {settings.loading ? <Loading /> : settings.error ? <ErrorMessage error={settings.error} /> : initial && <SettingsForm initial={initial} />}
    </Screen>
  );
}
