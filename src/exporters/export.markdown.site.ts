import type { SiteSettings } from '../settings/settings.ts';

/**
 * The few files that let a Markdown export build as it is with Eleventy 3 (`npx @11ty/eleventy`)
 * and Hugo (`hugo`), beside the content. The Markdown importer reads only `.md` files, so none
 * of these is taken for content when the folder is imported back into Kiosque.
 *
 * Kiosque's own blocks (`:::pullquote`, `:::table[…]`, `:::sources`, `::video`, `::readmore`) stay
 * in the Markdown as written, because Kiosque reads them back into the same page. Eleventy's
 * configuration below turns them into plain HTML before Markdown runs, so its pages show a
 * pull-quote, a captioned table, a sources section, a video link and a "read more" link; Hugo has no
 * such hook and shows those few lines as text (docs in the README's "Exporting" section).
 */

export function eleventyConfig(settings: SiteSettings): string {
  const readMore = settings.locale === 'fr' ? 'Lire la suite' : 'Read more';
  const sources = 'Sources';
  return `// Eleventy 3 configuration written by Kiosque's Markdown export: \`npx @11ty/eleventy\` builds _site/.
const READ_MORE = ${JSON.stringify(readMore)};
const SOURCES = ${JSON.stringify(sources)};

export default function (eleventyConfig) {
  // Media keep their Kiosque addresses: static/media/… is served as /media/….
  eleventyConfig.addPassthroughCopy({ static: "/" });
  // Category and author files (Hugo's term pages) describe terms: they are not pages of their own here.
  eleventyConfig.ignores.add("content/categories/**");
  eleventyConfig.ignores.add("content/authors/**");
  eleventyConfig.addPreprocessor("kiosque", "md", (data, content) => {
    // Drafts and posts scheduled for later stay unpublished, as in Kiosque and Hugo.
    if (data.draft === true) return false;
    if (data.date && new Date(data.date).getTime() > Date.now()) return false;
    return kiosqueBlocksToHtml(content);
  });
  eleventyConfig.addTemplate(
    "_includes/kiosque-page.liquid",
    '<!doctype html>\\n<html lang="${settings.locale}">\\n<meta charset="utf-8">\\n<title>{{ title | escape }}</title>\\n' +
      '<meta name="description" content="{{ description | default: seo_description | default: summary | escape }}">\\n<article>\\n<h1>{{ title | escape }}</h1>\\n' +
      '{% if image %}<figure><img src="{{ image | escape }}" alt="{{ image_alt | escape }}">{% if image_caption %}<figcaption>{{ image_caption | escape }}</figcaption>{% endif %}</figure>{% endif %}\\n' +
      '{{ content }}\\n</article>\\n</html>\\n',
  );
  eleventyConfig.addGlobalData("layout", "kiosque-page.liquid");
  return {
    dir: { input: "content", output: "_site" },
    // Articles are Markdown only: a "{{" in a sentence is text, not a template tag.
    markdownTemplateEngine: false,
  };
}

const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const attributesOf = (text = "") => Object.fromEntries([...text.matchAll(/([\\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
const safeHref = (href = "") => (/^(https?:\\/\\/|\\/)/.test(href) ? escapeHtml(href) : "#");

/** Kiosque's blocks as HTML around their Markdown content, leaving code blocks alone. */
function kiosqueBlocksToHtml(content) {
  const out = [];
  const open = [];
  let fence;
  for (const line of content.split("\\n")) {
    const fenceMark = /^\\s{0,3}(\`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (fenceMark && fenceMark[1][0] === fence[0] && fenceMark[1].length >= fence.length) fence = undefined;
      out.push(line);
      continue;
    }
    if (fenceMark) {
      fence = fenceMark[1];
      out.push(line);
      continue;
    }
    const container = /^\\s{0,3}(:{3,})([\\w-]+)(?:\\[(.*)\\])?(?:\\{.*\\})?\\s*$/.exec(line);
    if (container) {
      const [, colons, name, label] = container;
      const text = label ? escapeHtml(label) : "";
      if (name === "pullquote") {
        out.push("", '<figure class="pullquote"><blockquote>', "");
        open.push({ colons, close: ["", "</blockquote>" + (text ? "<figcaption>" + text + "</figcaption>" : "") + "</figure>", ""] });
      } else if (name === "sources") {
        out.push("", '<section class="sources"><h2>' + (text || SOURCES) + "</h2>", "");
        open.push({ colons, close: ["", "</section>", ""] });
      } else if (name === "table") {
        out.push("", '<figure class="table">' + (text ? "<figcaption>" + text + "</figcaption>" : ""), "");
        open.push({ colons, close: ["", "</figure>", ""] });
      } else {
        open.push({ colons, close: [] });
      }
      continue;
    }
    const closing = /^\\s{0,3}(:{3,})\\s*$/.exec(line);
    if (closing && open.length > 0 && closing[1].length >= open[open.length - 1].colons.length) {
      out.push(...open.pop().close);
      continue;
    }
    const leaf = /^\\s{0,3}::(video|readmore)(?:\\[(.*?)\\])?(?:\\{(.*)\\})?\\s*$/.exec(line);
    if (leaf) {
      const [, name, label, attributes] = leaf;
      const values = attributesOf(attributes);
      if (name === "video") {
        const url = values.url || "";
        out.push("", '<p class="video"><a href="' + safeHref(url) + '">' + escapeHtml(values.title || url) + "</a></p>", "");
      } else {
        out.push("", '<p class="read-more"><a href="' + safeHref(values.href) + '">' + escapeHtml(label || READ_MORE) + "</a></p>", "");
      }
      continue;
    }
    // A heading's own address, "## Titre {#id}" (Hugo reads it as is), as an anchor Eleventy keeps.
    const heading = /^(\\s{0,3}#{1,6}[ \\t]+)(.*?)[ \\t]*\\{#([\\p{L}\\p{N}][\\p{L}\\p{N}_.-]*)\\}[ \\t]*$/u.exec(line);
    if (heading && heading[2] !== "") {
      out.push(heading[1] + '<a id="' + escapeHtml(heading[3]) + '"></a>' + heading[2]);
      continue;
    }
    // A web address alone on its line is a link (a video, in Kiosque), as GitHub's Markdown makes it.
    const address = /^\\s{0,3}(https?:\\/\\/\\S+)\\s*$/.exec(line);
    out.push(address ? "<" + address[1] + ">" : line);
  }
  return out.join("\\n");
}
`;
}

