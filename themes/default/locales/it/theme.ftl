# Interface strings of the default theme: buttons, menus, dates, the footer and the
# labels of statistics tables. A site replaces any of them by defining the same message in
# its own locales/LANG/ files (or this whole file with locales/LANG/theme.ftl).
# Testi dell'interfaccia del tema predefinito, italiano.
choose-language = Leggi il sito in italiano
skip-to-content = Vai al contenuto principale
quick-exit = Esci da questo sito
quick-exit-hint = Oppure premi tre volte il tasto Maiusc.
safety-link = Navigare in sicurezza
draft-banner = Bozza: questa pagina non è ancora pubblicata.
language-nav = Lingue
main-nav = Menu principale
menu-button = Menu
breadcrumb-nav = Ti trovi qui
footer-nav = Informazioni sul sito
eu-emblem-alt = Bandiera dell'Unione europea
eu-funded = Finanziato dall'Unione europea
eu-disclaimer = Questo sito è stato realizzato con il finanziamento del Fondo Asilo, Migrazione e Integrazione dell'Unione europea. I contenuti sono di esclusiva responsabilità dei partner del progetto e non riflettono necessariamente le opinioni dell'Unione europea. La Commissione europea non è responsabile dell'uso che potrebbe essere fatto delle informazioni qui contenute.
footer-safety = Navigare in sicurezza
footer-accessibility = Accessibilità
footer-privacy = Privacy
footer-contact = Contatti
published = Pubblicato il
updated = aggiornato il
contents = In questa pagina
table-region = Tabella
in-this-section = In questa sezione
latest-news = Le ultime dalla campagna
tags = Etichette
all-tags = Tutte le etichette
tagged = Pagine con l'etichetta «{ $term }»
pages-count = { $count ->
    [one] una pagina
   *[other] { $count } pagine
}
not-found-title = Pagina non trovata
not-found-text = A questo indirizzo non c'è nessuna pagina. Potrebbe essere stata spostata, oppure l'indirizzo contiene un errore di battitura.
back-home = Vai alla pagina iniziale
month-1 = gennaio
month-2 = febbraio
month-3 = marzo
month-4 = aprile
month-5 = maggio
month-6 = giugno
month-7 = luglio
month-8 = agosto
month-9 = settembre
month-10 = ottobre
month-11 = novembre
month-12 = dicembre
date-long = { $day } { $month } { $year }
video-external = Questo video si trova su { $host }, un sito esterno a questo. Se lo apri, { $host } può sapere che l'hai guardato.
video-watch = Guarda «{ $title }» su { $host }
percent = { $value }%

## Tables and charts
stats-suppressed = non mostrato
stats-suppressed-footnote = «Non mostrato»: il numero è inferiore a { $n }, oppure permetterebbe di ricavare un numero inferiore a { $n }. Nascondiamo questi numeri per proteggere la riservatezza delle persone conteggiate.
stats-missing = dato non disponibile
stats-source = Fonte
stats-reference-date = Data di riferimento
stats-download-csv = Scarica i dati (CSV)
stats-total-row = Totale
stats-percent-of = % su
stats-chart-desc = Grafico a barre. Ogni barra indica un numero di persone e la sua percentuale; gli stessi dati sono nella tabella.
stats-show-table = Mostra i dati in una tabella
feed-title = Aggiornamenti: { $section }
pagination-nav = Pagine dell’elenco
page-previous = Pagina precedente
page-next = Pagina successiva

## Discreet titles ([safety] discreet_titles): a neutral name for <title>; sites write their own
site-title-discreet = Informazioni

## Design: the header's short slogan beside the wordmark, and the note on missing figures
stats-missing-footnote = «Dato non disponibile»: la fonte non riporta questo dato.

## Search (templates/partials/search.html, static/js/search.js)
search-label = Cerca nel sito
search-button = Cerca
search-hint = Quello che scrivi resta su questo dispositivo: non viene inviato né salvato.
search-needs-js = La ricerca ha bisogno di JavaScript, che in questo browser è disattivato. Tutte le pagine si raggiungono dal menu.
search-loading = Ricerca in corso…
search-found = Pagine trovate: { $count }
search-none = Nessuna pagina contiene tutte queste parole. Prova con un’altra parola, o con meno parole.
search-failed = La ricerca non è disponibile in questo momento. Tutte le pagine si raggiungono dal menu.
