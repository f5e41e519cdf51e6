import type {
  ArchiveView,
  ArticleView,
  HomeView,
  PostSummary,
  SiteChrome,
  StaticPageView,
} from '../site.models.ts';

/**
 * Hand-made view models shaped like the blog Kiosque serves first, for the view tests and for
 * checking the pages in a browser and a validator.
 */

export function makeChrome(overrides: Partial<SiteChrome> = {}): SiteChrome {
  return {
    locale: 'fr',
    title: 'Le Blog Ecommerce',
    description: 'Actualité du Ecommerce, du SEO et du SEA',
    navigation: [
      { label: 'Ecommerce', href: '/categorie/ecommerce/' },
      { label: 'SEO - SEA', href: '/categorie/seo-sea/' },
      { label: 'Distribution', href: '/categorie/distribution/' },
      { label: 'Entrepreneuriat', href: '/categorie/entrepreneuriat/' },
      { label: 'Monétique', href: '/categorie/monetique/' },
      { label: 'Web', href: '/categorie/web/' },
      { label: 'Autres sujets', href: '/categorie/autres-sujets/' },
    ],
    footerLinks: [
      { label: 'Mentions légales', href: '/mentions-legales/' },
      { label: 'Politique de confidentialité', href: '/confidentialite/' },
      { label: 'Contact', href: '/contact/' },
    ],
    stylesheetHref: '/assets/site.css',
    faviconHref: '/assets/favicon.svg',
    currentPath: '/',
    siteUrl: 'https://www.blog-ecommerce.example',
    timeZone: 'Europe/Paris',
    search: { hidden: false, articleSchemaType: 'NewsArticle' },
    ...overrides,
  };
}

const author = { label: 'Claire Martin', href: '/auteur/claire-martin/' };
const ecommerce = { label: 'Ecommerce', href: '/categorie/ecommerce/' };
const distribution = { label: 'Distribution', href: '/categorie/distribution/' };
const seo = { label: 'SEO - SEA', href: '/categorie/seo-sea/' };
const web = { label: 'Web', href: '/categorie/web/' };
const monetique = { label: 'Monétique', href: '/categorie/monetique/' };

export function makePost(overrides: Partial<PostSummary> = {}): PostSummary {
  return {
    title: 'Ecommerce : 112 milliards d’euros de chiffre d’affaires en 2020',
    url: '/ecommerce-112-milliards-2020/',
    excerpt:
      'La Fevad publie le bilan annuel du Ecommerce : le chiffre d’affaires progresse encore pour atteindre 112 milliards d’euros, un record.',
    publishedAt: '2021-02-04T09:15:00Z',
    author,
    categories: [ecommerce],
    image: { src: '/media/fevad-2020.jpg', alt: 'Graphique de l’évolution du chiffre d’affaires', width: 1200, height: 675 },
    readingMinutes: 3,
    ...overrides,
  };
}

export const posts = {
  ovh: makePost({
    title: 'OVH : « On Vous Habitue »… aux incidents. Dossier complet sur l’incendie et les manquements relevés',
    url: '/incendie-ovh-dossier-complet/',
    excerpt:
      'Un incendie s’est déclaré le 10 mars dans des locaux abritant des data centers OVH à Strasbourg. Que s’est-il passé ? Quels recours pour les clients ?',
    publishedAt: '2021-03-22T08:30:00Z',
    categories: [ecommerce, web],
    image: { src: '/media/incendie-ovh.jpg', alt: 'Le site de Strasbourg après l’incendie', width: 1600, height: 900 },
    readingMinutes: 9,
  }),
  pharmacies: makePost({
    title: 'SEA : open-bar pour les pharmacies en ligne !',
    url: '/sea-pharmacies-en-ligne/',
    excerpt: 'Le Conseil d’État autorise le référencement payant aux pharmaciens à partir du 17 mars 2021.',
    publishedAt: '2021-03-18T07:00:00Z',
    categories: [distribution, ecommerce, seo],
    image: { src: '/media/pharmacie.jpg', alt: 'Devanture de pharmacie', width: 1200, height: 675 },
    readingMinutes: 2,
  }),
  cdiscount: makePost({
    title: 'Justice : un directeur d’entrepôt de Cdiscount mis en examen pour vol de données',
    url: '/cdiscount-vol-de-donnees/',
    excerpt: 'Les données de 33 millions de clients auraient été proposées à la vente sur le Darknet.',
    publishedAt: '2021-02-28T23:30:00Z',
    categories: [ecommerce],
    image: { src: '/media/cdiscount.jpg', alt: 'Entrepôt logistique', width: 1200, height: 675 },
    readingMinutes: 2,
  }),
  fevad: makePost(),
  investissements: makePost({
    title: 'Économie : top 10 des pays d’accueil de projets d’investissements étrangers',
    url: '/top-10-investissements-etrangers/',
    excerpt: 'Les dernières tendances en matière d’investissements étrangers, pays par pays.',
    publishedAt: '2021-01-28T10:00:00Z',
    categories: [distribution, ecommerce],
    image: { src: '/media/investissements.jpg', alt: 'Carte du monde des investissements', width: 1200, height: 675 },
  }),
  dsp2: makePost({
    title: 'Ecommerce : les paiements encore plus sécurisés avec la DSP2',
    url: '/paiements-dsp2/',
    excerpt: 'Avec le déploiement de la DSP2, l’authentification forte devient la règle pour les achats en ligne.',
    publishedAt: '2021-01-12T08:00:00Z',
    categories: [ecommerce, monetique],
    image: undefined,
    readingMinutes: 4,
  }),
  drives: makePost({
    title: 'Ecommerce et grande distribution : le chiffre d’affaires des drives jusqu’à +80 % !',
    url: '/drives-chiffre-affaires/',
    excerpt: 'Le commerce s’adapte au Ecommerce et se digitalise… parfois un peu trop tard.',
    publishedAt: '2021-01-05T08:00:00Z',
    categories: [distribution, ecommerce, web],
    image: { src: '/media/drive.jpg', alt: 'Point de retrait d’un drive', width: 1200, height: 675 },
    readingMinutes: 6,
  }),
  avis: makePost({
    title: 'Avis client : liberté d’expression ou diffamation ? Ce que dit la loi',
    url: '/avis-client-diffamation/',
    excerpt: 'Dénigrement, diffamation, harcèlement, calomnie : ce que risque l’auteur d’un avis client.',
    publishedAt: '2020-12-15T08:00:00Z',
    author: undefined,
    categories: [web],
    image: undefined,
    readingMinutes: 5,
  }),
};

/** Markup of the kinds the Markdown pipeline produces, as it stores it. */
export const ARTICLE_HTML = `<p>La nouvelle avait fait le tour des ondes et glacé le sang de bon nombre de clients. Un incendie s’était déclaré le mercredi 10 mars dans des locaux abritant des <a href="https://fr.wikipedia.org/wiki/Centre_de_donn%C3%A9es">data centers</a> OVH à Strasbourg. Le feu avait mobilisé <strong>101 sapeurs-pompiers</strong>. 🔥</p>
<p>Un coup dur pour la French Tech et son fleuron valorisé à <em>plus d’un milliard d’euros</em><sup><a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref="" aria-describedby="footnote-label">1</a></sup>.</p>
<h2 id="user-content-ovh-que-sait-on-de-lincident">OVH : que sait-on de l’incident ? <a class="anchor" href="#user-content-ovh-que-sait-on-de-lincident" aria-label="Lien vers cette section">#</a></h2>
<p>Ce sont 3,6 millions de serveurs web qui sont tombés suite à l’incendie, soit 12 000 à 16 000 clients impactés. Le feu a pris dans le data center <code>SBG2</code>, totalement ravagé par les flammes.</p>
<figure class="pullquote"><blockquote><p>La piste accidentelle est privilégiée.</p></blockquote><figcaption>Le parquet de Strasbourg</figcaption></figure>
<p>Il semblerait que cet incident ait été prévisible : une panne électrique avait déjà provoqué une coupure complète en 2017.</p>
<figure><img src="/media/sbg.jpg" alt="Vue aérienne du site SBG" width="1200" height="675" loading="lazy" decoding="async"><figcaption>Le site de Strasbourg, avec SBG2 au centre (photo d’archives).</figcaption></figure>
<h3 id="user-content-les-recours">Les recours possibles <a class="anchor" href="#user-content-les-recours" aria-label="Lien vers cette section">#</a></h3>
<p>L’article 7.7 des CGV d’OVH exonère l’hébergeur de sa responsabilité en cas de force majeure :</p>
<blockquote><p>« Aucune sauvegarde des données et contenus du client n’est effectuée. »</p></blockquote>
<p>Dans certains cas, la CNIL doit être notifiée :</p>
<ul><li>les données sont restées indisponibles pendant une durée suffisante pour engendrer un risque pour les personnes ;</li><li>les données sont définitivement perdues.</li></ul>
<ol><li>Documenter la violation dans le registre interne.</li><li>Notifier la CNIL dans les 72 heures.</li><li>Informer les personnes concernées si le risque est élevé.</li></ol>
<div class="table-wrap" role="region" aria-label="Tableau défilant" tabindex="0"><table><caption>Top 10 des pays d’accueil d’investissements étrangers</caption><thead><tr><th scope="col" class="num">Rang</th><th scope="col" class="align-left">Pays</th><th scope="col" class="num">Montant (Md$)</th><th scope="col" class="num">Évolution sur un an</th></tr></thead><tbody><tr><td class="num">1</td><td class="align-left">États-Unis</td><td class="num">251</td><td class="num">−1 %</td></tr><tr><td class="num">2</td><td class="align-left">Chine</td><td class="num">140</td><td class="num">4 %</td></tr><tr><td class="num">3</td><td class="align-left">Singapour</td><td class="num">110</td><td class="num">+42 %</td></tr><tr><td class="num">4</td><td class="align-left">Brésil</td><td class="num">75,5</td><td class="num">+26 %</td></tr><tr><td class="num">7</td><td class="align-left">France</td><td class="num">52</td><td class="num">+40 %</td></tr></tbody></table></div>
<figure class="video-embed"><iframe title="Vidéo : reportage chez Planet’Puzzles" srcdoc="&lt;style&gt;body{margin:0;display:grid;place-items:center;height:100vh;background:#222;font:1rem sans-serif}a{color:#fff}&lt;/style&gt;&lt;a href=&quot;https://www.youtube-nocookie.com/embed/abc?autoplay=1&quot;&gt;Lire la vidéo&lt;/a&gt;" loading="lazy" allow="autoplay; fullscreen" allowfullscreen></iframe><figcaption>Cette vidéo est hébergée par YouTube. Rien n’est chargé depuis YouTube avant votre clic.</figcaption></figure>
<pre><code>Sauvegarde hors site : au moins deux prestataires, éloignés géographiquement.</code></pre>
<hr>
<p class="read-more"><a href="/ecommerce-vs-commerce/">Lire la suite</a></p>
<section class="sources" aria-label="Sources"><p>Sources : <a href="https://www.cnil.fr/">CNIL</a>, <a href="https://www.lepoint.fr/">Le Point 2021 – n° 2527</a>, <a href="https://www.tresor.economie.gouv.fr/">Trésor</a>.</p></section>
<section data-footnotes="" class="footnotes"><h2 class="sr-only" id="footnote-label">Notes</h2>
<ol><li id="user-content-fn-1"><p>Selon sa dernière levée de fonds. <a href="#user-content-fnref-1" data-footnote-backref="" aria-label="Retour à la référence 1" class="data-footnote-backref">↩</a></p></li></ol></section>`;

