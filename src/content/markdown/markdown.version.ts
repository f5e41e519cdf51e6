/**
 * The edition of the HTML and plain text the Markdown pipeline writes. Each post keeps the edition and the
 * language its stored HTML was rendered with (`posts.render_version`, `posts.render_locale`), and
 * a serving process renders again, in the background, the posts whose HTML is older than this
 * edition or in another language than the site's (content/stale-renders.service.ts).
 *
 * Raise it by one in the change that makes the pipeline write different HTML or text for a body
 * it already accepted (a new element, an attribute, a fixed escape): the posts saved before then
 * show the new HTML after the upgrade without anyone saving them again. A change that only
 * accepts what was refused before leaves it as it is.
 */
export const RENDER_VERSION = 2;
// 2: the plain text sets blocks apart (search snippets no longer run a heading into its paragraph).
