# Interface strings of the default theme: buttons, menus, dates, the footer and the
# labels of statistics tables. A site replaces any of them by defining the same message in
# its own locales/LANG/ files (or this whole file with locales/LANG/theme.ftl).
# Textes de l'interface du thème par défaut, français.
choose-language = Lire le site en français
skip-to-content = Aller au contenu principal
quick-exit = Quitter ce site
quick-exit-hint = Ou appuyez trois fois sur la touche Maj.
safety-link = Naviguer en sécurité
draft-banner = Brouillon : cette page n'est pas encore publiée.
language-nav = Langues
main-nav = Menu principal
menu-button = Menu
breadcrumb-nav = Vous êtes ici
footer-nav = À propos de ce site
eu-emblem-alt = Drapeau de l'Union européenne
eu-funded = Financé par l'Union européenne
eu-disclaimer = Ce site a été réalisé grâce au financement du Fonds Asile, Migration et Intégration de l'Union européenne. Son contenu relève de la seule responsabilité des partenaires du projet et ne reflète pas nécessairement l'opinion de l'Union européenne. La Commission européenne n'est pas responsable de l'usage qui pourrait être fait des informations qu'il contient.
footer-safety = Naviguer en sécurité
footer-accessibility = Accessibilité
footer-privacy = Confidentialité
footer-contact = Contact
published = Publié le
updated = mis à jour le
contents = Sur cette page
table-region = Tableau
in-this-section = Dans cette rubrique
latest-news = Les dernières nouvelles de la campagne
tags = Étiquettes
all-tags = Toutes les étiquettes
tagged = Pages avec l'étiquette « { $term } »
pages-count = { $count ->
    [one] une page
   *[other] { $count } pages
}
not-found-title = Page introuvable
not-found-text = Il n'y a aucune page à cette adresse. Elle a peut-être été déplacée, ou l'adresse contient une faute de frappe.
back-home = Aller à la page d'accueil
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
date-long = { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year }
video-external = Cette vidéo se trouve sur { $host }, un site extérieur à celui-ci. Si vous l'ouvrez, { $host } peut savoir que vous l'avez regardée.
video-watch = Regarder « { $title } » sur { $host }
percent = { $value } %

## Tables and charts
stats-suppressed = non affiché
stats-suppressed-footnote = « Non affiché » : le nombre est inférieur à { $n }, ou permettrait de retrouver un nombre inférieur à { $n }. Nous masquons ces nombres pour protéger la vie privée des personnes comptées.
stats-missing = pas de données
stats-source = Source
stats-reference-date = Date de référence
stats-download-csv = Télécharger les données (CSV)
stats-total-row = Total
stats-percent-of = % de
stats-chart-desc = Graphique en barres. Chaque barre indique un nombre de personnes et sa part ; les mêmes chiffres figurent dans le tableau.
stats-show-table = Afficher les chiffres sous forme de tableau
feed-title = Actualités : { $section }
pagination-nav = Pages de la liste
page-previous = Page précédente
page-next = Page suivante

## Discreet titles ([safety] discreet_titles): a neutral name for <title>; sites write their own
site-title-discreet = Informations

## Design: the header's short slogan beside the wordmark, and the note on missing figures
stats-missing-footnote = « Pas de données » : la source ne donne pas ce chiffre.

## Search (templates/partials/search.html, static/js/search.js)
search-label = Rechercher sur ce site
search-button = Rechercher
search-hint = Ce que vous tapez reste sur cet appareil : rien n’est envoyé ni enregistré.
search-needs-js = La recherche a besoin de JavaScript, qui est désactivé dans ce navigateur. Toutes les pages sont accessibles depuis le menu.
search-loading = Recherche en cours…
search-found = Pages trouvées : { $count }
search-none = Aucune page ne contient tous ces mots. Essayez un autre mot, ou moins de mots.
search-failed = La recherche n’est pas disponible pour le moment. Toutes les pages sont accessibles depuis le menu.
