# The WIN site's own strings. The interface strings (buttons, menus, dates…) come from
# the theme (themes/default/locales/); a message defined here replaces the theme's.
site-title = WIN: lavoro e un nuovo inizio dopo la tratta
# The statement beside the emblem names the fund of this 2014–2020 action.
eu-funded = Finanziato dall'Unione europea – Fondo Asilo, Migrazione e Integrazione
eu-disclaimer = Il progetto WIN è stato finanziato dal Fondo Asilo, Migrazione e Integrazione (FAMI) dell'Unione europea. I contenuti di questo sito sono di esclusiva responsabilità dei partner del progetto WIN e non riflettono necessariamente le opinioni dell'Unione europea. La Commissione europea non è responsabile dell'uso che potrebbe essere fatto delle informazioni qui contenute.
documents-disclaimer = Il progetto WIN è stato finanziato dal Fondo Asilo, Migrazione e Integrazione (FAMI) dell'Unione europea. I contenuti di questo documento sono di esclusiva responsabilità dei partner del progetto WIN e non riflettono necessariamente le opinioni dell'Unione europea. La Commissione europea non è responsabile dell'uso che potrebbe essere fatto delle informazioni qui contenute.

## Discreet titles and contacts (issue 16)
site-title-discreet = WIN: lavoro e un nuovo inizio
site-description-discreet = Lavoro, formazione e un nuovo inizio: le informazioni del progetto WIN, in sei lingue.
contacts-emergency = In caso di emergenza, chiama il { $number }. La chiamata è gratuita e funziona in tutti i paesi dell'Unione europea, da qualsiasi telefono, a qualsiasi ora.
contacts-national = Questo sito non ha un numero di assistenza proprio. Ogni paese dell'UE ha un punto di contatto nazionale ufficiale contro la tratta di esseri umani: la Commissione europea li elenca sul suo sito dedicato alla lotta contro la tratta.
contacts-no-details = I documenti del progetto non riportano numeri di telefono, indirizzi email o indirizzi postali di queste organizzazioni, quindi questo sito non ne mostra. Per contattarne una, usa i recapiti che l'organizzazione stessa pubblica.
contacts-website = Sito web
contacts-email = Email

# The short slogan beside the site's wordmark (static/wordmark.svg) in the header.
brand-tagline = Lavoro e un nuovo inizio