export function makeArticle(overrides: Partial<ArticleView> = {}): ArticleView {
  return {
    ...posts.ovh,
    html: ARTICLE_HTML,
    wordCount: 294,
    imageCaption: 'Le data center SBG2 a été entièrement détruit par les flammes.',
    tags: [
      { label: 'OVH', href: '/tag/ovh/' },
      { label: 'Sauvegarde', href: '/tag/sauvegarde/' },
      { label: 'RGPD', href: '/tag/rgpd/' },
    ],
    updatedAt: '2021-03-24T16:00:00Z',
    previous: { label: posts.pharmacies.title, href: posts.pharmacies.url },
    next: { label: posts.cdiscount.title, href: posts.cdiscount.url },
    related: [posts.cdiscount, posts.dsp2, posts.fevad],
    seoTitle: undefined,
    seoDescription: undefined,
    ...overrides,
  };
}

export function makeHome(overrides: Partial<HomeView> = {}): HomeView {
  return {
    featured: [posts.ovh, posts.pharmacies, posts.cdiscount],
    highlighted: [posts.fevad, posts.investissements, posts.dsp2, posts.drives],
    latest: [posts.ovh, posts.pharmacies, posts.cdiscount, posts.fevad, posts.investissements, posts.avis],
    pagination: { page: 1, pages: 4, previousHref: undefined, nextHref: '/page/2/' },
    ...overrides,
  };
}

export function makeArchive(overrides: Partial<ArchiveView> = {}): ArchiveView {
  return {
    kind: 'category',
    slug: 'ecommerce',
    name: 'Ecommerce',
    description: 'Chiffres, tendances et coulisses du commerce en ligne en France.',
    url: '/categorie/ecommerce/',
    ancestors: [],
    children: [
      { label: 'Logistique', href: '/categorie/ecommerce/logistique/' },
      { label: 'Marketplaces', href: '/categorie/ecommerce/marketplaces/' },
    ],
    posts: [posts.ovh, posts.pharmacies, posts.cdiscount, posts.fevad, posts.dsp2, posts.avis],
    pagination: { page: 2, pages: 3, previousHref: '/categorie/ecommerce/', nextHref: '/categorie/ecommerce/page/3/' },
    ...overrides,
  };
}

export function makeStaticPage(overrides: Partial<StaticPageView> = {}): StaticPageView {
  return {
    title: 'Mentions légales',
    url: '/mentions-legales/',
    html: '<h2 id="user-content-editeur">Éditeur</h2><p>Le Blog Ecommerce est édité par une entreprise individuelle.</p><h2 id="user-content-hebergement">Hébergement</h2><p>Le site est hébergé en France, avec une sauvegarde quotidienne hors site.</p>',
    updatedAt: '2021-03-01T10:00:00Z',
    seoTitle: undefined,
    seoDescription: undefined,
    ...overrides,
  };
}
