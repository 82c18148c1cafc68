# The WIN site's own strings. The interface strings (buttons, menus, dates…) come from
# the theme (themes/default/locales/); a message defined here replaces the theme's.
site-title = WIN: work and a new start after trafficking
eu-disclaimer = This website was produced with funding from the European Union's Asylum, Migration and Integration Fund. Its content is the sole responsibility of the WIN project partners and does not necessarily reflect the views of the European Union. The European Commission is not responsible for any use that may be made of the information it contains.
documents-disclaimer = This document was produced with funding from the European Union's Asylum, Migration and Integration Fund. Its content is the sole responsibility of the WIN project partners and does not necessarily reflect the views of the European Union. The European Commission is not responsible for any use that may be made of the information it contains.
