# The WIN site's own strings. The interface strings (buttons, menus, dates…) come from
# the theme (themes/default/locales/); a message defined here replaces the theme's.
site-title = WIN: lavoro e un nuovo inizio dopo la tratta
# The statement beside the emblem names the fund of this 2014–2020 action.
eu-funded = Finanziato dall'Unione europea – Fondo Asilo, Migrazione e Integrazione
eu-disclaimer = Il progetto WIN è stato finanziato dal Fondo Asilo, Migrazione e Integrazione (FAMI) dell'Unione europea. I contenuti di questo sito sono di esclusiva responsabilità dei partner del progetto WIN e non riflettono necessariamente le opinioni dell'Unione europea. La Commissione europea non è responsabile dell'uso che potrebbe essere fatto delle informazioni qui contenute.
documents-disclaimer = Il progetto WIN è stato finanziato dal Fondo Asilo, Migrazione e Integrazione (FAMI) dell'Unione europea. I contenuti di questo documento sono di esclusiva responsabilità dei partner del progetto WIN e non riflettono necessariamente le opinioni dell'Unione europea. La Commissione europea non è responsabile dell'uso che potrebbe essere fatto delle informazioni qui contenute.