export function hugoConfig(settings: SiteSettings, siteUrl: string): string {
  const toml = (text: string) => JSON.stringify(text);
  return [
    '# Hugo configuration written by Kiosque\'s Markdown export: `hugo` builds public/.',
    `baseURL = ${toml(siteUrl + '/')}`,
    `title = ${toml(settings.title)}`,
    `languageCode = ${toml(settings.locale)}`,
    `timeZone = ${toml(settings.timezone)}`,
    'enableEmoji = true',
    '',
    '[taxonomies]',
    "  category = 'categories'",
    "  tag = 'tags'",
    '',
    '# Articles may hold HTML (Kiosque sanitised it when they were saved).',
    '[markup.goldmark.renderer]',
    '  unsafe = true',
    '',
  ].join('\n');
}

/** The least Hugo needs to write a page for each article and a list for each section and term. */
export const HUGO_LAYOUTS: Record<string, string> = {
  'layouts/_default/baseof.html':
    '<!doctype html>\n<html lang="{{ .Site.LanguageCode }}">\n<meta charset="utf-8">\n<title>{{ .Title }}</title>\n' +
    '<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ with .Params.seo_description }}{{ . }}{{ else }}{{ .Summary | plainify }}{{ end }}{{ end }}">\n' +
    '{{ block "main" . }}{{ end }}\n</html>\n',
  'layouts/_default/single.html': '{{ define "main" }}<article>\n<h1>{{ .Title }}</h1>\n{{ .Content }}\n</article>{{ end }}\n',
  'layouts/_default/list.html':
    '{{ define "main" }}<h1>{{ .Title }}</h1>\n<ul>\n{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>\n{{ end }}</ul>{{ end }}\n',
};
