# Documenti scaricabili (PDF) e l'elenco dell'archivio.

## In ogni PDF
documents-disclaimer = Questo documento è stato realizzato con il finanziamento del Fondo Asilo, Migrazione e Integrazione dell'Unione europea. I contenuti sono di esclusiva responsabilità dei partner del progetto e non riflettono necessariamente le opinioni dell'Unione europea. La Commissione europea non è responsabile dell'uso che potrebbe essere fatto delle informazioni qui contenute.
documents-short-link = Versione più recente e altre lingue:
documents-qr-alt = Codice QR che apre { $link }
documents-updated = Aggiornato il { $date }
documents-licence = Licenza: { $licence }
documents-page = Pagina { $page } di { $total }

## L'elenco dell'archivio
documents-language = Lingua
documents-other-languages = Altre lingue
documents-format = Formato
documents-pages = Pagine
documents-size = Dimensione
documents-size-kb = { $value } KB
documents-size-mb = { $value } MB
documents-last-updated = Ultimo aggiornamento
documents-licence-label = Licenza
documents-short-link-label = Link breve
documents-download = Scarica { $format }, { $size }, { $language }
documents-none = Non ci sono ancora documenti da scaricare.

## Pagine dei link brevi
documents-open = Apri il documento
documents-tick-one = barrare una sola risposta

## Reports
documents-contents = Indice
documents-on-site = Sul sito:
