/** Every string the article editor shows or reads to assistive technology. */
export interface ArticleEditorLabels {
  toolbar: string;
  content: string;
  heading: (level: number) => string;
  bold: string;
  italic: string;
  link: string;
  linkAddress: string;
  removeLink: string;
  bulletList: string;
  orderedList: string;
  blockquote: string;
  pullquote: string;
  attribution: string;
  table: string;
  addRow: string;
  removeRow: string;
  addColumn: string;
  removeColumn: string;
  removeTable: string;
  tableCaption: string;
  image: string;
  imageAlt: string;
  imageAltHelp: string;
  imageCaption: string;
  uploading: string;
  uploadFailed: string;
  video: string;
  videoAddress: string;
  videoTitle: string;
  videoUnsupported: string;
  sources: string;
  sourcesTitle: string;
  readMore: string;
  readMoreAddress: string;
  readMoreLabel: string;
  readMoreInvalid: string;
  edit: string;
  markdownMode: string;
  markdownSource: string;
  apply: string;
  cancel: string;
  required: string;
}

const fr: ArticleEditorLabels = {
  toolbar: 'Mise en forme du texte',
  content: 'Texte de l’article',
  heading: (level) => `Intertitre de niveau ${level}`,
  bold: 'Gras',
  italic: 'Italique',
  link: 'Lien',
  linkAddress: 'Adresse du lien',
  removeLink: 'Retirer le lien',
  bulletList: 'Liste à puces',
  orderedList: 'Liste numérotée',
  blockquote: 'Citation',
  pullquote: 'Exergue',
  attribution: 'Auteur de l’exergue',
  table: 'Insérer un tableau',
  addRow: 'Ajouter une ligne',
  removeRow: 'Supprimer la ligne',
  addColumn: 'Ajouter une colonne',
  removeColumn: 'Supprimer la colonne',
  removeTable: 'Supprimer le tableau',
  tableCaption: 'Légende du tableau',
  image: 'Insérer une image',
  imageAlt: 'Texte alternatif',
  imageAltHelp: 'Décrivez l’image pour les personnes qui ne la voient pas.',
  imageCaption: 'Légende (facultative)',
  uploading: 'Envoi de l’image…',
  uploadFailed: 'L’image n’a pas pu être envoyée.',
  video: 'Insérer une vidéo',
  videoAddress: 'Adresse YouTube, Vimeo ou Dailymotion',
  videoTitle: 'Titre de la vidéo (recommandé)',
  videoUnsupported: 'Cette adresse n’est pas une vidéo YouTube, Vimeo ou Dailymotion.',
  sources: 'Bloc Sources',
  sourcesTitle: 'Titre du bloc Sources',
  readMore: 'Lien «\u00a0Lire la suite\u00a0»',
  readMoreAddress: 'Adresse (https://… ou /…)',
  readMoreLabel: 'Texte du lien (facultatif)',
  readMoreInvalid: 'L’adresse doit commencer par https://, http:// ou /.',
  edit: 'Modifier l’élément sélectionné',
  markdownMode: 'Markdown',
  markdownSource: 'Texte de l’article en Markdown',
  apply: 'Valider',
  cancel: 'Annuler',
  required: 'Ce champ est obligatoire.',
};

const en: ArticleEditorLabels = {
  toolbar: 'Text formatting',
  content: 'Article text',
  heading: (level) => `Heading level ${level}`,
  bold: 'Bold',
  italic: 'Italic',
  link: 'Link',
  linkAddress: 'Link address',
  removeLink: 'Remove link',
  bulletList: 'Bulleted list',
  orderedList: 'Numbered list',
  blockquote: 'Quotation',
  pullquote: 'Pull-quote',
  attribution: 'Pull-quote attribution',
  table: 'Insert a table',
  addRow: 'Add a row',
  removeRow: 'Remove the row',
  addColumn: 'Add a column',
  removeColumn: 'Remove the column',
  removeTable: 'Remove the table',
  tableCaption: 'Table caption',
  image: 'Insert an image',
  imageAlt: 'Alternative text',
  imageAltHelp: 'Describe the image for people who cannot see it.',
  imageCaption: 'Caption (optional)',
  uploading: 'Uploading the image…',
  uploadFailed: 'The image could not be uploaded.',
  video: 'Insert a video',
  videoAddress: 'YouTube, Vimeo or Dailymotion address',
  videoTitle: 'Video title (recommended)',
  videoUnsupported: 'This address is not a YouTube, Vimeo or Dailymotion video.',
  sources: 'Sources block',
  sourcesTitle: 'Sources block title',
  readMore: '“Read more” link',
  readMoreAddress: 'Address (https://… or /…)',
  readMoreLabel: 'Link text (optional)',
  readMoreInvalid: 'The address must start with https://, http:// or /.',
  edit: 'Edit the selected element',
  markdownMode: 'Markdown',
  markdownSource: 'Article text in Markdown',
  apply: 'Apply',
  cancel: 'Cancel',
  required: 'This field is required.',
};

/** The editor's strings in French and English, for the admin's i18n to pass or adapt. */
export const ARTICLE_EDITOR_LABELS: Record<'fr' | 'en', ArticleEditorLabels> = { fr, en };
